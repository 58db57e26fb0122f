package ai.kuraos.infra.rollout;

import ai.kuraos.infra.testing.LocalHttpServer;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The subset of the Cloud Storage JSON API a lease uses, over one bucket, with its generation preconditions: media
 * upload with {@code ifGenerationMatch}, object metadata, media download and delete, each refusing with 412 when the
 * precondition fails and 404 when the object is missing.
 */
final class FakeCloudStorage implements LocalHttpServer.Handler {

    private record Stored(long generation, String body) {
    }

    private final Map<String, Stored> objects = new HashMap<>();
    private long nextGeneration = 1_700_000_000_000_001L;
    /** Answered instead of the next delete, when not 0 (e.g. 503: Cloud Storage unavailable). */
    int failNextDeleteWith;

    @Override
    public synchronized void handle(HttpExchange exchange) throws IOException {
        var path = exchange.getRequestURI().getRawPath();
        var query = query(exchange.getRequestURI().getRawQuery());
        var precondition = Optional.ofNullable(query.get("ifGenerationMatch")).map(Long::parseLong);
        if (exchange.getRequestMethod().equals("POST") && path.startsWith("/upload/storage/v1/b/")) {
            var name = query.get("name");
            var current = Optional.ofNullable(objects.get(name)).map(Stored::generation).orElse(0L);
            if (precondition.isPresent() && !precondition.get().equals(current)) {
                LocalHttpServer.reply(exchange, 412, "{\"error\": {\"code\": 412, \"message\": \"At least one of the pre-conditions you specified did not hold.\"}}");
                return;
            }
            var stored = new Stored(nextGeneration++, (String) exchange.getAttribute(LocalHttpServer.BODY));
            objects.put(name, stored);
            LocalHttpServer.reply(exchange, 200, "{\"name\": \"" + name + "\", \"generation\": \"" + stored.generation() + "\"}");
            return;
        }
        var name = URLDecoder.decode(path.substring(path.indexOf("/o/") + 3), StandardCharsets.UTF_8);
        var stored = objects.get(name);
        if (stored == null) {
            LocalHttpServer.reply(exchange, 404, "{\"error\": {\"code\": 404, \"message\": \"No such object: " + name + "\"}}");
            return;
        }
        if (precondition.isPresent() && precondition.get() != stored.generation()) {
            LocalHttpServer.reply(exchange, 412, "{\"error\": {\"code\": 412, \"message\": \"Precondition Failed\"}}");
            return;
        }
        switch (exchange.getRequestMethod()) {
            case "DELETE" -> {
                if (failNextDeleteWith != 0) {
                    LocalHttpServer.reply(exchange, failNextDeleteWith, "{\"error\": {\"code\": " + failNextDeleteWith + "}}");
                    failNextDeleteWith = 0;
                    return;
                }
                objects.remove(name);
                exchange.sendResponseHeaders(204, -1);
            }
            case "GET" -> LocalHttpServer.reply(exchange, 200, "media".equals(query.get("alt")) ? stored.body()
                    : "{\"name\": \"" + name + "\", \"generation\": \"" + stored.generation() + "\"}");
            default -> LocalHttpServer.reply(exchange, 405, "{}");
        }
    }

    synchronized Optional<String> object(String name) {
        return Optional.ofNullable(objects.get(name)).map(Stored::body);
    }

    private static Map<String, String> query(String raw) {
        var values = new HashMap<String, String>();
        if (raw != null) {
            for (var pair : raw.split("&")) {
                var equals = pair.indexOf('=');
                values.put(pair.substring(0, equals), URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }
}
