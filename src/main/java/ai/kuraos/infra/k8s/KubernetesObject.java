package ai.kuraos.infra.k8s;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.kubernetes.Utilities;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.ResourceArgs;

import java.util.Map;

/**
 * A Kubernetes object of a kind the Java SDK of pulumi-kubernetes has no class for: Strimzi's Kafka, KafkaNodePool,
 * KafkaTopic and KafkaUser, Managed Prometheus' PodMonitoring. The provider takes any kind under the type
 * {@code kubernetes:<apiVersion>:<kind>}, as the other SDKs' {@code CustomResource} does.
 */
public final class KubernetesObject extends CustomResource {

    public KubernetesObject(String name, Args args, CustomResourceOptions options) {
        super("kubernetes:" + args.apiVersion + ":" + args.kind, name, args, CustomResourceOptions.merge(
                CustomResourceOptions.builder().version(Utilities.getVersion()).build(), options, null));
    }

    /** The object as the API server takes it: apiVersion, kind, metadata and spec. */
    public static final class Args extends ResourceArgs {

        @Import(name = "apiVersion", required = true)
        private final Output<String> apiVersionInput;

        @Import(name = "kind", required = true)
        private final Output<String> kindInput;

        @Import(name = "metadata", required = true)
        private final Output<ObjectMetaArgs> metadata;

        @Import(name = "spec", required = true)
        private final Output<Map<String, Object>> spec;

        private final String apiVersion;
        private final String kind;

        public Args(String apiVersion, String kind, ObjectMetaArgs metadata, Output<Map<String, Object>> spec) {
            this.apiVersion = apiVersion;
            this.kind = kind;
            this.apiVersionInput = Output.of(apiVersion);
            this.kindInput = Output.of(kind);
            this.metadata = Output.of(metadata);
            this.spec = spec;
        }
    }
}
