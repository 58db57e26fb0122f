package ai.kuraos.infra.rollout;

import ai.kuraos.infra.rollout.CloudRunService.TrafficLine;
import ai.kuraos.infra.rollout.MigrationRunner.Outcome;
import ai.kuraos.infra.rollout.RolloutWorld.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The release procedure against a modelled Cloud Run with a fault at every point (see {@link RolloutWorld}). Whatever
 * happens: no traffic reaches a revision that did not pass its smoke test, the message says where traffic really is,
 * and a re-run from a fresh checkout finishes the release.
 */
class RolloutTest {

    private static final String IMAGE_137 = "europe-southwest1-docker.pkg.dev/kura-os/kura/kura-backend:v1-3-7";
    private static final String IMAGE_138 = "europe-southwest1-docker.pkg.dev/kura-os/kura/kura-backend:v1-3-8";
    private static final String IMAGE_139 = "europe-southwest1-docker.pkg.dev/kura-os/kura/kura-backend:v1-3-9";
    private static final String REV_136 = "kura-backend-v1-3-6-4f2a9c";
    private static final String REV_137 = "kura-backend-v1-3-7-4f2a9c";
    private static final String REV_138 = "kura-backend-v1-3-8-4f2a9c";

    private RolloutWorld world;

    /** v1-3-7 serves, released over v1-3-6 by an earlier deploy (so v1-3-6 is tagged previous). */
    @BeforeEach
    void v137ServesAfterADeployOverV136() {
        world = new RolloutWorld(REV_136, IMAGE_137.replace("v1-3-7", "v1-3-6"), "v1-3-6");
        world.checkout().deploy(IMAGE_137, "v1-3-7");
        world.forgetWhatHappened();
    }

    @AfterEach
    void onlyTestedRevisionsEverHadTraffic() {
        world.cloudRun.readSettled();
        assertThat(world.cloudRun.everServed()).as("revisions that ever had traffic").isSubsetOf(world.tested);
        world.close();
    }

    private List<TrafficLine> traffic() {
        var live = world.cloudRun.readSettled().orElseThrow();
        assertThat(live.serves(live.traffic())).as("Cloud Run serves what was asked: " + live.describeTraffic()).isTrue();
        return live.serving();
    }

    private static List<TrafficLine> released(String serving, String previous) {
        return List.of(TrafficLine.serving(serving), TrafficLine.tagged(previous, CloudRunService.PREVIOUS_TAG));
    }

    private RolloutFailedException deployFails(String image, String release) {
        return catchThrowableOfType(() -> world.checkout().deploy(image, release), RolloutFailedException.class);
    }

    /** The re-run after a failure, from a fresh checkout, finishes the release. */
    private void reRunReleases138() {
        var report = world.checkout().deploy(IMAGE_138, "v1-3-8");
        assertThat(report.servingRevision()).isEqualTo(REV_138);
        assertThat(traffic()).isEqualTo(released(REV_138, REV_137));
        assertThat(world.leaseHeld()).isFalse();
    }

    @Nested
    class Deploy {

        @Test
        void stagesMigratesSmokeTestsThenPromotesTheCandidateByName() {
            var report = world.checkout().deploy(IMAGE_138, "v1-3-8");

            assertThat(report.servingRevision()).isEqualTo(REV_138);
            assertThat(report.previousRevision()).contains(REV_137);
            assertThat(report.timings()).containsOnlyKeys(Step.STAGE, Step.MIGRATE, Step.SMOKE_TEST, Step.PROMOTE);
            assertThat(traffic()).isEqualTo(released(REV_138, REV_137));
            assertThat(world.migrated).containsExactly(IMAGE_138);
            assertThat(world.candidateHealthChecks()).isGreaterThanOrEqualTo(3);
            assertThat(world.progress).containsSubsequence("stage...", "migrate...", "smoke test...", "promote...",
                    "promoted " + REV_138 + ": it now has all the traffic");
            assertThat(world.leaseHeld()).isFalse();
        }

        /** Defect (review 7): the first read's 403 (Cloud Run API not enabled) or 503 escaped as a stack trace. */
        @ParameterizedTest
        @ValueSource(ints = {403, 503})
        void firstReadFailingIsAFailedStepThatChangesNothing(int status) {
            world.cloudRun.refuseReads.add(RolloutWorld.httpFailure(status, "read kura-backend"));

            var deploy = catchThrowableOfType(() -> world.checkout().deploy(IMAGE_138, "v1-3-8"), RolloutFailedException.class);
            world.cloudRun.refuseReads.add(RolloutWorld.httpFailure(status, "read kura-backend"));
            var rollback = catchThrowableOfType(() -> world.checkout().rollback(Optional.empty()), RolloutFailedException.class);

            assertThat(deploy).as("deploy").isNotNull();
            assertThat(deploy.getMessage()).contains("could not read kura-backend", "HTTP " + status);
            assertThat(rollback).as("rollback").isNotNull();
            assertThat(traffic()).isEqualTo(released(REV_137, REV_136));
            assertThat(world.leaseHeld()).isFalse();
        }

        /** Defect (review 9): giving up the lease threw from finally and hid that the release went through. */
        @Test
        void leaseReleaseFailingAfterAPromotionDoesNotMaskTheOutcome() {
            world.storage.failNextDeleteWith = 503;

            var report = world.checkout().deploy(IMAGE_138, "v1-3-8");

            assertThat(report.servingRevision()).isEqualTo(REV_138);
            assertThat(traffic()).isEqualTo(released(REV_138, REV_137));
            assertThat(world.progress).anyMatch(line -> line.startsWith("WARNING: could not give up the stack's lease"));
        }

        /** Defect: a new service follows "latest", so the first stage gave the new revision all traffic untested. */
        @Test
        void namesTheServingRevisionBeforeTheFirstStageOfANewService() {
            assertThat(world.cloudRun.everServed()).containsExactlyInAnyOrder(REV_136, REV_137);
            var fresh = new RolloutWorld(REV_137, IMAGE_137, "v1-3-7");
            try {
                fresh.checkout().deploy(IMAGE_138, "v1-3-8");

                assertThat(fresh.progress).anySatisfy(line -> assertThat(line).startsWith("named " + REV_137
                        + " in the traffic split (it followed the latest revision)"));
                assertThat(fresh.cloudRun.everServed()).isSubsetOf(fresh.tested);
            } finally {
                fresh.close();
            }
        }

        @Test
        void stageFailsBeforeCloudRunAppliedAndTheReRunReleases() {
            world.updateFaults.add("before-apply");

            var failed = deployFails(IMAGE_138, "v1-3-8");

            assertThat(failed.step()).isEqualTo(Step.STAGE);
            assertThat(failed.getMessage()).contains("Image '" + IMAGE_138 + "' not found");
            assertThat(failed.advice()).contains("Traffic now: " + REV_137 + " 100 %, " + REV_136 + " 0 % (tag previous).",
                    "staging is repeatable");
            assertThat(world.migrated).isEmpty();
            assertThat(world.leaseHeld()).as("a failed run gives the lease up").isFalse();
            reRunReleases138();
        }

        @Test
        void stageFailsAfterCloudRunAppliedAndTheNewRevisionGetsNoTraffic() {
            world.updateFaults.add("after-apply");

            var failed = deployFails(IMAGE_138, "v1-3-8");

            assertThat(failed.step()).isEqualTo(Step.STAGE);
            assertThat(failed.getMessage()).contains("Permission 'run.jobs.update' denied");
            assertThat(world.cloudRun.read().orElseThrow().revision(REV_138)).isPresent();
            assertThat(traffic()).isEqualTo(released(REV_137, REV_136));
            reRunReleases138();
        }

        @Test
        void stackLockedByAnotherUpdateChangesNothing() {
            world.updateFaults.add("locked");

            var failed = deployFails(IMAGE_138, "v1-3-8");

            assertThat(failed.getMessage()).isEqualTo("stage failed: stack prod is locked by another update");
            assertThat(failed.advice()).contains("Nothing of this stage ran", "`pulumi cancel`", "break-lock workflow");
            reRunReleases138();
        }

        @Test
        void stagedRevisionThatNeverGetsReadyIsNeitherMigratedNorServed() {
            world.updateFaults.add("not-ready");

            var failed = deployFails(IMAGE_138, "v1-3-8");

            assertThat(failed.getMessage()).isEqualTo("stage failed: " + REV_138 + " is not ready after the update");
            assertThat(world.migrated).isEmpty();
            assertThat(traffic()).isEqualTo(released(REV_137, REV_136));
        }

        @Test
        void migrationFailsAndTheCandidateStaysAtZeroUnderItsTag() {
            world.migrations.add(new MigrationRunner.Result(Outcome.FAILED, "kura-migrator-9qz", "Completed: task 0 failed"));

            var failed = deployFails(IMAGE_138, "v1-3-8");

            assertThat(failed.step()).isEqualTo(Step.MIGRATE);
            assertThat(failed.getMessage()).isEqualTo("migrate failed: execution kura-migrator-9qz failed: Completed: task 0 failed");
            assertThat(failed.advice()).contains("Traffic now: " + REV_137 + " 100 %, " + REV_138 + " 0 % (tag candidate), "
                    + REV_136 + " 0 % (tag previous).", "The candidate " + REV_138 + " gets none",
                    "`rollback` (without --revision) takes the candidate out of the split and keeps " + REV_137);
            assertThat(world.candidateHealthChecks()).isZero();
        }

        @Test
        void migrationHangsPastItsTimeoutAndTheReRunWaitsForIt() {
            world.migrations.add(new MigrationRunner.Result(Outcome.TIMED_OUT, "kura-migrator-9qz",
                    "still running after 15 minutes; it goes on running in Cloud Run"));

            var failed = deployFails(IMAGE_138, "v1-3-8");

            assertThat(failed.getMessage()).isEqualTo("migrate failed: execution kura-migrator-9qz did not finish: still"
                    + " running after 15 minutes; it goes on running in Cloud Run");
            assertThat(failed.advice()).contains("Deploying again waits for a running execution before it starts another");
            reRunReleases138();
        }

        @Test
        void migrationLostTrackIsNotReportedAsAFailedMigration() {
            world.migrations.add(new MigrationRunner.Result(Outcome.LOST_TRACK, "kura-migrator-9qz",
                    "lost track of the execution: HTTP 503 (after 5 retries)"));

            var failed = deployFails(IMAGE_138, "v1-3-8");

            assertThat(failed.getMessage()).isEqualTo("migrate failed: execution kura-migrator-9qz: lost track of the"
                    + " execution: HTTP 503 (after 5 retries)").doesNotContain("kura-migrator-9qz failed");
            reRunReleases138();
        }

        @Test
        void servingRevisionBrokenByTheMigrationIsSaidLoudlyAndTheDeployRollsForward() {
            world.servingHealth = attempt -> new Answer(500, "{\"detail\": \"column users.locale does not exist\"}", 0);

            var report = world.checkout().deploy(IMAGE_138, "v1-3-8");

            assertThat(world.progress).anySatisfy(line -> assertThat(line).startsWith("WARNING: " + REV_137
                    + " no longer passes its health check since the migration (HTTP 500").contains("roll forward",
                    "documented downgrade"));
            assertThat(report.servingRevision()).isEqualTo(REV_138);
        }

        @Test
        void smoke503KeepsTheServingRevisionAndTheCandidateGetsNothing() {
            world.candidateHealth = attempt -> Answer.UNAVAILABLE;

            var failed = deployFails(IMAGE_138, "v1-3-8");

            assertThat(failed.step()).isEqualTo(Step.SMOKE_TEST);
            assertThat(failed.getMessage()).contains("/candidate/health: HTTP 503 upstream connect error");
            assertThat(failed.advice()).contains("Traffic now: " + REV_137 + " 100 %", "migration has run",
                    "backward compatible", "`rollback` (without --revision)");
            assertThat(traffic().get(0)).isEqualTo(TrafficLine.serving(REV_137));
        }

        @Test
        void smokeTimeoutWhenTheCandidateNeverAnswersInTime() {
            world.candidateHealth = attempt -> new Answer(200, "{\"status\": \"healthy\"}", 2_000);

            var failed = deployFails(IMAGE_138, "v1-3-8");

            assertThat(failed.getMessage()).contains("no whole answer within 1500 ms");
            assertThat(traffic().get(0)).isEqualTo(TrafficLine.serving(REV_137));
        }

        /** Defect: a single 200 passed the smoke test, so a candidate that failed every other request was promoted. */
        @Test
        void smokeFlappingCandidateIsNeverPromoted() {
            world.candidateHealth = attempt -> attempt % 2 == 0 ? Answer.UNAVAILABLE : Answer.HEALTHY;

            var failed = deployFails(IMAGE_138, "v1-3-8");

            assertThat(failed.step()).isEqualTo(Step.SMOKE_TEST);
            assertThat(failed.getMessage()).contains("of 3 successes in a row");
            assertThat(traffic().get(0)).isEqualTo(TrafficLine.serving(REV_137));
        }

        @Test
        void promote400LeavesTrafficOnTheServingRevisionAndTheReRunFinishes() {
            world.afterSmokeTest = () -> world.cloudRun.refuseTrafficChanges.add(
                    RolloutWorld.httpFailure(400, "Invalid traffic: revision is not ready"));

            var failed = deployFails(IMAGE_138, "v1-3-8");

            assertThat(failed.step()).isEqualTo(Step.PROMOTE);
            assertThat(failed.getMessage()).contains("HTTP 400 Invalid traffic");
            assertThat(failed.advice()).startsWith("Traffic now: " + REV_137 + " 100 %, " + REV_138 + " 0 % (tag candidate)")
                    .contains("Run the same deploy again");
            reRunReleases138();
        }

        @Test
        void promote409WhenTheServiceChangedInBetweenAndTheReRunFinishes() {
            world.afterSmokeTest = () -> world.cloudRun.refuseTrafficChanges.add(new CloudRunService.ChangedMeanwhileException(
                    "HTTP 409 the service changed", null));

            var failed = deployFails(IMAGE_138, "v1-3-8");

            assertThat(failed.step()).isEqualTo(Step.PROMOTE);
            assertThat(failed.getMessage()).contains("HTTP 409");
            assertThat(traffic().get(0)).isEqualTo(TrafficLine.serving(REV_137));
            reRunReleases138();
        }

        @Test
        void promote429SaysItIsCloudRunsQuotaAndTheReRunFinishes() {
            world.afterSmokeTest = () -> world.cloudRun.refuseTrafficChanges.add(
                    RolloutWorld.httpFailure(429, "Quota exceeded for quota metric 'Write requests'"));

            var failed = deployFails(IMAGE_138, "v1-3-8");

            assertThat(failed.getMessage()).contains("HTTP 429", "Cloud Run's quota: wait a minute");
            assertThat(traffic().get(0)).isEqualTo(TrafficLine.serving(REV_137));
            reRunReleases138();
        }

        @Test
        void promoteLockHeldByAnotherRolloutThatTookTheLeaseOverNeverMovesTraffic() {
            world.afterSmokeTest = () -> world.lease().acquire(new RolloutLease.Claim("run on a workstation", "v1-3-8",
                    java.time.Instant.parse("2026-12-07T10:00:00Z"), java.time.Instant.parse("2026-12-07T23:00:00Z")));

            var failed = deployFails(IMAGE_138, "v1-3-8");

            assertThat(failed.step()).isEqualTo(Step.PROMOTE);
            assertThat(failed.getMessage()).contains("this deploy lost the stack's lease");
            assertThat(traffic().get(0)).isEqualTo(TrafficLine.serving(REV_137));
            assertThat(world.leaseHeld()).as("the other rollout's claim stays").isTrue();
        }

        /** Defect: an answer lost after the traffic moved made the deploy report a failure that had not happened. */
        @Test
        void promoteNetworkErrorAfterTrafficMovedIsRecognisedAsDone() {
            world.afterSmokeTest = () -> world.cloudRun.loseTrafficChangeAnswers.add(
                    RolloutWorld.httpFailure(0, "Connection reset"));

            var report = world.checkout().deploy(IMAGE_138, "v1-3-8");

            assertThat(report.servingRevision()).isEqualTo(REV_138);
            assertThat(traffic()).isEqualTo(released(REV_138, REV_137));
            assertThat(world.progress).anySatisfy(line -> assertThat(line).contains("Connection reset", "Cloud Run serves it: it went through"));
        }

        /**
         * Defect (review 2): Cloud Run accepted the promotion's split but failed to serve it (the candidate crashes on
         * its first real requests); the check read the split asked for and reported a promotion that did not happen.
         */
        @Test
        void promoteAcceptedButFailingToReconcileIsAFailedStepThatSaysWhatServes() {
            world.afterSmokeTest = () -> world.cloudRun.failReconciliations.add("Revision '" + REV_138
                    + "' is not ready and cannot serve traffic. Container failed to start.");

            var failed = deployFails(IMAGE_138, "v1-3-8");

            assertThat(failed.step()).isEqualTo(Step.PROMOTE);
            assertThat(failed.getMessage()).contains("does not serve it", REV_137 + " 100 %", "Container failed to start");
            assertThat(failed.advice()).contains("The split asked for is back to what serves.");
            assertThat(traffic().get(0)).as("what serves, and what is asked again").isEqualTo(TrafficLine.serving(REV_137));
            assertThat(world.cloudRun.everServed()).doesNotContain(REV_138);
        }

        /** Defect (review 2): the check after the stage read the split asked for while Cloud Run still reconciled it. */
        @Test
        void stageWaitsUntilCloudRunServesBeforeJudgingTheSplit() {
            world.duringStage = () -> world.cloudRun.failReconciliations.add("Revision '" + REV_138 + "' failed to start");

            var failed = deployFails(IMAGE_138, "v1-3-8");

            assertThat(failed.step()).isEqualTo(Step.STAGE);
            assertThat(failed.getMessage()).contains("Cloud Run did not bring the update about", "failed to start");
            assertThat(failed.advice()).as("review 11: the failed revision keeps its name").contains("under a new --release",
                    "would ask for " + REV_138 + " again");
            assertThat(world.migrated).isEmpty();
            assertThat(world.cloudRun.servingTraffic()).isEqualTo(released(REV_137, REV_136));
            reRunReleases138();
        }

        /**
         * Defect (review 3): the etag was compared by kura-infra before the PATCH, so a change landing between that
         * check and the PATCH was overwritten. Cloud Run now checks it: the promotion is refused, nothing is lost.
         */
        @Test
        void promoteCrossingAnotherTrafficChangeIsRefusedByCloudRunsEtagCheck() {
            world.afterSmokeTest = () -> world.cloudRun.beforeNextTrafficChange = () -> world.cloudRun.changeTrafficByHand(
                    List.of(TrafficLine.serving(REV_137), TrafficLine.tagged(REV_136, "hotfix")));

            var failed = deployFails(IMAGE_138, "v1-3-8");

            assertThat(failed.step()).isEqualTo(Step.PROMOTE);
            assertThat(failed.getMessage()).contains("the service changed since it was read", "HTTP 409");
            assertThat(failed.advice()).contains("Someone else changed the service meanwhile", "tag hotfix");
            assertThat(traffic()).as("the other writer's change stands").containsExactly(TrafficLine.serving(REV_137),
                    TrafficLine.tagged(REV_136, "hotfix"));
        }

        /** A run killed between any two steps, then the same deploy from a fresh checkout of main. */
        @ParameterizedTest(name = "killed once {0}")
        @ValueSource(strings = {"leased", "staged", "tagged", "migrated", "smoke-tested", "traffic-moved"})
        void killedBetweenStepsThenReRunFromAFreshCheckoutFinishesTheRelease(String where) {
            world.killAt = Optional.of(where);

            assertThatThrownBy(() -> world.checkout().deploy(IMAGE_138, "v1-3-8")).isInstanceOf(RolloutWorld.Killed.class);
            assertThat(world.leaseHeld()).as("a killed run leaves its claim").isTrue();

            reRunReleases138();
            assertThat(world.migrated).as("the migration ran with the release's image, once or again").isNotEmpty()
                    .containsOnly(IMAGE_138);
        }

        /** Defect: a half-done promotion was refused with "release v1-3-8 is the one serving". */
        @Test
        void reRunAfterTheTrafficMovedReportsTheReleaseAsDone() {
            world.killAt = Optional.of("traffic-moved");
            assertThatThrownBy(() -> world.checkout().deploy(IMAGE_138, "v1-3-8")).isInstanceOf(RolloutWorld.Killed.class);
            world.migrated.clear();

            var report = world.checkout().deploy(IMAGE_138, "v1-3-8");

            assertThat(report.servingRevision()).isEqualTo(REV_138);
            assertThat(world.migrated).as("nothing left to migrate").isEmpty();
            assertThat(world.progress).contains(REV_138 + " already serves: nothing to release");
        }

        @Test
        void twoDeploysAtOnceOfDifferentReleasesTheSecondIsRefusedBeforeItChangesAnything() {
            var second = new RolloutFailedException[1];
            world.afterSmokeTest = () -> second[0] = catchThrowableOfType(
                    () -> world.checkout("run on a workstation").deploy(IMAGE_139, "v1-3-9"), RolloutFailedException.class);

            var report = world.checkout("CI run").deploy(IMAGE_138, "v1-3-8");

            assertThat(report.servingRevision()).isEqualTo(REV_138);
            assertThat(second[0].getMessage()).contains("another rollout holds the stack's lease: release v1-3-8 by CI run");
            assertThat(second[0].advice()).startsWith("Nothing was changed.");
            assertThat(world.cloudRun.read().orElseThrow().revision("kura-backend-v1-3-9-4f2a9c")).isEmpty();
            assertThat(world.migrated).containsExactly(IMAGE_138);
        }

        @Test
        void twoDeploysAtOnceOfTheSameReleaseOnlyOnePromotesAndTheOtherSaysSo() {
            var second = new RolloutReport[1];
            world.afterSmokeTest = () -> second[0] = world.checkout("run on a workstation").deploy(IMAGE_138, "v1-3-8");

            var failed = deployFails(IMAGE_138, "v1-3-8");

            assertThat(second[0].servingRevision()).isEqualTo(REV_138);
            assertThat(failed.getMessage()).contains("lost the stack's lease");
            assertThat(traffic()).isEqualTo(released(REV_138, REV_137));
        }

        @Test
        void refusesWhenTrafficWasSplitByHandAndShowsTheRealSplit() {
            world.cloudRun.changeTrafficByHand(List.of(new TrafficLine(Optional.of(REV_137), 50, Optional.empty()),
                    new TrafficLine(Optional.of(REV_136), 50, Optional.empty())));

            var failed = deployFails(IMAGE_138, "v1-3-8");

            assertThat(failed.getMessage()).isEqualTo("stage failed: no revision has all the traffic: " + REV_137
                    + " 50 %, " + REV_136 + " 50 %");
            assertThat(failed.advice()).contains("Nothing was changed", "`rollback --revision`");
            assertThat(world.cloudRun.read().orElseThrow().revision(REV_138)).isEmpty();
        }

        @Test
        void refusesADeployWhenTheServiceDoesNotExistYet() {
            var empty = new CloudRunModel();
            var failed = catchThrowableOfType(() -> new Rollout((image, release) -> {
                throw new AssertionError("no update");
            }, empty, () -> {
                throw new AssertionError("no migration");
            }, url -> new HealthProbe.Result(true, ""), world.lease(), "run", Duration.ofHours(1), java.time.Clock.systemUTC(), line -> {
            }).deploy(IMAGE_138, "v1-3-8"), RolloutFailedException.class);

            assertThat(failed.getMessage()).isEqualTo("stage failed: kura-backend does not exist yet");
            assertThat(failed.advice()).contains("without --image and --release");
            assertThat(world.leaseHeld()).isFalse();
        }
    }

    @Nested
    class Reapply {

        /** Defect: a configuration change went to all traffic through "latest" with no smoke test. */
        @Test
        void configurationChangeMakesANewRevisionThatIsSmokeTestedBeforeItServes() {
            world.fingerprint = "9e8d7c";

            var report = world.checkout().reapply(new Rollout.Release("placeholder-image", "placeholder"));

            assertThat(report.servingRevision()).isEqualTo("kura-backend-v1-3-7-9e8d7c");
            assertThat(world.tested).contains("kura-backend-v1-3-7-9e8d7c");
            assertThat(world.migrated).as("the image is the serving one's").isEmpty();
            assertThat(world.progress).contains("the image is the one " + REV_137 + " runs: no migration");
        }

        /** The first update of a new stack: the service is created, and its first revision named in the split. */
        @Test
        void createsTheServiceOfANewStackAndNamesItsFirstRevision() {
            var fresh = new RolloutWorld(new CloudRunModel());
            try {
                var report = fresh.checkout().reapply(new Rollout.Release(IMAGE_137, "v1-3-7"));

                assertThat(report.servingRevision()).isEqualTo(REV_137);
                assertThat(fresh.cloudRun.read().orElseThrow().traffic()).containsExactly(TrafficLine.serving(REV_137));
                assertThat(fresh.progress).contains("created kura-backend: " + REV_137 + " serves");
            } finally {
                fresh.close();
            }
        }

        @Test
        void nothingChangedChangesNothing() {
            var before = traffic();

            var report = world.checkout().reapply(new Rollout.Release("placeholder-image", "placeholder"));

            assertThat(report.servingRevision()).isEqualTo(REV_137);
            assertThat(traffic()).isEqualTo(before);
            assertThat(world.candidateHealthChecks()).isZero();
        }

        @Test
        void aConfigurationChangeThatBreaksTheRevisionNeverServes() {
            world.fingerprint = "9e8d7c";
            world.candidateHealth = attempt -> new Answer(500, "{\"detail\": \"KeyError: 'REDIS_HOST'\"}", 0);

            var failed = catchThrowableOfType(() -> world.checkout().reapply(new Rollout.Release("i", "r")),
                    RolloutFailedException.class);

            assertThat(failed.step()).isEqualTo(Step.SMOKE_TEST);
            assertThat(traffic().get(0)).isEqualTo(TrafficLine.serving(REV_137));
        }
    }

    @Nested
    class Rollback {

        @Test
        void returnsAllTrafficToThePreviousRevisionInOneCheckedChange() {
            var report = world.checkout().rollback(Optional.empty());

            assertThat(report.servingRevision()).isEqualTo(REV_136);
            assertThat(traffic()).containsExactly(TrafficLine.serving(REV_136));
            assertThat(report.timings()).containsOnlyKeys(Step.ROLLBACK);
            assertThat(world.migrated).isEmpty();
        }

        @Test
        void rollbackWithNoPreviousRevisionIsRefusedAndListsTheReadyOnes() {
            world.cloudRun.changeTrafficByHand(List.of(TrafficLine.serving(REV_137)));

            var failed = catchThrowableOfType(() -> world.checkout().rollback(Optional.empty()), RolloutFailedException.class);

            assertThat(failed.getMessage()).isEqualTo("rollback failed: no previous revision is recorded (traffic: "
                    + REV_137 + " 100 %)");
            assertThat(failed.advice()).isEqualTo("Nothing was changed. Name the revision to return to with --revision;"
                    + " ready revisions: " + REV_136 + ", " + REV_137 + ".");
        }

        /** Defect: a rollback to a deleted revision pinned the stack to it, and every later deploy failed. */
        @Test
        void rollbackToADeletedPreviousRevisionIsRefusedBeforeAnythingChanges() {
            // Deleting a revision takes it out of the split (Cloud Run refuses to delete one that serves).
            world.cloudRun.deleteRevision(REV_136);
            var before = world.cloudRun.read().orElseThrow();

            var named = catchThrowableOfType(() -> world.checkout().rollback(Optional.of(REV_136)), RolloutFailedException.class);
            var bare = catchThrowableOfType(() -> world.checkout().rollback(Optional.empty()), RolloutFailedException.class);

            assertThat(named.getMessage()).isEqualTo("rollback failed: " + REV_136 + " no longer exists (traffic: "
                    + REV_137 + " 100 %)");
            assertThat(named.advice()).isEqualTo("Nothing was changed. Ready revisions: " + REV_137 + ".");
            assertThat(bare.getMessage()).contains("no previous revision is recorded");
            assertThat(world.cloudRun.read().orElseThrow()).isEqualTo(before);
        }

        @Test
        void rollbackTwiceInARowDoesNotFlipBackToTheRevisionItLeft() {
            world.checkout().rollback(Optional.empty());

            var failed = catchThrowableOfType(() -> world.checkout().rollback(Optional.empty()), RolloutFailedException.class);

            assertThat(failed.getMessage()).contains("no previous revision is recorded");
            assertThat(traffic()).containsExactly(TrafficLine.serving(REV_136));
        }

        /** Defect: a bare rollback after a failed smoke test moved traffic to the revision before the serving one. */
        @Test
        void rollbackWhileACandidateIsStagedKeepsTheServingRevision() {
            world.candidateHealth = attempt -> Answer.UNAVAILABLE;
            deployFails(IMAGE_138, "v1-3-8");

            var report = world.checkout().rollback(Optional.empty());

            assertThat(report.servingRevision()).isEqualTo(REV_137);
            assertThat(traffic()).isEqualTo(released(REV_137, REV_136));
            assertThat(world.progress).contains("took the candidate " + REV_138 + " out of the split: " + REV_137
                    + " keeps all the traffic");
        }

        @Test
        void rollbackAfterAManualTrafficChangeSaysWhatItReplaced() {
            world.checkout().deploy(IMAGE_138, "v1-3-8");
            world.cloudRun.changeTrafficByHand(List.of(new TrafficLine(Optional.of(REV_138), 50, Optional.empty()),
                    new TrafficLine(Optional.of(REV_137), 50, Optional.empty())));

            var bare = catchThrowableOfType(() -> world.checkout().rollback(Optional.empty()), RolloutFailedException.class);
            var report = world.checkout().rollback(Optional.of(REV_137));

            assertThat(bare.getMessage()).contains("no previous revision is recorded (traffic: " + REV_138 + " 50 %, "
                    + REV_137 + " 50 %)");
            assertThat(report.servingRevision()).isEqualTo(REV_137);
            assertThat(world.progress).contains("rolled back: " + REV_137 + " has all the traffic (it was: " + REV_138
                    + " 50 %, " + REV_137 + " 50 %)");
        }

        @Test
        void rollbackToARevisionThatIsNotReadyIsRefused() {
            world.updateFaults.add("not-ready");
            deployFails(IMAGE_138, "v1-3-8");

            var failed = catchThrowableOfType(() -> world.checkout().rollback(Optional.of(REV_138)), RolloutFailedException.class);

            assertThat(failed.getMessage()).startsWith("rollback failed: " + REV_138 + " is not ready");
            assertThat(traffic().get(0)).isEqualTo(TrafficLine.serving(REV_137));
        }

        @Test
        void rollbackToTheRevisionThatAlreadyServesChangesNothing() {
            world.cloudRun.changeTrafficByHand(List.of(TrafficLine.serving(REV_137)));

            var failed = catchThrowableOfType(() -> world.checkout().rollback(Optional.of(REV_137)), RolloutFailedException.class);

            assertThat(failed.getMessage()).contains("already has all the traffic");
        }

        @Test
        void rollbackNeverWaitsForTheLeaseOfADeployInFlight() {
            world.candidateHealth = attempt -> Answer.UNAVAILABLE;
            var rolledBack = new RolloutReport[1];
            world.migrations.add(new MigrationRunner.Result(Outcome.SUCCEEDED, "kura-migrator-1", "succeeded"));
            world.servingHealth = attempt -> {
                if (rolledBack[0] == null) {
                    rolledBack[0] = world.checkout("on-call").rollback(Optional.of(REV_136));
                }
                return Answer.HEALTHY;
            };

            var failed = deployFails(IMAGE_138, "v1-3-8");

            assertThat(rolledBack[0].servingRevision()).isEqualTo(REV_136);
            assertThat(failed.step()).as("the deploy stops at the next step").isEqualTo(Step.MIGRATE);
            assertThat(failed.getMessage()).contains("a rollback by on-call pre-empted this deploy");
            assertThat(traffic()).containsExactly(TrafficLine.serving(REV_136));
            assertThat(world.leaseHeld()).isFalse();
        }

        /**
         * Defect (review 1): a rollback between the stage's refresh and its update was sent back by the provider, which
         * PATCHes the whole service with the refreshed split; the deploy then saw the split it expected and promoted.
         */
        @Test
        void rollbackDuringTheStageIsSentBackByTheProvidersUpdateThenPutBackAndTheDeployStops() {
            var rolledBack = new RolloutReport[1];
            world.duringStage = () -> rolledBack[0] = world.checkout("on-call").rollback(Optional.of(REV_136));

            var failed = deployFails(IMAGE_138, "v1-3-8");

            assertThat(rolledBack[0].servingRevision()).isEqualTo(REV_136);
            assertThat(failed.step()).isEqualTo(Step.STAGE);
            assertThat(failed.getMessage()).contains("a rollback by on-call pre-empted this deploy");
            assertThat(failed.advice()).contains("This deploy's update had sent another split back; the rollback's is back.",
                    "Nothing was promoted");
            assertThat(traffic()).containsExactly(TrafficLine.serving(REV_136));
            assertThat(world.migrated).isEmpty();
            assertThat(world.leaseHeld()).as("the rollback's claim is given up once its split is back").isFalse();
            assertThat(world.cloudRun.everServed()).doesNotContain(REV_138);
        }

        /** A rollback with no deploy in flight leaves no claim behind: the next deploy is not held up. */
        @Test
        void rollbackWithNoDeployInFlightLeavesTheLeaseFree() {
            world.checkout("on-call").rollback(Optional.empty());

            assertThat(world.leaseHeld()).isFalse();
            assertThat(world.progress).noneMatch(line -> line.contains("pre-empted"));
        }
    }
}
