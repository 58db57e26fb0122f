package ai.kuraos.infra.cli;

import ai.kuraos.infra.rollout.Preflight;
import ai.kuraos.infra.testing.SynthesizedStack;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** publish-static and purge-cdn up to the point where they would touch the cloud. */
class EdgeCommandsTest {

    @TempDir
    Path workspace;

    private Path project;
    private Path build;

    @BeforeEach
    void prepare() throws IOException {
        project = Files.createDirectories(workspace.resolve("project"));
        SynthesizedStack.copyProjectTo(project);
        build = Files.createDirectories(workspace.resolve("out"));
        for (var file : List.of("index.html", "about/index.html", "_next/static/chunks/main-4f2a9c1b.js",
                "app.3f2a9c1b7e.css", "images/logo.png")) {
            Files.createDirectories(build.resolve(file).getParent());
            Files.writeString(build.resolve(file), file);
        }
    }

    private CliRun run(String... args) {
        var noCredentials = new Preflight("", () -> Optional.of("no Google Cloud credentials: run `gcloud auth application-default login`"));
        return CliRun.in(project, Map.of(
                PublishStaticCommand.class, () -> new PublishStaticCommand(noCredentials),
                PurgeCdnCommand.class, () -> new PurgeCdnCommand(noCredentials)), args);
    }

    @Test
    void dryRunPrintsEveryFilesActionHeadersAndTheInvalidationsWithoutCloudAccess() {
        var run = run("publish-static", "--stack", "prod", "--dir", build.toString(), "--dry-run");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Dry run for gs://kura-static-prod")
                .containsPattern("upload +fingerprinted +text/javascript; charset=utf-8 +public, max-age=31536000, immutable +_next/static/chunks/main-4f2a9c1b.js")
                .containsPattern("upload +fingerprinted +text/css; charset=utf-8 +public, max-age=31536000, immutable +app.3f2a9c1b7e.css")
                .containsPattern("upload +other +image/png +public, max-age=300, must-revalidate +images/logo.png")
                .containsPattern("upload +html +text/html; charset=utf-8 +public, max-age=60, must-revalidate +index.html")
                .contains("Invalidations if every such file changed: /, /about/, /about/index.html, /images/logo.png, /index.html");
        assertThat(run.out().indexOf("images/logo.png")).isLessThan(run.out().indexOf(" index.html"));
    }

    @Test
    void publishFailsOnAMissingDirectory() {
        var run = run("publish-static", "--stack", "prod", "--dir", workspace.resolve("nope").toString(), "--dry-run");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--dir " + workspace.resolve("nope") + ": not a directory");
    }

    @Test
    void publishFailsOnAnEmptyDirectory() throws IOException {
        var empty = Files.createDirectories(workspace.resolve("empty/nested"));

        var run = run("publish-static", "--stack", "prod", "--dir", empty.getParent().toString(), "--dry-run");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("the directory has no files: nothing to publish");
    }

    @Test
    void publishFailsOnAnUnknownStack() {
        var run = run("publish-static", "--stack", "production", "--dir", build.toString(), "--dry-run");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("unknown stack 'production'", "Stacks in this project: dev, prod, staging");
    }

    @Test
    void publishFailsOnAStackWithoutAnEdge() {
        var run = run("publish-static", "--stack", "dev", "--dir", build.toString(), "--dry-run");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("stack dev has no edge (kura-infra:edge.enabled is false)");
    }

    @Test
    void publishForRealNeedsCredentials() {
        var run = run("publish-static", "--stack", "prod", "--dir", build.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("no Google Cloud credentials");
    }

    @Test
    void purgeFailsOnAStackWithoutAnEdgeOrABadPathOrWithoutCredentials() {
        assertThat(run("purge-cdn", "--stack", "dev").err()).contains("stack dev has no edge");
        assertThat(run("purge-cdn", "--stack", "prod", "--path", "index.html").err())
                .contains("--path index.html: expected a URL path starting with /");
        var withoutCredentials = run("purge-cdn", "--stack", "prod");
        assertThat(withoutCredentials.exitCode()).isEqualTo(2);
        assertThat(withoutCredentials.err()).contains("no Google Cloud credentials");
    }

    @Test
    void purgeHelpSaysWhatItInvalidates() {
        var help = run("purge-cdn", "--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out().replaceAll("\\s+", " ")).contains("Purge CDN", "kura-lb", "--path=PATH", "default: /*");
    }
}
