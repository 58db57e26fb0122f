package ai.kuraos.infra.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.fail;

/**
 * A throwaway {@code redis-server} of the 7.0 line, Memorystore's REDIS_7_0 (Maven's, see {@link MavenEngines};
 * KURA_REDIS_SERVER_BIN names another), on a free loopback port, spoken to in plain RESP.
 */
public final class LocalRedis implements AutoCloseable {

    private static final String BINARY_OVERRIDE = "KURA_REDIS_SERVER_BIN";

    private final Process process;
    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;

    public LocalRedis(Path directory) throws IOException, InterruptedException {
        var override = System.getenv(BINARY_OVERRIDE);
        var binary = override == null ? MavenEngines.redis70() : Path.of(override);
        if (!Files.isExecutable(binary)) {
            fail("no redis-server at %s (%s)", binary, BINARY_OVERRIDE);
        }
        int port;
        try (var probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        this.process = new ProcessBuilder(binary.toString(), "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", directory.toString())
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("redis.log").toFile())
                .start();
        this.socket = connect(port);
        this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        this.out = socket.getOutputStream();
    }

    /** Sends one command and returns the reply's first line: {@code +OK}, {@code -ERR ...}, {@code *2}, ... */
    public String command(String... arguments) throws IOException {
        var request = new StringBuilder("*").append(arguments.length).append("\r\n");
        for (var argument : arguments) {
            request.append('$').append(argument.getBytes(StandardCharsets.UTF_8).length).append("\r\n")
                    .append(argument).append("\r\n");
        }
        out.write(request.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
        return in.readLine();
    }

    /** {@code CONFIG GET name}: the parameter's value, or null when the server has no such parameter. */
    public String configGet(String name) throws IOException {
        var header = command("CONFIG", "GET", name);
        var pairs = Integer.parseInt(header.substring(1)) / 2;
        String value = null;
        for (int pair = 0; pair < pairs; pair++) {
            in.readLine();
            var key = in.readLine();
            in.readLine();
            var found = in.readLine();
            if (key.equals(name)) {
                value = found;
            }
        }
        return value;
    }

    private static Socket connect(int port) throws IOException, InterruptedException {
        var deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try {
                var socket = new Socket("127.0.0.1", port);
                socket.setSoTimeout(10_000);
                return socket;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("redis-server did not listen on port " + port + " within 20 s", notYet);
                }
                Thread.sleep(50);
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException interrupted) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
