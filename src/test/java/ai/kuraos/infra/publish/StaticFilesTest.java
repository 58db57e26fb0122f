package ai.kuraos.infra.publish;

import ai.kuraos.infra.edge.EdgeSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StaticFilesTest {

    static final EdgeSettings.Cdn CDN = new EdgeSettings.Cdn(3600, 86400, 3600, 60, 86400, 60, 300);

    @ParameterizedTest
    @ValueSource(strings = {"_next/static/chunks/pages/index-abc.js", "_next/static/css/app.css", "main.3f2a9c1b.js",
            "app-4e5f6a7b.css", "assets/chunk.a1b2c3d4e5.js", "vendor.Bq7x2kLm9.mjs", "main.3f2a9c1b.js.map",
            "fonts/inter.6c2d1f09.woff2"})
    void recognisesFilesWithAContentHashInTheirName(String name) {
        assertThat(StaticFiles.kind(name)).isEqualTo(AssetKind.FINGERPRINTED);
    }

    @ParameterizedTest
    @CsvSource({"index.html,HTML", "about/index.html,HTML", "404.htm,HTML", "favicon-32x32.png,OTHER", "robots.txt,OTHER",
            "images/logo-dark-mode.svg,OTHER", "manifest.webmanifest,OTHER", "app.css,OTHER", "main-abcdefgh.js,OTHER"})
    void treatsEverythingElseAsKeepingItsUrl(String name, AssetKind kind) {
        assertThat(StaticFiles.kind(name)).isEqualTo(kind);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "index.html | text/html; charset=utf-8", "app.3f2a9c1b.css | text/css; charset=utf-8",
            "main.js | text/javascript; charset=utf-8", "logo.SVG | image/svg+xml", "photo.jpeg | image/jpeg",
            "font.woff2 | font/woff2", "data.json | application/json", "LICENSE | application/octet-stream"})
    void setsTheContentTypeByExtension(String name, String contentType) {
        assertThat(StaticFiles.contentType(name)).isEqualTo(contentType);
    }

    @Test
    void cachesFingerprintedFilesForAYearAndEverythingElseBriefly() {
        assertThat(StaticFiles.cacheControl(AssetKind.FINGERPRINTED, CDN)).isEqualTo("public, max-age=31536000, immutable");
        assertThat(StaticFiles.cacheControl(AssetKind.HTML, CDN)).isEqualTo("public, max-age=60, must-revalidate");
        assertThat(StaticFiles.cacheControl(AssetKind.OTHER, CDN)).isEqualTo("public, max-age=300, must-revalidate");
    }

    @Test
    void knowsADirectorysIndexIsAlsoServedAtTheDirectory() {
        assertThat(StaticFiles.urlPaths("index.html")).isEqualTo(List.of("/", "/index.html"));
        assertThat(StaticFiles.urlPaths("about/index.html")).isEqualTo(List.of("/about/", "/about/index.html"));
        assertThat(StaticFiles.urlPaths("images/logo.png")).isEqualTo(List.of("/images/logo.png"));
    }
}
