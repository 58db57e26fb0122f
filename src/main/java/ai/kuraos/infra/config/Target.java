package ai.kuraos.infra.config;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Where a stack deploys and how its resources are marked and guarded: shared by every component.
 * {@code deletionProtection} turns on every guard against deleting stateful resources (Pulumi's and the APIs' own);
 * {@code adoption} names the resources that exist already and are imported rather than created.
 */
public record Target(
        String stack,
        Environment environment,
        String project,
        String region,
        Map<String, String> labels,
        boolean deletionProtection,
        Adoption adoption) {

    /** The named override that lets a prod stack run without deletion protection, e.g. to decommission it. */
    public static final String ALLOW_UNPROTECTED_PROD = "allow-unprotected-prod";
    static final TextRule OVERRIDE_NAME = TextRule.oneOf(List.of(ALLOW_UNPROTECTED_PROD));
    static final TextRule OVERRIDE_REASON = TextRule.nonBlank("why the guard is overridden, e.g. a change ticket");

    public Target {
        labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels));
    }

    /** A stack that adopts nothing. */
    public Target(String stack, Environment environment, String project, String region, Map<String, String> labels,
                  boolean deletionProtection) {
        this(stack, environment, project, region, labels, deletionProtection, Adoption.NONE);
    }

    public boolean isProd() {
        return environment == Environment.PROD;
    }

    /**
     * The stack and its guards: project, region, environment, labels, deletion protection and its override.
     *
     * @param adoptable the logical names the program can adopt ({@code kura-infra:adopt} refuses any other)
     */
    public static Target read(String stack, ConfigReader config, List<String> adoptable) {
        var project = config.providerSetting("gcp:project", "The project every resource is created in. The gcp"
                + " provider uses it too.").requiredText(CommonRules.PROJECT_ID);
        var region = config.providerSetting("gcp:region", "The region of every regional resource.")
                .requiredText(Regions.REGION);
        var environment = environment(stack, config);
        var labels = labels(config.setting("labels", "Extra labels on every resource that takes labels, at most "
                + (LabelLimits.MAX_LABELS - Labels.RESERVED.size()) + " (Google Cloud allows " + LabelLimits.MAX_LABELS
                + " a resource). `app`, `environment` and `managed-by` are reserved: the program sets them."), config);
        var deletionProtection = deletionProtection(environment, config);
        var adoption = Adoption.read(config.setting("adopt", "Resources that already exist and that the stack takes"
                + " over with Pulumi's import instead of creating them: logical name (as in plan.json) to import id. The"
                + " runbook is docs/adoption.md."), adoptable);
        return new Target(stack, environment, project, region, Labels.forStack(environment, labels), deletionProtection,
                adoption);
    }

    /** Which environment's defaults and guards apply: the stack's name, or {@code kura-infra:environment}. */
    public static Environment environment(String stack, ConfigReader config) {
        var value = config.setting("environment", "Which environment's defaults and guards apply. Required when the"
                + " stack is not named after an environment.").defaultShown("the stack's name");
        var namedAfterStack = Environment.byId(stack);
        if (!value.isSet() && namedAfterStack.isEmpty()) {
            config.reject(value.key(), "missing; stack '" + stack + "' is not named after an environment, so set it to one of "
                    + String.join(", ", Environment.ids()));
            return Environment.DEV;
        }
        var id = value.text(namedAfterStack.map(Environment::id).orElse(""), TextRule.oneOf(Environment.ids()));
        return Environment.byId(id).orElse(Environment.DEV);
    }

    private static Map<String, String> labels(ConfigValue value, ConfigReader config) {
        var labels = value.textMap(Map.of(), Labels.KEY, Labels.VALUE);
        LabelLimits.countProblem(labels.size(), Labels.RESERVED.size()).ifPresent(problem -> config.reject(value.key(), problem));
        labels.keySet().stream().filter(Labels.RESERVED::contains).sorted().forEach(reserved ->
                config.reject(value.key() + "." + reserved, "reserved label; the program sets app, environment and"
                        + " managed-by itself, so choose another key"));
        return labels;
    }

    private static boolean deletionProtection(Environment environment, ConfigReader config) {
        var value = config.setting("deletionProtection", "Every guard against deleting stateful resources: Pulumi"
                + " `protect` on all of them, plus Cloud SQL's own two guards. In a prod stack it can be turned off only"
                + " with the override `" + ALLOW_UNPROTECTED_PROD + "`.");
        var protect = value.bool(environment.pick(false, true, true));
        var overrides = config.setting("overrides", "Named, deliberate exceptions to guards. The only one is `"
                        + ALLOW_UNPROTECTED_PROD + "`, which lets prod run with `deletionProtection: false`; its reason is"
                        + " printed as a warning on every plan and preview.")
                .textMap(Map.of(), OVERRIDE_NAME, OVERRIDE_REASON);
        var unprotectedProdReason = Optional.ofNullable(overrides.get(ALLOW_UNPROTECTED_PROD));
        var guarded = environment == Environment.PROD && !protect;
        if (guarded && unprotectedProdReason.isEmpty()) {
            config.reject(value.key(), "got false; deletion protection cannot be turned off in a prod stack. To do it"
                    + " deliberately, also set kura-infra:overrides." + ALLOW_UNPROTECTED_PROD + " to the reason");
        } else if (guarded) {
            config.warn("deletion protection is OFF in this prod stack (" + ALLOW_UNPROTECTED_PROD + ": "
                    + unprotectedProdReason.get() + ")");
        } else if (unprotectedProdReason.isPresent()) {
            config.warn("kura-infra:overrides." + ALLOW_UNPROTECTED_PROD + " has no effect here: it only applies to a"
                    + " prod stack with kura-infra:deletionProtection set to false");
        }
        return protect;
    }
}
