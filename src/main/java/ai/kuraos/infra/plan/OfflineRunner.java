package ai.kuraos.infra.plan;

import com.pulumi.core.internal.ContextAwareCompletableFuture;
import com.pulumi.deployment.internal.Runner;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Runs a program's callback and waits for every task it fires off, like the SDK's runner, but by waiting on the
 * tasks rather than polling: the SDK's runner re-queues itself in a loop that formats its whole task list on every
 * turn, which under the mock engine (whose answers are immediate) was most of the offline plan's time.
 *
 * <p>"Done" means no registered task is still running. Like the SDK's runner, this relies on the SDK registering
 * a task's follow-up work (logs, dependent registrations) while that task runs, before it completes.
 */
final class OfflineRunner implements Runner {

    private final Set<CompletableFuture<?>> pending = ConcurrentHashMap.newKeySet();
    private final List<Exception> exceptions = new ArrayList<>();

    @Override
    public <T> void registerTask(String description, CompletableFuture<T> task) {
        pending.add(task);
    }

    @Override
    public <T> CompletableFuture<Result<T>> runAsync(Supplier<T> callback) {
        var value = ContextAwareCompletableFuture.supplyAsync(callback);
        registerTask("program", value);
        var result = new CompletableFuture<Result<T>>();
        // Waits outside the pool, so that waiting never takes a worker the tasks need.
        var waiter = new Thread(() -> {
            try {
                result.complete(awaitAllSettled(value));
            } catch (RuntimeException | Error failure) {
                result.completeExceptionally(failure);
            }
        }, "offline-runner");
        waiter.setDaemon(true);
        waiter.start();
        return result;
    }

    private <T> Result<T> awaitAllSettled(CompletableFuture<T> value) {
        // Until nothing is pending: a task registered while a pass copied the set (and so missed by it) is settled by
        // the next pass, even when every task that pass saw had finished.
        for (var running = settleFinished(); !running.isEmpty() || !pending.isEmpty(); running = settleFinished()) {
            CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).handle((ignored, failure) -> null).join();
        }
        var failures = List.copyOf(exceptions);
        return new OfflineResult<>(failures.isEmpty() ? ProcessExitedSuccessfully
                : ProcessExitedBeforeLoggingUserActionableMessage, failures,
                failures.isEmpty() ? Optional.ofNullable(value.join()) : Optional.empty());
    }

    /** Drops finished tasks, keeping the failures of those that failed; returns the ones still running. */
    private List<CompletableFuture<?>> settleFinished() {
        var running = new ArrayList<CompletableFuture<?>>();
        for (var task : List.copyOf(pending)) {
            if (!task.isDone()) {
                running.add(task);
                continue;
            }
            pending.remove(task);
            try {
                task.join();
            } catch (CompletionException | CancellationException failure) {
                exceptions.add(unwrap(failure));
            }
        }
        return running;
    }

    private static Exception unwrap(RuntimeException failure) {
        var cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return cause instanceof Exception exception ? exception : new IllegalStateException(cause);
    }

    private static final class OfflineResult<T> extends Result<T> {
        OfflineResult(int exitCode, List<Exception> exceptions, Optional<T> result) {
            super(exitCode, exceptions, result);
        }
    }
}
