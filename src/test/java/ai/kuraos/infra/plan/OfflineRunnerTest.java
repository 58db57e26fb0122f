package ai.kuraos.infra.plan;

import com.pulumi.deployment.internal.Runner;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class OfflineRunnerTest {

    @Test
    void waitsForTheFollowUpTasksThatRunningTasksRegister() throws Exception {
        var runner = new OfflineRunner();
        var followUp = new CompletableFuture<String>();
        var release = new CompletableFuture<Void>();

        var result = runner.runAsync(() -> {
            // As the SDK does: a task registers its follow-up work while it runs, before it completes.
            runner.registerTask("first", release.thenApply(ignored -> {
                runner.registerTask("follow-up", followUp);
                return "first done";
            }));
            return "program";
        });
        release.complete(null);

        Thread.sleep(200);
        assertThat(result).as("still waiting for the follow-up").isNotDone();
        followUp.complete("done");
        var finished = result.get(10, TimeUnit.SECONDS);
        assertThat(finished.exitCode()).isEqualTo(Runner.ProcessExitedSuccessfully);
        assertThat(finished.result()).contains("program");
    }

    @Test
    void reportsEveryFailedTaskAndNoResult() throws Exception {
        var runner = new OfflineRunner();

        var result = runner.runAsync(() -> {
            runner.registerTask("a", CompletableFuture.failedFuture(new IllegalStateException("first failure")));
            runner.registerTask("b", CompletableFuture.failedFuture(new IllegalArgumentException("second failure")));
            return "program";
        }).get(10, TimeUnit.SECONDS);

        assertThat(result.exitCode()).isEqualTo(Runner.ProcessExitedBeforeLoggingUserActionableMessage);
        assertThat(result.exceptions()).extracting(Throwable::getMessage)
                .containsExactlyInAnyOrder("first failure", "second failure");
        assertThat(result.result()).isEmpty();
    }

    @Test
    void reportsTheProgramsOwnFailure() throws Exception {
        var result = new OfflineRunner().runAsync(() -> {
            throw new IllegalStateException("program failed");
        }).get(10, TimeUnit.SECONDS);

        assertThat(result.exceptions()).extracting(Throwable::getMessage).containsExactly("program failed");
    }
}
