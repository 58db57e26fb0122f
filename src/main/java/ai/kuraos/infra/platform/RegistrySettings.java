package ai.kuraos.infra.platform;

import ai.kuraos.infra.config.ConfigSection;
import ai.kuraos.infra.config.Environment;
import ai.kuraos.infra.config.TextRule;

/** The Docker repository holding backend images, and how much of its history the cleanup policy keeps. */
public record RegistrySettings(
        String repositoryId,
        int keepRecentImages,
        int deleteUntaggedImagesAfterDays,
        boolean immutableTags) {

    static final TextRule REPOSITORY_ID = TextRule.matching("[a-z]([a-z0-9-]{0,61}[a-z0-9])?",
            "an Artifact Registry repository id: lowercase letters, digits and hyphens, starting with a letter");

    /** The {@code artifactRegistry} section. */
    public static RegistrySettings read(ConfigSection section, Environment environment) {
        return new RegistrySettings(
                section.value("repositoryId", "The repository name. Images go to"
                        + " `<region>-docker.pkg.dev/<project>/<repositoryId>`.").text("kura", REPOSITORY_ID),
                section.value("keepRecentImages", "The cleanup policy always keeps this many recent versions of each"
                        + " image, so rollbacks have something to go back to.").integer(environment.pick(5, 10, 20), 1, 500),
                section.value("deleteUntaggedImagesAfterDays", "Untagged images older than this are deleted.")
                        .integer(environment.pick(7, 7, 14), 1, 365),
                section.value("immutableTags", "A tag cannot be moved to another image once pushed.").bool(true));
    }
}
