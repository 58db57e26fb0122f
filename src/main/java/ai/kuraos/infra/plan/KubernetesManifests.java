package ai.kuraos.infra.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;

import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The Kubernetes objects of a plan as manifests, one YAML file an object under {@code k8s/<namespace>/} (cluster-scoped
 * ones under {@code k8s/_cluster/}), named {@code <kind>-<name>.yaml}: what {@code kubectl apply} would take, for
 * review and for validation against the Kubernetes and Strimzi models. Values known only after creation show as
 * {@code ${resource.output}}; secrets as {@value PlanValues#SECRET}. Helm releases are not objects: plan.json lists them.
 */
public final class KubernetesManifests {

    public static final String DIRECTORY = "k8s";
    public static final String CLUSTER_SCOPED = "_cluster";
    private static final String TYPE_PREFIX = "kubernetes:";
    private static final String HELM_RELEASE = "kubernetes:helm.sh/v3:Release";
    private static final List<String> LEADING_FIELDS = List.of("apiVersion", "kind", "metadata");
    /**
     * Texts a YAML 1.1 or 1.2 reader (kubectl's among them) would take for a number, a boolean or null: a label such
     * as {@code version: 2.7}, or an image tag such as {@code 1234e56}, must stay a text for the API server.
     */
    private static final Pattern NOT_A_TEXT_TO_YAML = Pattern.compile(String.join("|",
            "[-+]?(0b[01_]+|0o?[0-7_]+|0x[0-9a-fA-F_]+|[0-9][0-9_]*(:[0-5]?[0-9])*)",
            "[-+]?([0-9][0-9_]*)?\\.?[0-9_]*([eE][-+]?[0-9]+)?",
            "[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)",
            "y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF",
            "null|Null|NULL|~|"));
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .stringQuotingChecker(new StringQuotingChecker.Default() {
                @Override
                public boolean needToQuoteValue(String value) {
                    return super.needToQuoteValue(value) || NOT_A_TEXT_TO_YAML.matcher(value).matches();
                }
            })
            .build());

    private KubernetesManifests() {
    }

    /** Relative path (under the stack's directory) to manifest. */
    public static SortedMap<String, String> render(Plan plan) {
        var files = new TreeMap<String, String>();
        for (var resource : plan.resources()) {
            if (!isObject(resource)) {
                continue;
            }
            var manifest = ordered(resource.inputs());
            var metadata = manifest.path("metadata");
            var namespace = metadata.path("namespace").asText(CLUSTER_SCOPED);
            var path = DIRECTORY + "/" + namespace + "/" + manifest.path("kind").asText().toLowerCase(Locale.ROOT) + "-"
                    + metadata.path("name").asText() + ".yaml";
            if (files.put(path, yaml(manifest, plan.stack())) != null) {
                throw new IllegalStateException("two Kubernetes objects of stack " + plan.stack() + " render to " + path);
            }
        }
        return files;
    }

    public static boolean isObject(PlannedResource resource) {
        return resource.type().startsWith(TYPE_PREFIX) && !resource.type().equals(HELM_RELEASE);
    }

    /** apiVersion, kind and metadata first, as people write manifests; the rest in the plan's (sorted) order. */
    private static ObjectNode ordered(ObjectNode inputs) {
        var manifest = JsonNodeFactory.instance.objectNode();
        LEADING_FIELDS.forEach(field -> {
            if (inputs.has(field)) {
                manifest.set(field, inputs.get(field));
            }
        });
        inputs.fields().forEachRemaining(field -> {
            if (!LEADING_FIELDS.contains(field.getKey())) {
                manifest.set(field.getKey(), field.getValue());
            }
        });
        return manifest;
    }

    private static String yaml(JsonNode manifest, String stack) {
        try {
            return YAML.writeValueAsString(manifest);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render a Kubernetes object of stack " + stack, e);
        }
    }
}
