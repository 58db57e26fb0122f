package ai.kuraos.infra.bootstrap;

import ai.kuraos.infra.component.KuraComponent;
import ai.kuraos.infra.platform.ProjectApis;
import com.pulumi.core.Output;
import com.pulumi.gcp.kms.CryptoKey;
import com.pulumi.gcp.kms.CryptoKeyArgs;
import com.pulumi.gcp.kms.KeyRing;
import com.pulumi.gcp.kms.KeyRingArgs;
import com.pulumi.gcp.storage.Bucket;
import com.pulumi.gcp.storage.BucketArgs;
import com.pulumi.gcp.storage.inputs.BucketLifecycleRuleActionArgs;
import com.pulumi.gcp.storage.inputs.BucketLifecycleRuleArgs;
import com.pulumi.gcp.storage.inputs.BucketLifecycleRuleConditionArgs;
import com.pulumi.gcp.storage.inputs.BucketVersioningArgs;

import java.util.Map;
import java.util.TreeMap;

/**
 * {@code kura:bootstrap:StateBackend}: where every stack of the platform keeps its state, and the keys its secrets
 * are encrypted with. The bucket is private, versioned, and keeps a replaced or deleted state file for a while; the
 * key ring holds one key an environment, so that one environment's deployer cannot read another's secrets.
 */
public final class StateBackend extends KuraComponent {

    public static final String TYPE = "kura:bootstrap:StateBackend";
    private static final long SECONDS_A_DAY = 86_400;

    private final Bucket bucket;
    private final Map<String, CryptoKey> keys = new TreeMap<>();

    public StateBackend(String name, BootstrapSettings settings) {
        super(TYPE, name, settings.target());
        var target = settings.target();
        var storageApi = ProjectApis.enable(target.project(), "storage.googleapis.com", child());
        var kmsApi = ProjectApis.enable(target.project(), "cloudkms.googleapis.com", child());

        var state = settings.stateBucket();
        this.bucket = new Bucket("pulumi-state", BucketArgs.builder()
                .project(target.project())
                .name(state.name())
                .location(state.location())
                .storageClass("STANDARD")
                .uniformBucketLevelAccess(true)
                .publicAccessPrevention("enforced")
                .versioning(BucketVersioningArgs.builder().enabled(true).build())
                .lifecycleRules(BucketLifecycleRuleArgs.builder()
                        .action(BucketLifecycleRuleActionArgs.builder().type("Delete").build())
                        .condition(BucketLifecycleRuleConditionArgs.builder()
                                .withState("ARCHIVED")
                                .daysSinceNoncurrentTime(state.noncurrentVersionRetentionDays())
                                .build())
                        .build())
                .forceDestroy(false)
                .labels(target.labels())
                // Protected: it holds the state of every stack.
                .build(), protectedChild(storageApi));

        var kms = settings.kms();
        var keyRing = new KeyRing("pulumi-secrets", KeyRingArgs.builder()
                .project(target.project())
                .name(kms.keyRing())
                .location(kms.location())
                // Protected: a key ring can never be deleted, so a replacement could not reuse its name.
                .build(), protectedChild(kmsApi));
        for (var environment : settings.environments().keySet()) {
            keys.put(environment, new CryptoKey("pulumi-secrets-" + environment, CryptoKeyArgs.builder()
                    .name(keyName(environment))
                    .keyRing(keyRing.id())
                    .purpose("ENCRYPT_DECRYPT")
                    .rotationPeriod(kms.rotationDays() * SECONDS_A_DAY + "s")
                    .labels(target.labels())
                    // Protected: the key material is the only way to decrypt the stacks' secrets.
                    .build(), protectedChild()));
        }

        registerOutputs(Map.of(
                "stateBucket", bucket.name(),
                "secretsProviders", Output.of(Map.copyOf(secretsProviders(settings)))));
    }

    /**
     * The rollout lease object of a stack, under the state bucket's root (where the deployer of that stack may write
     * it): {@code deploy} holds it from stage to promote.
     */
    public static String rolloutLeaseObject(String stack) {
        return ".kura-infra/rollout-lease/" + stack + ".json";
    }

    public static String keyName(String environment) {
        return "kura-" + environment;
    }

    /** {@code gcpkms://...} of each environment's key: what {@code pulumi stack init --secrets-provider} takes. */
    public static Map<String, String> secretsProviders(BootstrapSettings settings) {
        var providers = new TreeMap<String, String>();
        var kms = settings.kms();
        settings.environments().keySet().forEach(environment -> providers.put(environment,
                "gcpkms://projects/" + settings.target().project() + "/locations/" + kms.location() + "/keyRings/"
                        + kms.keyRing() + "/cryptoKeys/" + keyName(environment)));
        return providers;
    }

    public Bucket bucket() {
        return bucket;
    }

    public CryptoKey key(String environment) {
        return keys.get(environment);
    }
}
