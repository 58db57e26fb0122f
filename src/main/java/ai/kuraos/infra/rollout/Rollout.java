package ai.kuraos.infra.rollout;

import ai.kuraos.infra.backend.BackendNames;
import ai.kuraos.infra.gcp.GoogleApi;
import ai.kuraos.infra.rollout.CloudRunService.Live;
import ai.kuraos.infra.rollout.CloudRunService.TrafficLine;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

import static ai.kuraos.infra.rollout.CloudRunService.CANDIDATE_TAG;
import static ai.kuraos.infra.rollout.CloudRunService.PREVIOUS_TAG;

/**
 * The release procedure of the seeds' migration job pattern, with a smoke test and a way back: stage the new revision
 * without traffic, migrate the database with the new image, check the new revision's health on its own URL, then
 * switch traffic. Every step reads the service as Cloud Run serves it and refuses when it is not what the step
 * expects; traffic only ever moves to a revision named explicitly, after its smoke test, and the move is verified.
 * Nothing depends on the stack file: a re-run from a fresh checkout finds where the last run stopped.
 */
public final class Rollout {

    /** A release: an image, and the id that names its revisions. */
    public record Release(String image, String id) {
    }

    private final StackOperations stack;
    private final CloudRunService cloudRun;
    private final MigrationRunner migrator;
    private final HealthProbe probe;
    private final RolloutLease lease;
    private final String holder;
    private final Duration leaseTtl;
    private final Clock clock;
    private final Consumer<String> progress;

    /**
     * @param holder   who runs this rollout, as the lease names it to others (a CI run, a person on a machine)
     * @param leaseTtl how long a claim of the lease stands before the next claimer may break it as stale
     */
    public Rollout(StackOperations stack, CloudRunService cloudRun, MigrationRunner migrator, HealthProbe probe,
                   RolloutLease lease, String holder, Duration leaseTtl, Clock clock, Consumer<String> progress) {
        this.stack = stack;
        this.cloudRun = cloudRun;
        this.migrator = migrator;
        this.probe = probe;
        this.lease = lease;
        this.holder = holder;
        this.leaseTtl = leaseTtl;
        this.clock = clock;
        this.progress = progress;
    }

    /** Releases {@code image} as {@code release}; returns the report, or throws {@link RolloutFailedException}. */
    public RolloutReport deploy(String image, String release) {
        var live = readIfExists(Step.STAGE).orElseThrow(() -> failed(Step.STAGE, BackendNames.SERVICE + " does not exist yet",
                "Run `deploy` without --image and --release once: it creates the service with the stack file's release."));
        return release(new Release(image, release), live);
    }

    /**
     * Applies the stack as this checkout has it (configuration, secrets, code) to the release that serves now, read
     * from Cloud Run: a change that gives the service a new revision goes through the smoke test before it serves.
     * A stack whose service does not exist yet is created with {@code stackFileRelease}.
     */
    public RolloutReport reapply(Release stackFileRelease) {
        var live = readIfExists(Step.STAGE);
        if (live.isEmpty()) {
            return create(stackFileRelease);
        }
        var serving = serving(live.get(), Step.STAGE);
        var revision = live.get().revision(serving).orElseThrow();
        if (revision.release().isEmpty() || revision.image().isEmpty()) {
            throw failed(Step.STAGE, serving + " carries no release label or image", "Nothing was changed."
                    + " Deploy a release with --image and --release.");
        }
        return release(new Release(revision.image(), revision.release()), live.get());
    }

    private RolloutReport create(Release release) {
        var timings = new LinkedHashMap<Step, Duration>();
        var staged = timed(Step.STAGE, timings, () -> stack.stage(release.image(), release.id()),
                () -> "Nothing served before. Fix the problem and run the same command again.");
        var live = readIfExists(Step.STAGE).orElseThrow(() -> failed(Step.STAGE, BackendNames.SERVICE
                + " still does not exist after the update", "Look at the update's output above."));
        // A new service serves its first revision through "latest"; name it, so that no later revision inherits it.
        changeTo(Step.STAGE, List.of(TrafficLine.serving(staged.revision())), live,
                "Run the same command again: it names the revision that serves.");
        progress.accept("created " + BackendNames.SERVICE + ": " + staged.revision() + " serves");
        return new RolloutReport(staged.revision(), Optional.empty(), timings);
    }

    private RolloutReport release(Release release, Live before) {
        var serving = serving(before, Step.STAGE);
        var held = acquireLease(release);
        try {
            return release(release, before, serving, held);
        } finally {
            giveUp(held);
        }
    }

    /** The outcome matters more than the claim: a claim left behind goes stale and the next rollout breaks it. */
    private void giveUp(RolloutLease.Held held) {
        try {
            held.release();
        } catch (RuntimeException failure) {
            progress.accept("WARNING: could not give up the stack's lease (" + failure.getMessage() + "); it stays"
                    + " until it goes stale, or break it with the break-lock workflow");
        }
    }

    private RolloutReport release(Release release, Live before, String serving, RolloutLease.Held held) {
        var timings = new LinkedHashMap<Step, Duration>();
        var previous = before.tagged(PREVIOUS_TAG).filter(name -> before.revision(name).isPresent());
        if (before.followsLatest()) {
            changeTo(Step.STAGE, steady(serving, previous), before, "Nothing was staged. Run the same deploy again.");
            progress.accept("named " + serving + " in the traffic split (it followed the latest revision), so that the"
                    + " new revision gets none untested");
        }
        var staged = timed(Step.STAGE, timings, () -> stack.stage(release.image(), release.id()),
                () -> where() + " Fix the problem and run the same deploy again: staging is repeatable.");
        var candidate = staged.revision();
        yieldIfPreempted(Step.STAGE, held);
        var afterStage = read(Step.STAGE);
        if (!afterStage.reconciliation().succeeded()) {
            throw failed(Step.STAGE, "Cloud Run did not bring the update about: " + afterStage.describeTraffic(),
                    "The revision that served goes on serving. Look at " + candidate + " in Cloud Run (its logs say why"
                            + " it did not start), fix the release and deploy it " + retryUnderANewName(candidate));
        }
        if (!afterStage.servingRevision().equals(Optional.of(serving))
                || afterStage.serving().stream().anyMatch(line -> line.percent() > 0 && !line.revision().equals(Optional.of(serving)))) {
            if (afterStage.serving().stream().anyMatch(line -> line.revision().equals(Optional.of(candidate)) && line.percent() > 0)) {
                changeTo(Step.STAGE, steady(serving, previous), afterStage, "Run the same deploy again.");
                throw failed(Step.STAGE, "the update gave the untested " + candidate + " traffic ("
                        + afterStage.describeTraffic() + ")", "Moved it back: " + serving + " has all the traffic again."
                        + " Run the same deploy again.");
            }
            throw failed(Step.STAGE, "the traffic split changed during the stage: " + afterStage.describeTraffic(),
                    "Someone else moved traffic; this deploy stopped before its candidate got any. Find out who, then"
                            + " run the deploy again.");
        }
        if (candidate.equals(serving)) {
            progress.accept(candidate + " already serves: nothing to release");
            return new RolloutReport(serving, previous, timings);
        }
        var candidateRevision = afterStage.revision(candidate);
        if (candidateRevision.filter(CloudRunService.Revision::ready).isEmpty()) {
            throw failed(Step.STAGE, candidate + (candidateRevision.isEmpty() ? " does not exist" : " is not ready")
                    + " after the update", where() + " Look at the revision in Cloud Run, fix it and deploy it "
                    + retryUnderANewName(candidate));
        }
        var tagging = new ArrayList<TrafficLine>(List.of(TrafficLine.serving(serving), TrafficLine.tagged(candidate, CANDIDATE_TAG)));
        previous.filter(name -> !name.equals(candidate)).ifPresent(name -> tagging.add(TrafficLine.tagged(name, PREVIOUS_TAG)));
        changeTo(Step.STAGE, tagging, afterStage, "Run the same deploy again: staging is repeatable.");
        var candidateUrl = staged.candidateUrl().or(() -> read(Step.STAGE).tagUrl(CANDIDATE_TAG)).orElseThrow(() ->
                failed(Step.STAGE, "no URL answers for the candidate tag", where()));
        progress.accept("staged " + candidate + " with no traffic at " + candidateUrl);

        var keepServing = "`rollback` (without --revision) takes the candidate out of the split and keeps " + serving + ".";
        var servingImage = before.revision(serving).map(CloudRunService.Revision::image).orElse("");
        var servingWarning = "";
        if (release.image().equals(servingImage)) {
            progress.accept("the image is the one " + serving + " runs: no migration");
        } else {
            var migration = timed(Step.MIGRATE, timings, migrator::run, () -> where() + " " + keepServing);
            if (!migration.succeeded()) {
                throw failed(Step.MIGRATE, migrationProblem(migration), where() + " The candidate " + candidate
                        + " gets none. " + migrationAdvice(migration) + " " + keepServing);
            }
            progress.accept("migrated the database with " + release.image() + " (execution " + migration.execution() + ")");
            var servingHealth = probe.check(staged.servingUrl());
            if (!servingHealth.healthy()) {
                servingWarning = "WARNING: " + serving + " no longer passes its health check since the migration ("
                        + servingHealth.detail() + "). ";
                progress.accept(servingWarning + "The way out: roll forward (this deploy goes on to the candidate's"
                        + " smoke test and promotes it if it passes), or run the release's documented downgrade"
                        + " (docs/operations.md, \"When the serving revision breaks after a migration\").");
            }
        }

        yieldIfPreempted(Step.MIGRATE, held);
        var prefix = servingWarning;
        var health = timed(Step.SMOKE_TEST, timings, () -> probe.check(candidateUrl), () -> prefix + where() + " " + keepServing);
        if (!health.healthy()) {
            throw failed(Step.SMOKE_TEST, candidateUrl + "/health: " + health.detail(), prefix + where() + " The candidate "
                    + candidate + " gets none. The migration has run, so " + serving + " serves the new schema (migrations"
                    + " must stay backward compatible). Fix the release and deploy a new one; " + keepServing);
        }
        progress.accept("smoke test passed: " + health.detail());

        timed(Step.PROMOTE, timings, () -> {
            promote(serving, candidate, held);
            return null;
        }, () -> where() + " Run the same deploy again: it finds where this one stopped.");
        progress.accept("promoted " + candidate + ": it now has all the traffic");
        return new RolloutReport(candidate, Optional.of(serving), timings);
    }

    /**
     * Cloud Run keeps a revision that failed to start under its name, and the name derives from the release and the
     * template (BackendNames.revision): the same release with the same image and configuration asks for that name again.
     */
    private static String retryUnderANewName(String failedRevision) {
        return "under a new --release: the same release with the same image and configuration would ask for "
                + failedRevision + " again, which Cloud Run keeps as it failed.";
    }

    private void promote(String serving, String candidate, RolloutLease.Held held) {
        yieldIfPreempted(Step.PROMOTE, held);
        var live = read(Step.PROMOTE);
        if (!live.servingRevision().equals(Optional.of(serving)) || !live.tagged(CANDIDATE_TAG).equals(Optional.of(candidate))
                || live.revision(candidate).filter(CloudRunService.Revision::ready).isEmpty()) {
            throw failed(Step.PROMOTE, "the service is no longer as staged (" + serving + " serving, " + candidate
                    + " the ready candidate): " + live.describeTraffic(), "Nothing was promoted. Run the deploy again.");
        }
        changeTo(Step.PROMOTE, List.of(TrafficLine.serving(candidate), TrafficLine.tagged(serving, PREVIOUS_TAG)), live,
                "Run the same deploy again: it finds where this one stopped.");
    }

    /**
     * Sends all traffic to {@code revision}, to the revision tagged {@code previous}, or (without a revision, while a
     * candidate is staged) takes the candidate out and keeps the serving revision. One traffic change on the live
     * service: nothing is built or migrated, the lease is pre-empted rather than waited for, and a target that does
     * not exist or is not ready is refused before anything changes.
     */
    public RolloutReport rollback(Optional<String> revision) {
        var timings = new LinkedHashMap<Step, Duration>();
        var live = readIfExists(Step.ROLLBACK).orElseThrow(() -> failed(Step.ROLLBACK, BackendNames.SERVICE + " does not exist",
                "Nothing was changed."));
        var serving = live.servingRevision();
        var candidate = live.tagged(CANDIDATE_TAG).filter(name -> !serving.equals(Optional.of(name)));
        var previous = live.tagged(PREVIOUS_TAG).filter(name -> live.revision(name).isPresent());
        if (revision.isEmpty() && candidate.isPresent() && serving.isPresent()) {
            moveTraffic(steady(serving.get(), previous), live, timings);
            progress.accept("took the candidate " + candidate.get() + " out of the split: " + serving.get() + " keeps all the traffic");
            return new RolloutReport(serving.get(), previous, timings);
        }
        var target = revision.or(() -> live.tagged(PREVIOUS_TAG)).orElseThrow(() -> failed(Step.ROLLBACK,
                "no previous revision is recorded (traffic: " + live.describeTraffic() + ")",
                "Nothing was changed. Name the revision to return to with --revision; ready revisions: "
                        + live.describeReadyRevisions() + "."));
        var targetRevision = live.revision(target);
        if (targetRevision.isEmpty()) {
            throw failed(Step.ROLLBACK, target + " no longer exists (traffic: " + live.describeTraffic() + ")",
                    "Nothing was changed. Ready revisions: " + live.describeReadyRevisions() + ".");
        }
        if (!targetRevision.get().ready()) {
            throw failed(Step.ROLLBACK, target + " is not ready (traffic: " + live.describeTraffic() + ")",
                    "Nothing was changed. Ready revisions: " + live.describeReadyRevisions() + ".");
        }
        if (serving.equals(Optional.of(target)) && candidate.isEmpty() && live.traffic().size() == 1) {
            throw failed(Step.ROLLBACK, target + " already has all the traffic", "Nothing was changed.");
        }
        moveTraffic(List.of(TrafficLine.serving(target)), live, timings);
        progress.accept("rolled back: " + target + " has all the traffic (it was: " + live.describeTraffic() + ")");
        return new RolloutReport(target, Optional.empty(), timings);
    }

    /**
     * A rollback's traffic change, under a claim of the lease that pre-empts whichever stands and records
     * {@code split}: a deploy in flight, whose update may send the split of its refresh back, finds it, puts the split
     * back and stops. While that deploy may still run the claim stays (a deploy cannot take it over); otherwise it is
     * given up. A lease that cannot be taken never stops a rollback: it warns and goes on.
     */
    private void moveTraffic(List<TrafficLine> split, Live live, Map<Step, Duration> timings) {
        var now = clock.instant();
        Optional<RolloutLease.Preemption> preemption;
        try {
            preemption = Optional.of(lease.preempt(new RolloutLease.Claim(holder, "rollback", now, now.plus(leaseTtl), split)));
        } catch (RuntimeException failure) {
            progress.accept("WARNING: could not claim the stack's lease (" + failure.getMessage() + "): a deploy in flight"
                    + " would not know of this rollback, and its update could send its own split back. Read the split"
                    + " after any deploy that overlaps this rollback.");
            preemption = Optional.empty();
        }
        var inFlight = preemption.flatMap(RolloutLease.Preemption::displaced).filter(claim -> !claim.staleAt(clock.instant()));
        try {
            timed(Step.ROLLBACK, timings, () -> changeTo(Step.ROLLBACK, split, live, "Run rollback again."),
                    () -> where() + " Run rollback again.");
        } finally {
            if (inFlight.isPresent()) {
                progress.accept("pre-empted " + inFlight.get() + ": this rollback's claim of the lease stays, so that"
                        + " the deploy puts this split back if its update undid it, and stops; then the claim is gone");
            } else {
                preemption.ifPresent(taken -> giveUp(taken.held()));
            }
        }
    }

    /**
     * Stops this deploy when it no longer holds the lease. When a rollback pre-empted it, this deploy's update may
     * have sent back the split of its refresh (the provider PATCHes the whole service): the rollback's split is put
     * back first, and the rollback's claim given up.
     */
    private void yieldIfPreempted(Step step, RolloutLease.Held held) {
        if (held.stillHeld()) {
            return;
        }
        var standing = lease.standing();
        var rollback = standing.filter(claim -> claim.claim().isRollback());
        if (rollback.isEmpty()) {
            throw failed(step, "this deploy lost the stack's lease: another rollout broke it or took it over",
                    where() + " The other rollout decides what serves; nothing was promoted.");
        }
        var split = rollback.get().claim().rollbackSplit();
        var live = read(step);
        var restored = live.serves(split) ? "" : " This deploy's update had sent another split back; the rollback's is back.";
        if (!live.serves(split)) {
            changeTo(step, split, live, "Run the rollback again: `rollback --revision <the revision it named>`.");
        }
        rollback.get().held().release();
        throw failed(step, "a rollback by " + rollback.get().claim().holder() + " pre-empted this deploy",
                "Nothing was promoted." + restored + " Traffic now: " + read(step).describeTraffic() + ". Deploy again"
                        + " once the rollback's reason is dealt with.");
    }

    /**
     * Sets the split to {@code split}, on condition that the service is still as {@code live} was read, and waits until
     * Cloud Run serves it; returns the service as it then is. A lost answer is judged by what serves; a change that
     * Cloud Run accepted but failed to bring about is a failed step, whose message says what serves instead.
     */
    private Live changeTo(Step step, List<TrafficLine> split, Live live, String advice) {
        try {
            cloudRun.setTraffic(split, live.etag());
        } catch (CloudRunService.ChangedMeanwhileException changed) {
            throw failed(step, "Cloud Run refused the traffic change " + split + ": the service changed since it was"
                    + " read (" + changed.getMessage() + ")", where() + " Nothing of this change was made. Someone else"
                    + " changed the service meanwhile (a rollback, another rollout, a `pulumi up`): find out who, then "
                    + advice, changed);
        } catch (RuntimeException failure) {
            var after = read(step);
            if (!after.serves(split)) {
                throw failed(step, "could not set the traffic split to " + split + ": " + failure.getMessage()
                        + rateLimited(failure), "Traffic now: " + after.describeTraffic() + ". " + advice, failure);
            }
            progress.accept("the traffic change answered " + failure.getMessage() + ", but Cloud Run serves it: it went through");
            return after;
        }
        var after = read(step);
        if (!after.serves(split)) {
            throw failed(step, "Cloud Run accepted the split " + split + " but does not serve it: " + after.describeTraffic(),
                    restoreWhatServes(after) + " " + advice);
        }
        return after;
    }

    /**
     * After a split that failed to reconcile, asks for what serves again, so that the service's desired state is
     * true and the next command starts from it; says what it did.
     */
    private String restoreWhatServes(Live failed) {
        try {
            cloudRun.setTraffic(failed.serving(), failed.etag());
            return cloudRun.readSettled().filter(live -> live.serves(failed.serving())).isPresent()
                    ? "The split asked for is back to what serves."
                    : "The split asked for could not be put back to what serves: " + where();
        } catch (RuntimeException failure) {
            return "The split asked for could not be put back to what serves (" + failure.getMessage() + "): " + where();
        }
    }

    /** All traffic on {@code serving}, the previous revision kept under its tag. */
    private static List<TrafficLine> steady(String serving, Optional<String> previous) {
        var lines = new ArrayList<>(List.of(TrafficLine.serving(serving)));
        previous.filter(name -> !name.equals(serving)).ifPresent(name -> lines.add(TrafficLine.tagged(name, PREVIOUS_TAG)));
        return lines;
    }

    private RolloutLease.Held acquireLease(Release release) {
        var now = clock.instant();
        try {
            return lease.acquire(new RolloutLease.Claim(holder, release.id(), now, now.plus(leaseTtl)));
        } catch (RolloutLease.HeldElsewhereException held) {
            if (held.claim().isRollback()) {
                throw failed(Step.STAGE, held.getMessage(), "Nothing was changed. That rollback pre-empted a deploy"
                        + " that has not come back to put the rollback's split back: if that deploy is still running, wait"
                        + " for it to stop. If its run died, check that what serves is what you want (" + where() + "),"
                        + " then break the claim with the break-lock workflow (lock `rollout-lease`); it goes stale at "
                        + held.claim().expires() + ".");
            }
            throw failed(Step.STAGE, held.getMessage(), "Nothing was changed. Wait for that rollout to finish. If"
                    + " its run died, its claim is stale from " + held.claim().expires() + " and the next deploy"
                    + " breaks it then; a re-run of release " + held.claim().release() + " takes it over at once.");
        } catch (RuntimeException failure) {
            throw failed(Step.STAGE, "could not take the stack's lease: " + failure.getMessage(), "Nothing was changed.");
        }
    }

    /** The revision with all the traffic; a split across revisions, or a serving revision that is not ready, is refused. */
    private static String serving(Live live, Step step) {
        if (!live.asksWhatServes()) {
            throw failed(step, "Cloud Run does not serve the split last asked for: " + live.describeTraffic(),
                    "Nothing was changed. Put the traffic on one ready revision with `rollback --revision` first; ready"
                            + " revisions: " + live.describeReadyRevisions() + ".");
        }
        var serving = live.servingRevision().orElseThrow(() -> failed(step, "no revision has all the traffic: "
                + live.describeTraffic(), "Nothing was changed. Put the traffic on one revision with `rollback --revision`"
                + " first; ready revisions: " + live.describeReadyRevisions() + "."));
        if (live.revision(serving).filter(CloudRunService.Revision::ready).isEmpty()) {
            throw failed(step, "the serving revision " + serving + " is not ready (traffic: " + live.describeTraffic()
                    + ")", "Nothing was changed. Roll back to a ready revision first: " + live.describeReadyRevisions() + ".");
        }
        return serving;
    }

    private Live read(Step step) {
        return readIfExists(step).orElseThrow(() -> failed(step, BackendNames.SERVICE + " does not exist",
                "Traffic is where it was before this read; run the command again once Cloud Run answers."));
    }

    /**
     * The service once Cloud Run is done reconciling it, or empty when it does not exist; a read that fails (403, 5xx,
     * no answer) is a failed step.
     */
    private Optional<Live> readIfExists(Step step) {
        try {
            return cloudRun.readSettled();
        } catch (RuntimeException failure) {
            throw failed(step, "could not read " + BackendNames.SERVICE + ": " + failure.getMessage(),
                    "Traffic is where it was before this read; run the command again once Cloud Run answers (a new"
                            + " project answers 403 until run.googleapis.com is enabled: apply the stack's services first).",
                    failure);
        }
    }

    /** Where traffic is now, as Cloud Run says, for an advice. */
    private String where() {
        try {
            return cloudRun.read().map(live -> "Traffic now: " + live.describeTraffic() + ".")
                    .orElse(BackendNames.SERVICE + " does not exist.");
        } catch (RuntimeException failure) {
            return "Where traffic is now is unknown (" + failure.getMessage() + "): look at " + BackendNames.SERVICE
                    + " in Cloud Run.";
        }
    }

    private static String migrationProblem(MigrationRunner.Result migration) {
        return switch (migration.outcome()) {
            case FAILED -> "execution " + migration.execution() + " failed: " + migration.detail();
            case TIMED_OUT -> "execution " + migration.execution() + " did not finish: " + migration.detail();
            case LOST_TRACK -> "execution " + migration.execution() + ": " + migration.detail();
            case SUCCEEDED -> throw new IllegalArgumentException("a migration that succeeded is no problem");
        };
    }

    private static String migrationAdvice(MigrationRunner.Result migration) {
        return switch (migration.outcome()) {
            case FAILED -> "Read the execution, fix the migration and deploy again (a new image needs a new release id).";
            case TIMED_OUT, LOST_TRACK -> "Deploying again waits for a running execution before it starts another.";
            case SUCCEEDED -> "";
        };
    }

    private <T> T timed(Step step, Map<Step, Duration> timings, Supplier<T> action, Supplier<String> adviceOnFailure) {
        progress.accept(step.label() + "...");
        var start = clock.instant();
        try {
            return action.get();
        } catch (StackLockedException locked) {
            throw failed(step, locked.getMessage(), "Nothing of this " + step.label() + " ran. " + where() + " Wait for"
                    + " the other update to finish; if it died, release the lock (`pulumi cancel`, or the break-lock"
                    + " workflow), then run this command again.", locked);
        } catch (RolloutFailedException failed) {
            throw failed;
        } catch (RuntimeException failure) {
            throw failed(step, String.valueOf(failure.getMessage()) + rateLimited(failure), adviceOnFailure.get(), failure);
        } finally {
            timings.put(step, Duration.between(start, clock.instant()));
        }
    }

    private static String rateLimited(RuntimeException failure) {
        return failure instanceof GoogleApi.CallFailedException call && call.status() == 429
                ? " (Cloud Run's quota: wait a minute)" : "";
    }

    private static RolloutFailedException failed(Step step, String problem, String advice) {
        return new RolloutFailedException(step, problem, advice, null);
    }

    private static RolloutFailedException failed(Step step, String problem, String advice, Throwable cause) {
        return new RolloutFailedException(step, problem, advice, cause);
    }
}
