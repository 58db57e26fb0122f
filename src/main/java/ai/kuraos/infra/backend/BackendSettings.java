package ai.kuraos.infra.backend;

import ai.kuraos.infra.config.CommonRules;
import ai.kuraos.infra.config.ConfigReader;
import ai.kuraos.infra.config.ConfigSection;
import ai.kuraos.infra.config.Environment;
import ai.kuraos.infra.config.TextRule;
import ai.kuraos.infra.data.SecretCatalogue;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code kura-backend} and {@code kura-migrator}: what runs (image and release), how big and how many, the app's
 * non-secret environment. Where the rollout stands is not here: {@code deploy} and {@code rollback} read and set it on
 * the live service (docs/operations.md).
 */
public record BackendSettings(
        String image,
        String release,
        String cpu,
        String memory,
        boolean startupCpuBoost,
        int requestTimeoutSeconds,
        int concurrency,
        int minInstances,
        int maxInstances,
        int migrationTimeoutSeconds,
        Map<String, String> env,
        double traceSampleRatio,
        Ingress ingress,
        boolean liveTemplate,
        Optional<LiveCloudRun.Service> adoptedService,
        Optional<LiveCloudRun.Job> adoptedJob) {

    public static final String TEMPLATE_LIVE = "live";
    public static final String TEMPLATE_PROGRAM = "program";

    static final TextRule MEMORY = new TextRule(
            text -> text.matches("[1-9][0-9]{0,5}(Mi|Gi)") && memoryMebibytes(text) >= 512 && memoryMebibytes(text) <= 32 * 1024,
            "a memory size from 512Mi to 32Gi, e.g. 1Gi, " + CloudRunLimits.MEMORY_CEILINGS);

    public BackendSettings {
        env = Collections.unmodifiableSortedMap(new TreeMap<>(env));
    }

    /**
     * @param edgeRuns     whether the stack has the edge's load balancer
     * @param adoptedService the live service the stack adopts, and {@code adoptedJob} the live job
     */
    public static BackendSettings read(ConfigSection section, Environment environment, boolean edgeRuns, Optional<LiveCloudRun.Service> adoptedService,
                                       Optional<LiveCloudRun.Job> adoptedJob, ConfigReader config) {
        var adopted = adoptedService.isPresent() || adoptedJob.isPresent();
        var templateValue = section.value("template", "`live`: the adopted service and job keep the template that runs"
                + " (as described in `stacks/<stack>/adopted/`), so that adopting them changes nothing. `program`: the"
                + " program's template (its service accounts, Direct VPC egress, Redis, probes): the step of the"
                + " adoption sequence that puts a revision with VPC egress in service (docs/adoption.md).")
                .defaultShown("`live` for an adopted service, else `program`");
        var liveTemplate = templateValue.text(adopted ? TEMPLATE_LIVE : TEMPLATE_PROGRAM,
                TextRule.oneOf(List.of(TEMPLATE_LIVE, TEMPLATE_PROGRAM))).equals(TEMPLATE_LIVE);
        if (liveTemplate && !adopted) {
            config.reject(templateValue.key(), "got \"live\", but the stack adopts neither kura-backend nor kura-migrator"
                    + " with a description in stacks/<stack>/adopted/; remove it");
        }
        if (liveTemplate) {
            adoptedService.ifPresent(live -> LiveCloudRun.liveTemplateProblem(live).ifPresent(problem ->
                    config.reject(templateValue.key(), "got \"live\", but " + problem)));
        }
        var ingressValue = section.value("ingress", "Where kura-backend takes traffic from: `all`, or `load-balancer`"
                + " (only the edge's load balancer, with an edge). An adopted service keeps its own until this is set.")
                .defaultShown("`load-balancer` with an edge, else `all`; an adopted service's own");
        var ingressDefault = adoptedService.map(live -> Ingress.ofCloudRunValue(live.ingress()))
                .orElse(edgeRuns ? Ingress.LOAD_BALANCER_ONLY : Ingress.ALL);
        var ingress = ingressValue.text(ingressDefault.id(), TextRule.oneOf(Ingress.ids())).equals(Ingress.ALL.id())
                ? Ingress.ALL : Ingress.LOAD_BALANCER_ONLY;
        if (ingress == Ingress.LOAD_BALANCER_ONLY && !edgeRuns) {
            config.reject(ingressValue.key(), "got \"load-balancer\", but the stack has no edge (kura-infra:edge); only"
                    + " a stack with the load balancer can take traffic from it alone");
        }
        var imageValue = section.value("image", "The image a new stack's service is created with; afterwards `deploy`"
                + " releases images, and what runs is read from Cloud Run, not from here. By default a public"
                + " placeholder that answers on `$PORT`, so that the first update of an empty project can create the"
                + " service.").defaultShown("`" + BackendNames.PLACEHOLDER_IMAGE + "`");
        var image = imageValue.text(BackendNames.PLACEHOLDER_IMAGE, CommonRules.IMAGE);
        var releaseValue = section.value("release", "The release id; required with an image. It names the revision,"
                + " `kura-backend-<release>-<fingerprint>`, so each new image needs a new one. The fingerprint (6 hex"
                + " digits) hashes the whole serialized revision template: what the code sets (probes, ports, CPU"
                + " allocation, egress), what the stack file sets (resources, scaling, env) and the values other resources"
                + " produce (secret versions, the Redis host and CA, the Kafka address and CA). Cloud Run refuses a changed"
                + " template under a name it has seen, so every change of it gets a new revision by itself. Like `image`, only the first release: `deploy` names the"
                + " later ones.")
                .defaultShown("`" + BackendNames.PLACEHOLDER_RELEASE + "` with the placeholder image");
        var release = imageValue.isSet() ? releaseValue.requiredText(BackendNames.RELEASE)
                : releaseValue.text(BackendNames.PLACEHOLDER_RELEASE, BackendNames.RELEASE);
        var cpu = section.value("cpu", "CPUs per instance.").text("1", TextRule.oneOf(List.of("1", "2", "4", "6", "8")));
        var memoryValue = section.value("memory", "Memory per instance. 4 CPUs need 2Gi; 6 or 8 need 4Gi.");
        var memory = memoryValue.text(environment.pick("512Mi", "1Gi", "1Gi"), MEMORY);
        if (memoryMebibytes(memory) < minimumMemoryMebibytes(cpu)) {
            config.reject(memoryValue.key(), "got \"" + memory + "\"; " + cpu + " CPUs need at least "
                    + minimumMemoryMebibytes(cpu) / 1024 + "Gi on Cloud Run");
        }
        CloudRunLimits.memoryProblem(cpu, memoryMebibytes(memory)).ifPresent(problem ->
                config.reject(memoryValue.key(), "got \"" + memory + "\"; expected " + problem));
        var startupCpuBoost = section.value("startupCpuBoost", "Extra CPU while an instance starts.").bool(true);
        var requestTimeout = section.value("requestTimeoutSeconds", "The longest a request may take.").integer(300, 1, 3600);
        var concurrency = section.value("concurrency", "Requests one instance handles at once.").integer(80, 1, 1000);
        var minInstancesValue = section.value("minInstances", "Instances kept warm; at least 1 in prod, so that no"
                + " request waits for a cold start.");
        var minInstances = minInstancesValue.integer(environment.pick(0, 0, 1), 0, 100);
        if (environment == Environment.PROD && minInstances < 1) {
            config.reject(minInstancesValue.key(), "got " + minInstances + "; a prod stack keeps at least 1 instance warm,"
                    + " so that no request waits for a cold start");
        }
        var maxInstancesValue = section.value("maxInstances", "The scaling ceiling; at least `minInstances`.");
        var maxInstances = maxInstancesValue.integer(Math.max(environment.pick(2, 3, 10), minInstances), 1, 1000);
        if (maxInstances < minInstances) {
            config.reject(maxInstancesValue.key(), "got " + maxInstances + "; expected at least minInstances ("
                    + minInstances + ")");
        }
        var migrationTimeout = section.value("migrationTimeoutSeconds", "The migrator task's timeout. The job runs one"
                + " task and never retries it.").integer(600, 60, 86_400);
        var envValue = section.value("env", "The app's non-secret environment (the seeds' `env-vars.yaml`), at most "
                + CloudRunLimits.MAX_ENV_VARIABLES + " variables and " + CloudRunLimits.MAX_ENV_BYTES / 1024
                + " KiB in all (Cloud Run's limits). Names the program sets are refused, and so are secrets: " + String.join(", ", new TreeSet<>(BackendNames.RESERVED_ENV))
                + ".");
        var env = envValue.plaintextMap(CommonRules.ENV_NAME, CommonRules.ANY_TEXT);
        CloudRunLimits.environmentProblem(env).ifPresent(problem -> config.reject(envValue.key(), problem));
        env.keySet().stream().filter(name -> BackendNames.RESERVED_ENV.contains(name)
                        || SecretCatalogue.byName(name).isPresent())
                .forEach(name -> config.reject(envValue.key() + "." + name, "set by the program (or a secret from Secret"
                        + " Manager); choose another name"));
        var traceSampleRatio = section.value("traceSampleRatio", "The share of requests traced to Cloud Trace"
                        + " (`OTEL_TRACES_SAMPLER_ARG`, parent-based). The backend also gets `OTEL_SERVICE_NAME=kura-backend`"
                        + " and `OTEL_RESOURCE_ATTRIBUTES` with the release and the environment.")
                .decimal(environment.pick(1.0, 0.5, 0.1), 0.0, 1.0);
        return new BackendSettings(image, release, cpu, memory, startupCpuBoost, requestTimeout,
                concurrency, minInstances, maxInstances, migrationTimeout, env, traceSampleRatio,
                ingress, liveTemplate, adoptedService, adoptedJob);
    }

    private static int memoryMebibytes(String memory) {
        var amount = Integer.parseInt(memory.substring(0, memory.length() - 2));
        return memory.endsWith("Gi") ? amount * 1024 : amount;
    }

    /** Cloud Run's floor: 4 CPUs need 2 GiB, 6 or 8 CPUs need 4 GiB. */
    private static int minimumMemoryMebibytes(String cpu) {
        return switch (cpu) {
            case "4" -> 2048;
            case "6", "8" -> 4096;
            default -> 512;
        };
    }

}
