package ai.kuraos.infra.data;

import ai.kuraos.infra.component.KuraComponent;
import ai.kuraos.infra.component.Principal;
import ai.kuraos.infra.config.Target;
import ai.kuraos.infra.platform.Foundation;
import ai.kuraos.infra.platform.ProjectApis;
import com.pulumi.core.Output;
import com.pulumi.gcp.storage.Bucket;
import com.pulumi.gcp.storage.BucketArgs;
import com.pulumi.gcp.storage.BucketIAMMember;
import com.pulumi.gcp.storage.BucketIAMMemberArgs;
import com.pulumi.gcp.storage.inputs.BucketLifecycleRuleActionArgs;
import com.pulumi.gcp.storage.inputs.BucketLifecycleRuleArgs;
import com.pulumi.gcp.storage.inputs.BucketLifecycleRuleConditionArgs;
import com.pulumi.gcp.storage.inputs.BucketVersioningArgs;

import java.util.List;
import java.util.Map;

/**
 * {@code kura:data:Backups}: a durable home for the admin panel's logical backups, which the seeds keep on Cloud Run's
 * ephemeral disk. Private (uniform access, public access prevention enforced), versioned, and pruned: a backup
 * lives {@code retentionDays}, then stays recoverable as a noncurrent version for {@code deletedRetentionDays}.
 * Only the given writers may write to it.
 */
public final class Backups extends KuraComponent {

    public static final String TYPE = "kura:data:Backups";

    private final Bucket bucket;

    public Backups(String name, Target target, BackupsSettings settings, Foundation foundation, List<Principal> writers) {
        super(TYPE, name, target);
        this.bucket = new Bucket("kura-backups", BucketArgs.builder()
                .project(target.project())
                .name(bucketName(target.project()))
                .location(target.region())
                .storageClass("STANDARD")
                .uniformBucketLevelAccess(true)
                .publicAccessPrevention("enforced")
                .versioning(BucketVersioningArgs.builder().enabled(true).build())
                .lifecycleRules(
                        deleteWhen(BucketLifecycleRuleConditionArgs.builder()
                                .age(settings.retentionDays())
                                .withState("LIVE")
                                .build()),
                        deleteWhen(BucketLifecycleRuleConditionArgs.builder()
                                .daysSinceNoncurrentTime(settings.deletedRetentionDays())
                                .withState("ARCHIVED")
                                .build()))
                .forceDestroy(false)
                .labels(target.labels())
                // Protected: it holds the exported backups.
                .build(), protectedChild(foundation.api(ProjectApis.STORAGE)));

        for (var writer : writers) {
            new BucketIAMMember("kura-backups-" + writer.name() + "-writer", BucketIAMMemberArgs.builder()
                    .bucket(bucket.name())
                    .role("roles/storage.objectAdmin")
                    .member(writer.member())
                    .build(), child());
        }

        registerOutputs(Map.of("bucket", bucket.name(), "url", bucket.url()));
    }

    /** Bucket names are global, so the project id makes it unique. */
    public static String bucketName(String project) {
        return project + "-kura-backups";
    }

    private static BucketLifecycleRuleArgs deleteWhen(BucketLifecycleRuleConditionArgs condition) {
        return BucketLifecycleRuleArgs.builder()
                .action(BucketLifecycleRuleActionArgs.builder().type("Delete").build())
                .condition(condition)
                .build();
    }

    public Output<String> bucketName() {
        return bucket.name();
    }
}
