package ai.kuraos.infra.bootstrap;

import ai.kuraos.infra.config.ConfigReader;
import ai.kuraos.infra.config.ConfigSection;
import ai.kuraos.infra.config.Environment;
import ai.kuraos.infra.config.InvalidConfigException;
import ai.kuraos.infra.config.StackConfigValues;
import ai.kuraos.infra.config.StackSettingsParser;
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
    static final TextRule PROJECT_ID = StackSettingsParser.PROJECT_ID;
    static final TextRule REGION = StackSettingsParser.REGION;
    static final TextRule REPOSITORY = TextRule.matching("[A-Za-z0-9_.-]{1,39}/[A-Za-z0-9_.-]{1,100}",
            "a GitHub repository as owner/name, e.g. kura-os/kura-infra");
    static final TextRule BRANCH = TextRule.matching("[A-Za-z0-9._/-]{1,200}", "a branch name such as main");
    static final TextRule BUCKET = TextRule.matching("[a-z0-9][a-z0-9_-]{1,61}[a-z0-9]",
            "a bucket name of 3 to 63 lowercase letters, digits, '-' or '_'");
    static final TextRule BILLING_ACCOUNT = StackSettingsParser.BILLING_ACCOUNT;
    static final TextRule KEY_RING = TextRule.matching("[a-zA-Z0-9_-]{1,63}", "a key ring name such as pulumi");

    private BootstrapSettingsParser() {
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

    /** Every key the bootstrap program reads, for the README's reference. */
    public static java.util.Set<String> knownKeys(String stack, StackConfigValues raw) {
        var config = new ConfigReader(raw, NAMESPACE);
        read(stack, config);
        return config.knownKeys();
    }

    private static BootstrapSettings read(String stack, ConfigReader config) {
        var warnings = new ArrayList<String>();
        var project = config.providerSetting("gcp:project").requiredText(PROJECT_ID);
        var region = config.providerSetting("gcp:region").requiredText(REGION);
        var github = config.section("github");
        var repository = github.value("repository").requiredText(REPOSITORY);
        var branch = github.value("branch").text("main", BRANCH);
        var state = config.section("stateBucket");
        var bucket = new BootstrapSettings.StateBucket(
                state.value("name").text(project + "-pulumi-state", BUCKET),
                state.value("location").text(region, REGION),
                state.value("noncurrentVersionRetentionDays").integer(90, 1, 3650));
        var kmsSection = config.section("kms");
        var kms = new BootstrapSettings.Kms(
                kmsSection.value("keyRing").text("pulumi", KEY_RING),
                kmsSection.value("location").text(region, REGION),
                kmsSection.value("rotationDays").integer(90, 1, 3650));
        var environments = environments(config.section("environments"), config);
        var billingAccount = Optional.of(config.setting("billingAccount").text("", BILLING_ACCOUNT))
                .filter(account -> !account.isEmpty());
        var deletionProtectionValue = config.setting("deletionProtection");
        var deletionProtection = deletionProtectionValue.bool(true);
        if (!deletionProtection) {
            warnings.add("deletion protection is OFF for the bootstrap: destroying it deletes the state of every stack"
                    + " and the keys that decrypt their secrets");
        }
        var labels = Map.of("app", "kura", "environment", "automation", "managed-by", "pulumi");
        var target = new Target(stack, Environment.PROD, project, region, labels, deletionProtection);
        return new BootstrapSettings(target, new BootstrapSettings.Github(repository, branch), bucket, kms, environments,
                billingAccount, warnings);
    }

    /** environment name to project id; every environment of the platform, and nothing else. */
    private static Map<String, String> environments(ConfigSection section, ConfigReader config) {
        var projects = new TreeMap<String, String>();
        for (var environment : Environment.ids()) {
            var value = section.value(environment);
            var project = value.requiredText(PROJECT_ID);
            if (!project.isEmpty()) {
                projects.put(environment, project);
            }
        }
        var owners = new TreeMap<String, List<String>>();
        projects.forEach((environment, project) -> owners.computeIfAbsent(project, ignored -> new ArrayList<>()).add(environment));
        owners.forEach((project, sharing) -> {
            if (sharing.size() > 1) {
                config.reject(section.value(sharing.get(1)).key(), "got \"" + project + "\", the project of "
                        + sharing.get(0) + " too; each environment deploys to a project of its own, so that a"
                        + " deployer of one cannot touch another");
            }
        });
        return projects;
    }
}
