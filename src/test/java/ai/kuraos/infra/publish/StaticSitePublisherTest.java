package ai.kuraos.infra.publish;

import com.google.cloud.storage.Storage;
import com.google.cloud.storage.contrib.nio.testing.LocalStorageHelper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static ai.kuraos.infra.publish.StaticFilesTest.CDN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** publish-static against Google's in-memory Cloud Storage, with the CDN invalidation mocked. */
@ExtendWith(MockitoExtension.class)
class StaticSitePublisherTest {

    private static final String BUCKET = "kura-static-test";

    @TempDir
    Path build;

    @Mock
    CdnInvalidator invalidator;

    private Storage storage;
    private final List<String> progress = new ArrayList<>();
    private StaticSitePublisher publisher;

    @BeforeEach
    void createBucketAndBuild() throws IOException {
        // The in-memory Storage has every bucket already.
        storage = LocalStorageHelper.getOptions().getService();
        publisher = new StaticSitePublisher(CDN, progress::add);
        write("index.html", "<html>v1</html>");
        write("_next/static/chunks/main-4f2a9c1b.js", "console.log(1)");
        write("app.3f2a9c1b7e.css", "body{}");
        write("images/logo.png", "png-bytes");
    }

    private void write(String name, String content) throws IOException {
        var file = build.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private static byte[] md5(String content) {
        try {
            return java.security.MessageDigest.getInstance("MD5").digest(content.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String content(String name) {
        return new String(storage.readAllBytes(BUCKET, name), StandardCharsets.UTF_8);
    }

    @Test
    void uploadsEveryFileOfAFirstBuildWithItsHeaders() {
        var report = publisher.publish(build, storage, BUCKET, invalidator);

        assertThat(report.uploaded()).isEqualTo(4);
        assertThat(report.invalidated()).isEmpty();
        var page = storage.get(BUCKET, "index.html");
        assertThat(page.getContentType()).isEqualTo("text/html; charset=utf-8");
        assertThat(page.getCacheControl()).isEqualTo("public, max-age=60, must-revalidate");
        var script = storage.get(BUCKET, "_next/static/chunks/main-4f2a9c1b.js");
        assertThat(script.getContentType()).isEqualTo("text/javascript; charset=utf-8");
        assertThat(script.getCacheControl()).isEqualTo("public, max-age=31536000, immutable");
        assertThat(storage.get(BUCKET, "images/logo.png").getCacheControl()).isEqualTo("public, max-age=300, must-revalidate");
        assertThat(content("index.html")).isEqualTo("<html>v1</html>");
        assertThat(progress).contains("uploaded 4/4 files");
        verify(invalidator, never()).invalidate(anyString());
    }

    @Test
    void aSecondPublishAfterChangingOneFileTouchesOnlyThatFileAndInvalidatesIt() throws IOException {
        publisher.publish(build, storage, BUCKET, invalidator);
        var scriptGeneration = storage.get(BUCKET, "_next/static/chunks/main-4f2a9c1b.js").getGeneration();
        write("index.html", "<html>v2</html>");
        when(invalidator.invalidate("/")).thenReturn("op-root");
        when(invalidator.invalidate("/index.html")).thenReturn("op-index");

        var report = publisher.publish(build, storage, BUCKET, invalidator);

        assertThat(report.uploaded()).isEqualTo(1);
        assertThat(report.unchanged()).isEqualTo(3);
        assertThat(report.deleted()).isZero();
        assertThat(content("index.html")).isEqualTo("<html>v2</html>");
        assertThat(storage.get(BUCKET, "_next/static/chunks/main-4f2a9c1b.js").getGeneration()).isEqualTo(scriptGeneration);
        assertThat(report.invalidated()).containsExactly("/", "/index.html");
        var order = inOrder(invalidator);
        order.verify(invalidator).invalidate("/");
        order.verify(invalidator).invalidate("/index.html");
        order.verify(invalidator).awaitDone("op-root");
        order.verify(invalidator).awaitDone("op-index");
        assertThat(progress).contains("uploaded 1/1 files", "invalidated /index.html (operation op-index)");
    }

    @Test
    void deletesWhatTheBuildNoLongerHasAfterUploadingAndInvalidatesIt() throws IOException {
        publisher.publish(build, storage, BUCKET, invalidator);
        Files.delete(build.resolve("images/logo.png"));
        write("images/logo-v2.png", "new-png");
        when(invalidator.invalidate("/images/logo.png")).thenReturn("op-logo");

        var report = publisher.publish(build, storage, BUCKET, invalidator);

        assertThat(report.uploaded()).isEqualTo(1);
        assertThat(report.deleted()).isEqualTo(1);
        assertThat(storage.get(BUCKET, "images/logo.png")).isNull();
        assertThat(content("images/logo-v2.png")).isEqualTo("new-png");
        assertThat(report.invalidated()).containsExactly("/images/logo.png");
        assertThat(progress.indexOf("uploaded 1/1 files")).isLessThan(progress.indexOf("deleted 1 files the build no longer has"));
    }

    @Test
    void readsTheBuildAsObjectNamesWithTheirChecksums() {
        var files = StaticSitePublisher.readBuild(build);

        assertThat(files).containsOnlyKeys("index.html", "_next/static/chunks/main-4f2a9c1b.js", "app.3f2a9c1b7e.css",
                "images/logo.png");
        assertThat(files.get("index.html")).as("base64 MD5, as Cloud Storage reports it")
                .isEqualTo(java.util.Base64.getEncoder().encodeToString(md5("<html>v1</html>")));
    }
}
