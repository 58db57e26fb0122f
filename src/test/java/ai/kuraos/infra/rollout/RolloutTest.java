package ai.kuraos.infra.rollout;

import ai.kuraos.infra.backend.RolloutMode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.InOrder;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

@ExtendWith(MockitoExtension.class)
class RolloutTest {

    private static final String IMAGE = "europe-southwest1-docker.pkg.dev/kura-os/kura/kura-backend:v1-3-8";
    private static final URI CANDIDATE = URI.create("https://candidate---kura-backend-abc-no.a.run.app");
    private static final StackOperations.Staged STAGED_V138 = new StackOperations.Staged("kura-backend-v1-3-8-4f2a9c",
            CANDIDATE);
    private static final BackendState SERVING_V137 = new BackendState(
            "europe-southwest1-docker.pkg.dev/kura-os/kura/kura-backend:v1-3-7", "v1-3-7",
            Optional.of("kura-backend-v1-3-7-4f2a9c"), Optional.of("kura-backend-v1-3-6-4f2a9c"), RolloutMode.NORMAL,
            Optional.empty());

    @Mock
    StackOperations stack;
    @Mock
    MigrationRunner migrator;
    @Mock
    HealthProbe probe;

    private final List<String> progress = new ArrayList<>();
    private Rollout rollout;

    /** A clock that moves ten seconds every time it is read, so that every step has a duration. */
    private static Clock ticking() {
        return new Clock() {
            private Instant now = Instant.parse("2026-11-22T10:00:00Z");

            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                now = now.plusSeconds(10);
                return now;
            }
        };
    }

    @BeforeEach
    void createRollout() {
        rollout = new Rollout(stack, migrator, probe, ticking(), progress::add);
    }

    @Nested
    class Deploy {

        @Test
        void stagesMigratesChecksThenPromotesInThatOrder() {
            when(stack.current()).thenReturn(SERVING_V137);
            when(stack.stage(IMAGE, "v1-3-8", "kura-backend-v1-3-7-4f2a9c")).thenReturn(STAGED_V138);
            when(migrator.run()).thenReturn(new MigrationRunner.Result(true, "kura-migrator-x7k2p", "succeeded"));
            when(probe.check(CANDIDATE)).thenReturn(new HealthProbe.Result(true, "HTTP 200 {\"status\": \"healthy\"}"));

            var report = rollout.deploy(IMAGE, "v1-3-8");

            InOrder order = inOrder(stack, migrator, probe);
            order.verify(stack).stage(IMAGE, "v1-3-8", "kura-backend-v1-3-7-4f2a9c");
            order.verify(migrator).run();
            order.verify(probe).check(CANDIDATE);
            order.verify(stack).promote("kura-backend-v1-3-7-4f2a9c");
            assertThat(report.servingRevision()).isEqualTo("kura-backend-v1-3-8-4f2a9c");
            assertThat(report.previousRevision()).isEqualTo("kura-backend-v1-3-7-4f2a9c");
            assertThat(report.timings()).containsOnlyKeys(Step.STAGE, Step.MIGRATE, Step.SMOKE_TEST, Step.PROMOTE)
                    .allSatisfy((step, duration) -> assertThat(duration).isEqualTo(Duration.ofSeconds(10)));
            assertThat(report.describeTimings()).isEqualTo("stage 10s, migrate 10s, smoke test 10s, promote 10s (total 40s)");
            assertThat(progress).contains("staged kura-backend-v1-3-8-4f2a9c with no traffic at " + CANDIDATE,
                    "promoted kura-backend-v1-3-8-4f2a9c: it now has all the traffic");
        }

        @Test
        void failsWhenTheMigrationFailsAndLeavesTrafficWhereItWas() {
            when(stack.current()).thenReturn(SERVING_V137);
            when(stack.stage(anyString(), anyString(), anyString())).thenReturn(STAGED_V138);
            when(migrator.run()).thenReturn(new MigrationRunner.Result(false, "kura-migrator-9qz", "Completed: task 0 failed"));

            assertThatThrownBy(() -> rollout.deploy(IMAGE, "v1-3-8"))
                    .isInstanceOfSatisfying(RolloutFailedException.class, failed -> {
                        assertThat(failed.step()).isEqualTo(Step.MIGRATE);
                        assertThat(failed.getMessage()).isEqualTo("migrate failed: execution kura-migrator-9qz: Completed: task 0 failed");
                        assertThat(failed.advice()).contains("Traffic is unchanged: kura-backend-v1-3-7-4f2a9c still serves",
                                "kura-backend-v1-3-8-4f2a9c gets none", "`rollback`");
                    });
            verifyNoInteractions(probe);
            verify(stack, never()).promote(anyString());
        }

        @Test
        void failsWhenTheMigratorCannotBeStarted() {
            when(stack.current()).thenReturn(SERVING_V137);
            when(stack.stage(anyString(), anyString(), anyString())).thenReturn(STAGED_V138);
            when(migrator.run()).thenThrow(new IllegalStateException("Cloud Run Admin API could not start kura-migrator: HTTP 403"));

            assertThatThrownBy(() -> rollout.deploy(IMAGE, "v1-3-8"))
                    .isInstanceOfSatisfying(RolloutFailedException.class, failed -> {
                        assertThat(failed.step()).isEqualTo(Step.MIGRATE);
                        assertThat(failed.getMessage()).contains("HTTP 403");
                        assertThat(failed.advice()).startsWith("Traffic is unchanged");
                    });
            verify(stack, never()).promote(anyString());
        }

        @Test
        void failsWhenTheSmokeTestFailsAndNeverPromotes() {
            when(stack.current()).thenReturn(SERVING_V137);
            when(stack.stage(anyString(), anyString(), anyString())).thenReturn(STAGED_V138);
            when(migrator.run()).thenReturn(new MigrationRunner.Result(true, "kura-migrator-x7k2p", "succeeded"));
            when(probe.check(CANDIDATE)).thenReturn(new HealthProbe.Result(false, "HTTP 503 upstream connect error"));

            assertThatThrownBy(() -> rollout.deploy(IMAGE, "v1-3-8"))
                    .isInstanceOfSatisfying(RolloutFailedException.class, failed -> {
                        assertThat(failed.step()).isEqualTo(Step.SMOKE_TEST);
                        assertThat(failed.getMessage()).isEqualTo("smoke test failed: " + CANDIDATE
                                + "/health: HTTP 503 upstream connect error");
                        assertThat(failed.advice()).contains("still serves", "migration has run", "backward compatible",
                                "`rollback`");
                    });
            verify(stack, never()).promote(anyString());
        }

        @Test
        void failsWhenPromotingFailsAndSaysTheDeployCanBeRunAgain() {
            when(stack.current()).thenReturn(SERVING_V137);
            when(stack.stage(anyString(), anyString(), anyString())).thenReturn(STAGED_V138);
            when(migrator.run()).thenReturn(new MigrationRunner.Result(true, "kura-migrator-x7k2p", "succeeded"));
            when(probe.check(CANDIDATE)).thenReturn(new HealthProbe.Result(true, "HTTP 200"));
            doThrow(new IllegalStateException("error: update failed: googleapi: Error 409")).when(stack).promote(anyString());

            assertThatThrownBy(() -> rollout.deploy(IMAGE, "v1-3-8"))
                    .isInstanceOfSatisfying(RolloutFailedException.class, failed -> {
                        assertThat(failed.step()).isEqualTo(Step.PROMOTE);
                        assertThat(failed.getMessage()).contains("Error 409");
                        assertThat(failed.advice()).contains("Run the same deploy again", "`rollback`");
                    });
        }

        @Test
        void failsPlainlyWhenTheStackIsLockedAndChangesNothing() {
            when(stack.current()).thenReturn(SERVING_V137);
            when(stack.stage(anyString(), anyString(), anyString()))
                    .thenThrow(new StackLockedException("prod", new RuntimeException("conflict")));

            assertThatThrownBy(() -> rollout.deploy(IMAGE, "v1-3-8"))
                    .isInstanceOfSatisfying(RolloutFailedException.class, failed -> {
                        assertThat(failed.step()).isEqualTo(Step.STAGE);
                        assertThat(failed.getMessage()).isEqualTo("stage failed: stack prod is locked by another update");
                        assertThat(failed.advice()).contains("Nothing of this stage ran", "`pulumi cancel`");
                    });
            verifyNoInteractions(migrator, probe);
        }

        @Test
        void failsWhenStagingFailsAndSaysStagingIsRepeatable() {
            when(stack.current()).thenReturn(SERVING_V137);
            when(stack.stage(anyString(), anyString(), anyString())).thenThrow(new IllegalStateException("image not found"));

            assertThatThrownBy(() -> rollout.deploy(IMAGE, "v1-3-8"))
                    .isInstanceOfSatisfying(RolloutFailedException.class, failed -> {
                        assertThat(failed.step()).isEqualTo(Step.STAGE);
                        assertThat(failed.advice()).contains("kura-backend-v1-3-7-4f2a9c still serves", "staging is repeatable");
                    });
            verifyNoInteractions(migrator, probe);
        }

        @Test
        void resumesFromAStagedStackKeepingItsServingRevision() {
            var staged = new BackendState(IMAGE, "v1-3-8", Optional.of("kura-backend-v1-3-8-4f2a9c"),
                    Optional.of("kura-backend-v1-3-6-4f2a9c"), RolloutMode.STAGED, Optional.of("kura-backend-v1-3-7-4f2a9c"));
            when(stack.current()).thenReturn(staged);
            when(stack.stage(IMAGE, "v1-3-8", "kura-backend-v1-3-7-4f2a9c")).thenReturn(STAGED_V138);
            when(migrator.run()).thenReturn(new MigrationRunner.Result(true, "kura-migrator-2", "succeeded"));
            when(probe.check(CANDIDATE)).thenReturn(new HealthProbe.Result(true, "HTTP 200"));

            rollout.deploy(IMAGE, "v1-3-8");

            verify(stack).promote("kura-backend-v1-3-7-4f2a9c");
        }

        @Test
        void deploysOverAPinnedStackFromThePinnedRevision() {
            var pinned = new BackendState(IMAGE, "v1-3-8", Optional.of("kura-backend-v1-3-8-4f2a9c"),
                    Optional.of("kura-backend-v1-3-7-4f2a9c"), RolloutMode.PINNED, Optional.of("kura-backend-v1-3-7-4f2a9c"));
            when(stack.current()).thenReturn(pinned);
            when(stack.stage(any(), any(), any())).thenReturn(STAGED_V138);
            when(migrator.run()).thenReturn(new MigrationRunner.Result(true, "kura-migrator-3", "succeeded"));
            when(probe.check(CANDIDATE)).thenReturn(new HealthProbe.Result(true, "HTTP 200"));

            rollout.deploy(IMAGE.replace("v1-3-8", "v1-3-9"), "v1-3-9");

            verify(stack).stage(IMAGE.replace("v1-3-8", "v1-3-9"), "v1-3-9", "kura-backend-v1-3-7-4f2a9c");
        }

        @Test
        void failsPlainlyWhenTheStackWasNeverUpdated() {
            when(stack.current()).thenReturn(new BackendState("us-docker.pkg.dev/cloudrun/container/hello:latest", "placeholder",
                    Optional.empty(), Optional.empty(), RolloutMode.NORMAL, Optional.empty()));

            assertThatThrownBy(() -> rollout.deploy(IMAGE, "v1-3-8"))
                    .isInstanceOfSatisfying(RolloutFailedException.class, failed -> {
                        assertThat(failed.getMessage()).contains("no backendRevision output", "pulumi up");
                        assertThat(failed.advice()).contains("Nothing was changed");
                    });
            verify(stack, never()).stage(any(), any(), any());
        }

        @Test
        void refusesToReleaseTheReleaseThatIsServing() {
            when(stack.current()).thenReturn(SERVING_V137);

            assertThatThrownBy(() -> rollout.deploy(IMAGE, "v1-3-7"))
                    .isInstanceOfSatisfying(RolloutFailedException.class, failed -> {
                        assertThat(failed.getMessage()).contains("release v1-3-7 is the one serving");
                        assertThat(failed.advice()).contains("Nothing was changed");
                    });
            verify(stack, never()).stage(any(), any(), any());
        }
    }

    @Nested
    class Rollback {

        @Test
        void returnsAllTrafficToThePreviousRevisionInOneUpdate() {
            when(stack.current()).thenReturn(SERVING_V137);

            var report = rollout.rollback(Optional.empty());

            verify(stack).pin("kura-backend-v1-3-6-4f2a9c");
            verifyNoInteractions(migrator, probe);
            assertThat(report.servingRevision()).isEqualTo("kura-backend-v1-3-6-4f2a9c");
            assertThat(report.previousRevision()).isEqualTo("kura-backend-v1-3-7-4f2a9c");
            assertThat(report.timings()).containsOnlyKeys(Step.ROLLBACK);
        }

        @Test
        void returnsToANamedRevision() {
            when(stack.current()).thenReturn(SERVING_V137);

            rollout.rollback(Optional.of("kura-backend-v1-2-0-4f2a9c"));

            verify(stack).pin("kura-backend-v1-2-0-4f2a9c");
        }

        @Test
        void takesAStagedCandidateOutOfTheSplit() {
            var staged = new BackendState(IMAGE, "v1-3-8", Optional.of("kura-backend-v1-3-8-4f2a9c"),
                    Optional.of("kura-backend-v1-3-6-4f2a9c"), RolloutMode.STAGED, Optional.of("kura-backend-v1-3-7-4f2a9c"));
            when(stack.current()).thenReturn(staged);

            rollout.rollback(Optional.of("kura-backend-v1-3-7-4f2a9c"));

            verify(stack).pin("kura-backend-v1-3-7-4f2a9c");
        }

        @Test
        void failsWhenNoPreviousRevisionIsRecordedAndNoneIsNamed() {
            when(stack.current()).thenReturn(new BackendState(IMAGE, "v1-3-8", Optional.of("kura-backend-v1-3-8-4f2a9c"), Optional.empty(),
                    RolloutMode.NORMAL,
                    Optional.empty()));

            assertThatThrownBy(() -> rollout.rollback(Optional.empty()))
                    .isInstanceOfSatisfying(RolloutFailedException.class, failed ->
                            assertThat(failed.advice()).contains("--revision"));
            verify(stack, never()).pin(anyString());
        }

        @Test
        void failsWhenTheRevisionAlreadyHasAllTheTraffic() {
            when(stack.current()).thenReturn(SERVING_V137);

            assertThatThrownBy(() -> rollout.rollback(Optional.of("kura-backend-v1-3-7-4f2a9c")))
                    .hasMessageContaining("already has all the traffic");
            verify(stack, never()).pin(anyString());
        }

        @Test
        void failsPlainlyWhenTheStackIsLocked() {
            when(stack.current()).thenReturn(SERVING_V137);
            doThrow(new StackLockedException("prod", null)).when(stack).pin(anyString());

            assertThatThrownBy(() -> rollout.rollback(Optional.empty()))
                    .isInstanceOfSatisfying(RolloutFailedException.class, failed -> {
                        assertThat(failed.getMessage()).isEqualTo("rollback failed: stack prod is locked by another update");
                        assertThat(failed.advice()).contains("`pulumi cancel`");
                    });
        }
    }
}
