package ai.kuraos.infra.plan;

import com.pulumi.Context;
import com.pulumi.deployment.internal.DeploymentImpl;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestOptions;
import com.pulumi.test.internal.PulumiTestInternal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Runs a Pulumi program under the SDK's mock engine with a {@link RecordingMonitor} and an {@link OfflineRunner},
 * offline: no CLI, no plugins, no credentials. Runs are serialised: the SDK's deployments share the common
 * fork-join pool, and with its own runner several deployments at once could occupy every worker with their polling
 * loops and never finish.
 */
public final class OfflineEngine {

    private static final Object ONE_DEPLOYMENT_AT_A_TIME = new Object();

    private OfflineEngine() {
    }

    /** Runs {@code program} as a preview of {@code project}/{@code stack} and returns what it declared. */
    public static Plan run(String project, String stack, Consumer<Context> program) {
        synchronized (ONE_DEPLOYMENT_AT_A_TIME) {
            return runAlone(project, stack, program);
        }
    }

    private static Plan runAlone(String project, String stack, Consumer<Context> program) {
        var log = new CapturedLog();
        var logger = Logger.getAnonymousLogger();
        logger.setUseParentHandlers(false);
        logger.setLevel(Level.ALL);
        logger.addHandler(log);
        var monitor = new RecordingMonitor(project, stack, PulumiTestInternal.mockLog(logger));
        try {
            var result = PulumiTestInternal.builder()
                    .options(TestOptions.builder().projectName(project).stackName(stack).preview(true).build())
                    .standardLogger(logger)
                    .monitorDecorator(ignored -> monitor)
                    .deploymentFactory(state -> {
                        state.runner = new OfflineRunner();
                        return new DeploymentImpl(state);
                    })
                    .build()
                    .runTest(program);
            var failures = new ArrayList<String>();
            result.exceptions().forEach(exception -> failures.add(describe(exception)));
            failures.addAll(log.errors);
            if (!failures.isEmpty()) {
                throw new PlanFailedException(stack, failures, result.exceptions());
            }
            return monitor.toPlan(log.warnings);
        } finally {
            PulumiTest.cleanup();
        }
    }

    private static String describe(Throwable exception) {
        var root = exception;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == exception ? String.valueOf(exception.getMessage())
                : exception.getMessage() + " (caused by " + root + ")";
    }

    /** The program's warnings and errors, which the real engine would print in the preview. */
    private static final class CapturedLog extends Handler {
        private final List<String> warnings = new ArrayList<>();
        private final List<String> errors = new ArrayList<>();

        @Override
        public synchronized void publish(LogRecord record) {
            if (record.getLevel() == Level.WARNING) {
                warnings.add(record.getMessage());
            } else if (record.getLevel() == Level.SEVERE) {
                errors.add(record.getMessage());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
