package ai.kuraos.infra.config;

/** The Docker repository holding backend images, and how much of its history the cleanup policy keeps. */
public record RegistrySettings(
        String repositoryId,
        int keepRecentImages,
        int deleteUntaggedImagesAfterDays,
        boolean immutableTags) {
}
