package ai.kuraos.infra.platform;

import ai.kuraos.infra.config.ConfigReader;
import ai.kuraos.infra.config.ConfigSection;
import ai.kuraos.infra.config.Environment;
import ai.kuraos.infra.config.TextRule;

import java.util.List;
import java.util.Optional;

/**
 * The Docker repository holding backend images, and how much of its history the cleanup policy keeps. For an adopted
 * repository ({@code adopted}, its description) the defaults are what it has now.
 *
 * @param cleanup what the cleanup policies do: {@code delete}, {@code dry-run} (report only) or {@code none}
 */
public record RegistrySettings(
        String repositoryId,
        int keepRecentImages,
        int deleteUntaggedImagesAfterDays,
        boolean immutableTags,
        String cleanup,
        Optional<LiveRepository> adopted) {

    public static final String CLEANUP_DELETE = "delete";
    public static final String CLEANUP_DRY_RUN = "dry-run";
    public static final String CLEANUP_NONE = "none";

    static final TextRule REPOSITORY_ID = TextRule.matching("[a-z]([a-z0-9-]{0,61}[a-z0-9])?",
            "an Artifact Registry repository id: lowercase letters, digits and hyphens, starting with a letter");

    /** The {@code artifactRegistry} section. */
    public static RegistrySettings read(ConfigSection section, Environment environment) {
        return read(section, environment, Optional.empty(), null);
    }

    /**
     * @param adopted the live repository the stack adopts
     * @param config  where a refusal goes (needed only with {@code adopted})
     */
    public static RegistrySettings read(ConfigSection section, Environment environment, Optional<LiveRepository> adopted,
                                        ConfigReader config) {
        var repositoryIdValue = section.value("repositoryId", "The repository name. Images go to"
                + " `<region>-docker.pkg.dev/<project>/<repositoryId>`.");
        var repositoryId = repositoryIdValue.text(adopted.map(LiveRepository::repositoryId).orElse("kura"), REPOSITORY_ID);
        var keepRecent = section.value("keepRecentImages", "The cleanup policy always keeps this many recent versions of"
                + " each image, so rollbacks have something to go back to.").integer(environment.pick(5, 10, 20), 1, 500);
        var untaggedDays = section.value("deleteUntaggedImagesAfterDays", "Untagged images older than this are deleted.")
                .integer(environment.pick(7, 7, 14), 1, 365);
        var immutableTags = section.value("immutableTags", "A tag cannot be moved to another image once pushed. An"
                + " adopted repository keeps its own setting until this is set (`gcloud run deploy --source` pushes"
                + " `:latest` again and again, which immutable tags refuse).")
                .bool(adopted.map(LiveRepository::immutableTags).orElse(true));
        var cleanupValue = section.value("cleanup", "What the cleanup policies do: `delete`, `dry-run` (Artifact"
                + " Registry only logs what they would delete) or `none` (no policies). An adopted repository keeps what"
                + " it has, and its policies start in `dry-run`: `delete` is refused until its description says dry-run"
                + " ran (docs/adoption.md), so that no image a rollback needs is deleted on day one.");
        var cleanup = cleanupValue.text(adopted.map(RegistrySettings::liveCleanup).orElse(CLEANUP_DELETE),
                TextRule.oneOf(List.of(CLEANUP_DELETE, CLEANUP_DRY_RUN, CLEANUP_NONE)));
        adopted.ifPresent(live -> {
            if (cleanup.equals(CLEANUP_DELETE) && liveCleanup(live).equals(CLEANUP_NONE)) {
                config.reject(cleanupValue.key(), "got \"delete\", but the adopted repository " + live.repositoryId()
                        + " has no cleanup policies yet; set \"dry-run\" first, read what the policies would delete in"
                        + " its audit logs, then switch to \"delete\" with the description refreshed");
            }
            // repository_id and format are ForceNew: terraform-provider-google-beta v5.0.0
            // google-beta/services/artifactregistry/resource_artifact_registry_repository.go.
            if (!live.repositoryId().equals(repositoryId)) {
                config.reject(repositoryIdValue.key(), "got \"" + repositoryId + "\", but the adopted repository is "
                        + live.repositoryId() + "; a different id replaces it (repository_id is ForceNew)");
            }
            if (!live.format().equals("DOCKER")) {
                config.reject(repositoryIdValue.key(), "the adopted repository's format is " + live.format()
                        + "; the program declares DOCKER (format is ForceNew)");
            }
        });
        return new RegistrySettings(repositoryId, keepRecent, untaggedDays, immutableTags, cleanup, adopted);
    }

    private static String liveCleanup(LiveRepository live) {
        if (!live.hasCleanupPolicies()) {
            return CLEANUP_NONE;
        }
        return live.cleanupDryRun() ? CLEANUP_DRY_RUN : CLEANUP_DELETE;
    }
}
