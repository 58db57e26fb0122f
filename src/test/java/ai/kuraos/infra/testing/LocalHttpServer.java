package ai.kuraos.infra.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;

/**
 * A real HTTP server on a free loopback port, answering from a handler; it records every request's method, path and
 * Authorization header, and its body.
 */
public final class LocalHttpServer implements AutoCloseable {

    public interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    /** The exchange attribute that holds the request's body, which the server has read already. */
    public static final String BODY = "kura.request-body";

    private final HttpServer server;
    public final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    public final List<String> bodies = Collections.synchronizedList(new ArrayList<>());

    public LocalHttpServer(Handler handler) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath()
                    + " " + exchange.getRequestHeaders().getFirst("Authorization"));
            var body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            bodies.add(body);
            exchange.setAttribute(BODY, body);
            try {
                handler.handle(exchange);
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    public static void reply(HttpExchange exchange, int status, String body) throws IOException {
        var bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
