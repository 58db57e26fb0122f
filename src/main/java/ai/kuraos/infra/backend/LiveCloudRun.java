package ai.kuraos.infra.backend;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The adopted {@code kura-backend} and {@code kura-migrator} as {@code gcloud run services describe} and
 * {@code gcloud run jobs describe} print them with {@code --format=json} (the Knative-shaped v1 API), reduced to the
 * Cloud Run v2 inputs the program declares while the stack keeps the live template ({@code backend.template: live}).
 */
public final class LiveCloudRun {

    private LiveCloudRun() {
    }

    /**
     * One container.
     *
     * @param name       as described: gcloud names it (e.g. {@code kura-backend-1}), and the v2 resource's container
     *                   {@code name} is Optional, not Computed (v5.0.0 resource_cloud_run_v2_service.go), so it is declared
     * @param env        the plain environment, in the described order
     * @param secretEnv  environment variable to {@code secret:version}, e.g. {@code DATABASE_URL:latest}
     * @param cpu        as described, e.g. {@code 1000m}
     */
    public record Container(String name, String image, Map<String, String> env, Map<String, SecretRef> secretEnv, String cpu,
                            String memory, Optional<Integer> port, List<String> command, List<String> args) {

        public Container {
            env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
            secretEnv = Collections.unmodifiableMap(new LinkedHashMap<>(secretEnv));
            command = List.copyOf(command);
            args = List.copyOf(args);
        }
    }

    public record SecretRef(String secret, String version) {
    }

    /**
     * The service.
     *
     * @param ingress        Cloud Run v2's value, e.g. {@code INGRESS_TRAFFIC_ALL}
     * @param cloudSqlInstances connection names of {@code run.googleapis.com/cloudsql-instances}
     * @param cpuIdle        CPU only during requests ({@code run.googleapis.com/cpu-throttling}, true when absent)
     * @param url            the run.app URL ({@code status.url})
     * @param revision       the revision that serves ({@code status.latestReadyRevisionName})
     * @param vpcEgress      its template reaches the VPC (Direct VPC egress or a connector)
     */
    public record Service(String name, String location, String ingress, Map<String, String> labels, Container container,
                          String serviceAccount, int minInstances, int maxInstances, int concurrency, int timeoutSeconds,
                          boolean cpuIdle, boolean startupCpuBoost, Optional<String> executionEnvironment,
                          List<String> cloudSqlInstances, String url, String revision, boolean allTrafficToLatest,
                          boolean vpcEgress) {

        public Service {
            labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels));
            cloudSqlInstances = List.copyOf(cloudSqlInstances);
        }
    }

    /** The job. */
    public record Job(String name, String location, Map<String, String> labels, Container container,
                      String serviceAccount, int taskCount, int parallelism, int maxRetries, int timeoutSeconds,
                      Optional<String> executionEnvironment, List<String> cloudSqlInstances) {

        public Job {
            labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels));
            cloudSqlInstances = List.copyOf(cloudSqlInstances);
        }
    }

    /** Throws {@link IllegalArgumentException} when {@code describe} is not a Cloud Run service's description. */
    public static Service service(JsonNode describe) {
        expectKind(describe, "Service", "gcloud run services describe --format=json");
        var metadata = describe.path("metadata");
        var template = describe.path("spec").path("template");
        var annotations = template.path("metadata").path("annotations");
        var spec = template.path("spec");
        var traffic = describe.path("spec").path("traffic");
        return new Service(
                metadata.path("name").asText(),
                location(metadata),
                ingress(metadata.path("annotations").path("run.googleapis.com/ingress").asText("all")),
                userLabels(metadata.path("labels")),
                container(spec),
                spec.path("serviceAccountName").asText(""),
                annotations.path("autoscaling.knative.dev/minScale").asInt(0),
                annotations.path("autoscaling.knative.dev/maxScale").asInt(100),
                spec.path("containerConcurrency").asInt(80),
                spec.path("timeoutSeconds").asInt(300),
                annotations.path("run.googleapis.com/cpu-throttling").asBoolean(true),
                annotations.path("run.googleapis.com/startup-cpu-boost").asBoolean(false),
                executionEnvironment(annotations),
                cloudSqlInstances(annotations),
                describe.path("status").path("url").asText(""),
                describe.path("status").path("latestReadyRevisionName").asText(""),
                traffic.size() == 1 && traffic.get(0).path("latestRevision").asBoolean(false),
                annotations.has("run.googleapis.com/network-interfaces")
                        || annotations.has("run.googleapis.com/vpc-access-connector"));
    }

    /** Why the live template cannot be declared as it is; none when it can. */
    public static Optional<String> liveTemplateProblem(Service service) {
        if (!service.allTrafficToLatest()) {
            return Optional.of("the adopted service's traffic is split or pinned to a revision; adopt it once its whole"
                    + " traffic goes to the latest revision (gcloud run services update-traffic --to-latest)");
        }
        return Optional.empty();
    }

    /** Throws {@link IllegalArgumentException} when {@code describe} is not a Cloud Run job's description. */
    public static Job job(JsonNode describe) {
        expectKind(describe, "Job", "gcloud run jobs describe --format=json");
        var metadata = describe.path("metadata");
        var execution = describe.path("spec").path("template");
        var annotations = execution.path("metadata").path("annotations");
        var task = execution.path("spec").path("template").path("spec");
        return new Job(
                metadata.path("name").asText(),
                location(metadata),
                userLabels(metadata.path("labels")),
                container(task),
                task.path("serviceAccountName").asText(""),
                execution.path("spec").path("taskCount").asInt(1),
                execution.path("spec").path("parallelism").asInt(1),
                task.path("maxRetries").asInt(3),
                task.path("timeoutSeconds").asInt(600),
                executionEnvironment(annotations),
                cloudSqlInstances(annotations));
    }

    private static void expectKind(JsonNode describe, String kind, String command) {
        if (!kind.equals(describe.path("kind").asText()) || describe.path("metadata").path("name").asText("").isEmpty()) {
            throw new IllegalArgumentException("kind is '" + describe.path("kind").asText() + "', expected " + kind
                    + " with a metadata.name (" + command + ")");
        }
        if (describe.path("spec").path("template").path("spec").isMissingNode()) {
            throw new IllegalArgumentException("has no spec.template.spec (" + command + ")");
        }
    }

    private static Container container(JsonNode podSpec) {
        var containers = podSpec.path("containers");
        if (containers.size() != 1) {
            throw new IllegalArgumentException("has " + containers.size() + " containers; the program declares one");
        }
        var container = containers.get(0);
        var env = new LinkedHashMap<String, String>();
        var secretEnv = new LinkedHashMap<String, SecretRef>();
        container.path("env").forEach(variable -> {
            var secret = variable.path("valueFrom").path("secretKeyRef");
            if (secret.isMissingNode()) {
                env.put(variable.path("name").asText(), variable.path("value").asText(""));
            } else {
                secretEnv.put(variable.path("name").asText(), new SecretRef(secret.path("name").asText(),
                        secret.path("key").asText("latest")));
            }
        });
        var ports = container.path("ports");
        return new Container(container.path("name").asText(""), container.path("image").asText(), env, secretEnv,
                container.path("resources").path("limits").path("cpu").asText("1000m"),
                container.path("resources").path("limits").path("memory").asText("512Mi"),
                ports.size() > 0 ? Optional.of(ports.get(0).path("containerPort").asInt()) : Optional.empty(),
                strings(container.path("command")), strings(container.path("args")));
    }

    private static String location(JsonNode metadata) {
        return metadata.path("labels").path("cloud.googleapis.com/location").asText("");
    }

    /** The labels a user set: Cloud Run's own ({@code cloud.googleapis.com/...}, {@code run.googleapis.com/...}) are not inputs. */
    private static Map<String, String> userLabels(JsonNode labels) {
        var user = new TreeMap<String, String>();
        labels.fields().forEachRemaining(label -> {
            if (!label.getKey().contains("googleapis.com/") && !label.getKey().contains("knative.dev/")) {
                user.put(label.getKey(), label.getValue().asText());
            }
        });
        return user;
    }

    private static String ingress(String v1) {
        return switch (v1) {
            case "all" -> "INGRESS_TRAFFIC_ALL";
            case "internal" -> "INGRESS_TRAFFIC_INTERNAL_ONLY";
            case "internal-and-cloud-load-balancing" -> "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER";
            default -> throw new IllegalArgumentException("run.googleapis.com/ingress is '" + v1 + "'");
        };
    }

    private static Optional<String> executionEnvironment(JsonNode annotations) {
        return switch (annotations.path("run.googleapis.com/execution-environment").asText("")) {
            case "gen1" -> Optional.of("EXECUTION_ENVIRONMENT_GEN1");
            case "gen2" -> Optional.of("EXECUTION_ENVIRONMENT_GEN2");
            default -> Optional.empty();
        };
    }

    private static List<String> cloudSqlInstances(JsonNode annotations) {
        var instances = new ArrayList<String>();
        for (var instance : annotations.path("run.googleapis.com/cloudsql-instances").asText("").split(",")) {
            if (!instance.isBlank()) {
                instances.add(instance.trim());
            }
        }
        return instances;
    }

    private static List<String> strings(JsonNode array) {
        var values = new ArrayList<String>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
