package ai.kuraos.infra.data;

import ai.kuraos.infra.testing.SynthesizedStack;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class BackupsTest {

    private static final String BUCKET = "gcp:storage/bucket:Bucket";
    private static final String BUCKET_ACCESS = "gcp:storage/bucketIAMMember:BucketIAMMember";

    @Test
    void keepsBackupsPrivateVersionedAndPrunedInTheStacksRegion() {
        SynthesizedStack.of("prod").resource(BUCKET, "kura-backups")
                .hasInput("name", "kura-os-kura-backups")
                .hasInput("location", "europe-southwest1")
                .hasInput("uniformBucketLevelAccess", true)
                .hasInput("publicAccessPrevention", "enforced")
                .hasInput("versioning.enabled", true)
                .hasInput("forceDestroy", false)
                .hasInput("lifecycleRules", List.of(
                        Map.of("action", Map.of("type", "Delete"), "condition", Map.of("age", 30, "withState", "LIVE")),
                        Map.of("action", Map.of("type", "Delete"),
                                "condition", Map.of("daysSinceNoncurrentTime", 7, "withState", "ARCHIVED"))))
                .isProtected();
    }

    @Test
    void devKeepsBackupsForAWeek() {
        SynthesizedStack.of("dev").resource(BUCKET, "kura-backups")
                .hasInput("name", "kura-os-dev-kura-backups")
                .hasInput("lifecycleRules[0].condition.age", 7)
                .isNotProtected();
    }

    @Test
    void letsOnlyTheBackendWrite() {
        var prod = SynthesizedStack.of("prod");

        assertThat(prod.resources(BUCKET_ACCESS))
                .filteredOn(grant -> grant.input("bucket").asText().equals("kura-os-kura-backups"))
                .extracting(grant -> grant.input("member").asText())
                .containsExactly("${kura-backend-sa.member}");
        prod.resource(BUCKET_ACCESS, "kura-backups-backend-writer")
                .hasInput("bucket", "kura-os-kura-backups")
                .hasInput("role", "roles/storage.objectAdmin")
                .hasInput("member", "${kura-backend-sa.member}");
    }
}
