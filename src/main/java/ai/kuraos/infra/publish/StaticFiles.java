package ai.kuraos.infra.publish;

import ai.kuraos.infra.edge.EdgeSettings;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** The serving decisions for one built file: its kind, Content-Type and Cache-Control, and the URLs that show it. */
public final class StaticFiles {

    /** Next.js puts every content-hashed chunk under this directory. */
    private static final String NEXT_STATIC = "_next/static/";
    /** A name part of 8 or more hash characters with at least one digit: main.3f2a9c1b.js, app-Bq7x2kLm.css. */
    private static final Pattern HASHED_NAME = Pattern.compile(
            ".*[.-](?=[A-Za-z0-9_]*[0-9])[A-Za-z0-9_]{8,}\\.[A-Za-z0-9]+(\\.map)?");
    public static final String IMMUTABLE = "public, max-age=31536000, immutable";

    private static final Map<String, String> CONTENT_TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("htm", "text/html; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("json", "application/json"),
            Map.entry("map", "application/json"),
            Map.entry("webmanifest", "application/manifest+json"),
            Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("xml", "application/xml"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"),
            Map.entry("webp", "image/webp"),
            Map.entry("avif", "image/avif"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("woff", "font/woff"),
            Map.entry("woff2", "font/woff2"),
            Map.entry("ttf", "font/ttf"),
            Map.entry("otf", "font/otf"),
            Map.entry("pdf", "application/pdf"),
            Map.entry("mp3", "audio/mpeg"),
            Map.entry("mp4", "video/mp4"),
            Map.entry("webm", "video/webm"),
            Map.entry("wasm", "application/wasm"));

    private StaticFiles() {
    }

    /** {@code name} is the object name: the file's path under the build directory, with {@code /} separators. */
    public static AssetKind kind(String name) {
        if (name.startsWith(NEXT_STATIC) || HASHED_NAME.matcher(fileName(name)).matches()) {
            return AssetKind.FINGERPRINTED;
        }
        return extension(name).startsWith("htm") ? AssetKind.HTML : AssetKind.OTHER;
    }

    public static String contentType(String name) {
        return CONTENT_TYPES.getOrDefault(extension(name), "application/octet-stream");
    }

    public static String cacheControl(AssetKind kind, EdgeSettings.Cdn cdn) {
        return switch (kind) {
            case FINGERPRINTED -> IMMUTABLE;
            case HTML -> "public, max-age=" + cdn.htmlMaxAgeSeconds() + ", must-revalidate";
            case OTHER -> "public, max-age=" + cdn.otherMaxAgeSeconds() + ", must-revalidate";
        };
    }

    /** The URL paths that serve an object: {@code docs/index.html} is also {@code /docs/}. */
    public static List<String> urlPaths(String name) {
        var path = "/" + name;
        if (fileName(name).equals("index.html")) {
            return List.of(path.substring(0, path.length() - "index.html".length()), path);
        }
        return List.of(path);
    }

    private static String fileName(String name) {
        return name.substring(name.lastIndexOf('/') + 1);
    }

    private static String extension(String name) {
        var file = fileName(name);
        var dot = file.lastIndexOf('.');
        return dot < 0 ? "" : file.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
