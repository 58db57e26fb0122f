package ai.kuraos.infra.bootstrap;

import ai.kuraos.infra.config.CommonRules;
import ai.kuraos.infra.config.ConfigError;
import ai.kuraos.infra.config.ConfigReader;
import ai.kuraos.infra.config.ConfigSection;
import ai.kuraos.infra.config.Environment;
import ai.kuraos.infra.config.InvalidConfigException;
import ai.kuraos.infra.config.KeyDoc;
import ai.kuraos.infra.config.StackConfigValues;
import ai.kuraos.infra.config.Target;
import ai.kuraos.infra.config.TextRule;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Reads the bootstrap stack's configuration ({@code kura-bootstrap:} namespace), gathering every error. */
public final class BootstrapSettingsParser {

    public static final String NAMESPACE = "kura-bootstrap";
    static final TextRule PROJECT_ID = CommonRules.PROJECT_ID;
    static final TextRule REGION = CommonRules.REGION;
    static final TextRule REPOSITORY = TextRule.matching("[A-Za-z0-9_.-]{1,39}/[A-Za-z0-9_.-]{1,100}",
            "a GitHub repository as owner/name, e.g. kura-os/kura-infra");
    static final TextRule GITHUB_ID = TextRule.matching("[1-9][0-9]{0,19}",
            "a GitHub numeric id, e.g. from `gh api repos/<owner>/<name> --jq '.id, .owner.id'`");
    static final TextRule BRANCH = TextRule.matching("[A-Za-z0-9._/-]{1,200}", "a branch name such as main");
    static final TextRule BUCKET = TextRule.matching("[a-z0-9][a-z0-9_-]{1,61}[a-z0-9]",
            "a bucket name of 3 to 63 lowercase letters, digits, '-' or '_'");
    static final TextRule BILLING_ACCOUNT = CommonRules.BILLING_ACCOUNT;
    static final TextRule KEY_RING = TextRule.matching("[a-zA-Z0-9_-]{1,63}", "a key ring name such as pulumi");

    static final String PLACEHOLDER_IDS = "github.repositoryId and github.ownerId are placeholders"
            + " (github.idsArePlaceholders): the trust would key on ids no one has checked, so a real run refuses them;"
            + " read them with `gh api repos/<owner>/<name> --jq '.id, .owner.id'`, put them in Pulumi.<stack>.yaml"
            + " and remove github.idsArePlaceholders";

    private BootstrapSettingsParser() {
    }

    /**
     * The settings a real run (the Pulumi CLI's {@code preview} or {@code up}) may apply: the offline plan renders
     * placeholder repository ids, a real run must not trust them.
     */
    public static BootstrapSettings parseForRealRun(String stack, StackConfigValues raw) {
        var settings = parse(stack, raw);
        if (settings.github().idsArePlaceholders()) {
            throw new InvalidConfigException(stack, List.of(new ConfigError(NAMESPACE + ":github.idsArePlaceholders",
                    "is true: " + PLACEHOLDER_IDS)));
        }
        return settings;
    }

    public static BootstrapSettings parse(String stack, StackConfigValues raw) {
        var config = new ConfigReader(raw, NAMESPACE);
        var settings = read(stack, config);
        var errors = config.errors();
        if (!errors.isEmpty()) {
            throw new InvalidConfigException(stack, errors);
        }
        return settings;
    }

    /** Every key the bootstrap program reads, with its documentation: the configuration reference's part. */
    public static List<KeyDoc> documented(String stack, StackConfigValues raw) {
        var config = new ConfigReader(raw, NAMESPACE);
        read(stack, config);
        return config.documented();
    }

    private static BootstrapSettings read(String stack, ConfigReader config) {
        var warnings = new ArrayList<String>();
        var project = config.providerSetting("gcp:project", "The automation project: state bucket, keys, pool and service accounts live here.").requiredText(PROJECT_ID);
        var region = config.providerSetting("gcp:region", "Default location of the bucket and the key ring.").requiredText(REGION);
        var github = config.section("github", "The repository CI runs in.");
        var repository = github.value("repository", "Only this repository's tokens are trusted.").requiredText(REPOSITORY);
        var branch = github.value("branch", "Deployment environments are trusted only from this branch.").text("main", BRANCH);
        var repositoryId = github.value("repositoryId", "The repository's numeric id (`gh api repos/<owner>/<name> --jq .id`): tokens carry it as `repository_id`, and a repository created later under the same name gets another.").requiredText(GITHUB_ID);
        var ownerId = github.value("ownerId", "The owner's numeric id (`gh api repos/<owner>/<name> --jq .owner.id`): tokens carry it as `repository_owner_id`.").requiredText(GITHUB_ID);
        var idsArePlaceholders = github.value("idsArePlaceholders", "Whether `repositoryId` and `ownerId` are stand-ins not yet read from GitHub: the offline plan renders with them, and `pulumi preview`/`up` of the bootstrap refuse to run until they are replaced and this key removed.").bool(false);
        if (idsArePlaceholders) {
            warnings.add(PLACEHOLDER_IDS);
        }
        var state = config.section("stateBucket", "The Pulumi state bucket.");
        var bucket = new BootstrapSettings.StateBucket(
                state.value("name", "Its name (global).").defaultShown("`<project>-pulumi-state`").text(project + "-pulumi-state", BUCKET),
                state.value("location", "Its location.").defaultShown("`gcp:region`").text(region, REGION),
                state.value("noncurrentVersionRetentionDays", "How long a replaced or deleted state file stays recoverable.").integer(90, 1, 3650));
        var kmsSection = config.section("kms", "The secrets provider keys.");
        var kms = new BootstrapSettings.Kms(
                kmsSection.value("keyRing", "The key ring; the keys are `kura-<environment>`.").text("pulumi", KEY_RING),
                kmsSection.value("location", "Where the keys live.").defaultShown("`gcp:region`").text(region, REGION),
                kmsSection.value("rotationDays", "How often each key gets a new primary version.").integer(90, 1, 3650));
        var environments = environments(config.section("environments", "The project of each environment (each its own)."), config);
        var billingAccount = Optional.of(config.setting("billingAccount", "When set, each deployer may manage budgets on it (`billing.costsManager`), for the stacks' `monitoring.budget`.").text("", BILLING_ACCOUNT))
                .filter(account -> !account.isEmpty());
        var deletionProtectionValue = config.setting("deletionProtection", "Pulumi `protect` on every bootstrap resource: destroying the bootstrap would delete every stack's state and keys.");
        var deletionProtection = deletionProtectionValue.bool(true);
        if (!deletionProtection) {
            warnings.add("deletion protection is OFF for the bootstrap: destroying it deletes the state of every stack"
                    + " and the keys that decrypt their secrets");
        }
        var labels = Map.of("app", "kura", "environment", "automation", "managed-by", "pulumi");
        var target = new Target(stack, Environment.PROD, project, region, labels, deletionProtection);
        return new BootstrapSettings(target, new BootstrapSettings.Github(repository, branch, repositoryId, ownerId, idsArePlaceholders), bucket, kms, environments,
                billingAccount, warnings);
    }

    /** environment name to project id; every environment of the platform, and nothing else. */
    private static Map<String, String> environments(ConfigSection section, ConfigReader config) {
        var projects = new TreeMap<String, String>();
        for (var environment : Environment.ids()) {
            var value = section.value(environment, "The " + environment + " stack's project.");
            var project = value.requiredText(PROJECT_ID);
            if (!project.isEmpty()) {
                projects.put(environment, project);
            }
        }
        var owners = new TreeMap<String, List<String>>();
        projects.forEach((environment, project) -> owners.computeIfAbsent(project, ignored -> new ArrayList<>()).add(environment));
        owners.forEach((project, sharing) -> {
            if (sharing.size() > 1) {
                config.reject(section.keyOf(sharing.get(1)), "got \"" + project + "\", the project of "
                        + sharing.get(0) + " too; each environment deploys to a project of its own, so that a"
                        + " deployer of one cannot touch another");
            }
        });
        return projects;
    }
}
