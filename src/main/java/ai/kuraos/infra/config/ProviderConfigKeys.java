package ai.kuraos.infra.config;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The configuration keys of the namespaces a stack file may hold besides the program's own: the providers the
 * programs use, and Pulumi's. A key the provider does not know is ignored by it, so a typo ({@code gcp:regoin})
 * silently falls back to a default; here it is named, with the nearest real key.
 */
public final class ProviderConfigKeys {

    /**
     * Keys the provider plugin reads beyond those of the SDK we compile against (gcp 7.0.0, kubernetes 4.0.0): the
     * plugin the engine runs may be newer. Sources: https://www.pulumi.com/registry/packages/gcp/installation-configuration/
     * and https://www.pulumi.com/registry/packages/gcp/api-docs/provider/ (v7.x to v9.x: addPulumiAttributionLabel,
     * addTerraformAttributionLabel, terraformAttributionLabelAdditionStrategy, universeDomain, ...);
     * https://www.pulumi.com/registry/packages/kubernetes/installation-configuration/ (kubeClientSettings,
     * helmReleaseSettings, enableSecretMutable, skipUpdateUnreachable, clusterIdentifier, alwaysRender).
     */
    private static final Map<String, Set<String>> NEWER_PLUGIN_KEYS = Map.of(
            "gcp", Set.of("addPulumiAttributionLabel", "addTerraformAttributionLabel", "defaultLabels",
                    "terraformAttributionLabelAdditionStrategy", "universeDomain", "skipRegionValidation"),
            "kubernetes", Set.of("kubeClientSettings", "helmReleaseSettings", "enableSecretMutable",
                    "skipUpdateUnreachable", "clusterIdentifier", "alwaysRender", "enableDryRun"));

    /**
     * Pulumi's own stack settings (https://www.pulumi.com/docs/iac/concepts/config/ and .../providers/#disabling-default-providers,
     * .../resources/names/#autonaming-configuration); the random and tls providers have no configuration keys in the
     * versions the programs pin, except tls's proxy block.
     */
    private static final Map<String, Set<String>> OTHER_KEYS = Map.of(
            "pulumi", Set.of("disable-default-providers", "tags", "autonaming"),
            "random", Set.of(),
            "tls", Set.of("proxy"));

    private static final Map<String, Set<String>> KNOWN = Map.of(
            "gcp", union(sdkKeys(com.pulumi.gcp.Config.class), NEWER_PLUGIN_KEYS.get("gcp")),
            "kubernetes", union(sdkKeys(com.pulumi.kubernetes.Config.class), NEWER_PLUGIN_KEYS.get("kubernetes")),
            "pulumi", OTHER_KEYS.get("pulumi"),
            "random", OTHER_KEYS.get("random"),
            "tls", OTHER_KEYS.get("tls"));

    private ProviderConfigKeys() {
    }

    /** The namespaces this knows, e.g. gcp. */
    public static Set<String> namespaces() {
        return new TreeSet<>(KNOWN.keySet());
    }

    /** What is wrong with {@code namespace:name}, if the namespace is one of {@link #namespaces()} and the name unknown. */
    public static Optional<String> problem(String namespace, String name) {
        var known = KNOWN.get(namespace);
        // The gcp provider has one custom endpoint per Google API, and newer plugins add APIs.
        if (known == null || known.contains(name) || (namespace.equals("gcp") && name.endsWith("CustomEndpoint"))) {
            return Optional.empty();
        }
        if (known.isEmpty()) {
            return Optional.of("unknown key; the " + namespace + " provider takes no configuration, so remove it");
        }
        return Optional.of("unknown key of the " + namespace + " provider, which would ignore it; "
                + Suggestions.closest(name, known).map(match -> "did you mean " + namespace + ":" + match + "?")
                .orElse("see its Installation & Configuration page in the Pulumi registry for the keys it reads"));
    }

    /** The SDK's generated {@code Config} class has one accessor per configuration key of the provider's schema. */
    private static Set<String> sdkKeys(Class<?> config) {
        return Arrays.stream(config.getDeclaredMethods())
                .filter(method -> Modifier.isPublic(method.getModifiers()) && !Modifier.isStatic(method.getModifiers())
                        && method.getParameterCount() == 0)
                .map(Method::getName)
                .collect(Collectors.toSet());
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        return Stream.concat(a.stream(), b.stream()).collect(Collectors.toUnmodifiableSet());
    }
}
