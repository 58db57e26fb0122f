package ai.kuraos.infra.testing;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node Kafka broker in KRaft mode (broker and controller in one process), started from the Kafka jars
 * on the test classpath in a JVM of its own, with its storage in a temporary directory.
 */
public final class LocalKafkaBroker implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofSeconds(90);

    private final Process process;
    private final Path log;
    private final String bootstrapServers;

    private LocalKafkaBroker(Process process, Path log, String bootstrapServers) {
        this.process = process;
        this.log = log;
        this.bootstrapServers = bootstrapServers;
    }

    public static LocalKafkaBroker start(Path directory) throws IOException, InterruptedException {
        var port = freePort();
        var controllerPort = freePort();
        var properties = directory.resolve("server.properties");
        Files.writeString(properties, String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + directory.resolve("data"),
                "num.partitions=1",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "auto.create.topics.enable=false",
                "group.initial.rebalance.delay.ms=0",
                ""));
        var log = directory.resolve("broker.log");
        run(List.of("kafka.tools.StorageTool", "format", "--ignore-formatted", "-t", Uuid.randomUuid().toString(),
                "-c", properties.toString()), directory.resolve("format.log")).waitFor(STARTUP.toSeconds(), TimeUnit.SECONDS);
        var broker = new LocalKafkaBroker(run(List.of("kafka.Kafka", properties.toString()), log), log,
                "127.0.0.1:" + port);
        broker.awaitReady();
        return broker;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private void awaitReady() throws InterruptedException, IOException {
        var deadline = Instant.now().plus(STARTUP);
        try (var admin = admin()) {
            while (Instant.now().isBefore(deadline)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the Kafka broker exited with " + process.exitValue() + ":\n"
                            + Files.readString(log));
                }
                try {
                    admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                    return;
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException notYet) {
                    Thread.sleep(250);
                }
            }
        }
        close();
        throw new IllegalStateException("the Kafka broker did not answer within " + STARTUP.toSeconds() + " s:\n"
                + Files.readString(log));
    }

    private static Process run(List<String> mainAndArguments, Path output) throws IOException {
        var command = new ArrayList<String>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-Xmx512m");
        command.addAll(TestJvm.options());
        command.add("-cp");
        command.add(testClasspath());
        command.addAll(mainAndArguments);
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    }

    /** Surefire and Failsafe launch tests through a manifest-only jar; the real class path is in this property. */
    private static String testClasspath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"))
                .replace(File.pathSeparator + File.pathSeparator, File.pathSeparator);
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
