package ai.kuraos.infra.rollout;

import ai.kuraos.infra.backend.RolloutMode;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The release procedure of the seeds' migration job pattern, with a smoke test and a way back: stage the new revision
 * without traffic, migrate the database with the new image, check the new revision's health on its own URL, then
 * switch traffic. Any failure stops there with traffic where it was; re-running after a fix is safe.
 */
public final class Rollout {

    private final StackOperations stack;
    private final MigrationRunner migrator;
    private final HealthProbe probe;
    private final Clock clock;
    private final Consumer<String> progress;

    public Rollout(StackOperations stack, MigrationRunner migrator, HealthProbe probe, Clock clock, Consumer<String> progress) {
        this.stack = stack;
        this.migrator = migrator;
        this.probe = probe;
        this.clock = clock;
        this.progress = progress;
    }

    /** Releases {@code image} as {@code release}; returns the report, or throws {@link RolloutFailedException}. */
    public RolloutReport deploy(String image, String release) {
        var before = stack.current();
        var serving = servingRevision(before, Step.STAGE);
        if (before.mode() == RolloutMode.NORMAL && release.equals(before.release())) {
            throw new RolloutFailedException(Step.STAGE, "release " + release + " is the one serving (" + serving + ")",
                    "Nothing was changed. Deploy a new image under a new release id.", null);
        }
        var timings = new LinkedHashMap<Step, Duration>();
        var trafficUnchanged = "Traffic is unchanged: " + serving + " still serves.";

        var staged = timed(Step.STAGE, timings, () -> stack.stage(image, release, serving),
                trafficUnchanged + " Fix the problem and run the same deploy again: staging is repeatable.");
        var candidate = staged.revision();
        var candidateUrl = staged.url();
        progress.accept("staged " + candidate + " with no traffic at " + candidateUrl);

        var migration = timed(Step.MIGRATE, timings, migrator::run, trafficUnchanged + " Look at the migrator, fix it,"
                + " and deploy again.");
        if (!migration.succeeded()) {
            throw new RolloutFailedException(Step.MIGRATE, "execution " + migration.execution() + ": " + migration.detail(),
                    trafficUnchanged + " The candidate " + candidate + " gets none. Fix the migration and deploy again"
                            + " (a new image needs a new release id); `rollback` takes the candidate out of the split.",
                    null);
        }
        progress.accept("migrated the database with " + image + " (execution " + migration.execution() + ")");

        var health = timed(Step.SMOKE_TEST, timings, () -> probe.check(candidateUrl), trafficUnchanged);
        if (!health.healthy()) {
            throw new RolloutFailedException(Step.SMOKE_TEST, candidateUrl + "/health: " + health.detail(),
                    trafficUnchanged + " The migration has run, so " + serving + " now serves the new schema (migrations"
                            + " must stay backward compatible). Fix the release and deploy a new one, or run `rollback`"
                            + " to keep " + serving + " and drop the candidate.", null);
        }
        progress.accept("smoke test passed: " + health.detail());

        timed(Step.PROMOTE, timings, () -> {
                    stack.promote(serving);
                    return null;
                },
                "The candidate passed its checks but traffic may not have moved. Run the same deploy again (the"
                        + " migration is idempotent), or `rollback` to return to " + serving + ".");
        progress.accept("promoted " + candidate + ": it now has all the traffic");
        return new RolloutReport(candidate, serving, timings);
    }

    /**
     * Sends all traffic back to {@code revision}, or to the revision that served before the last promotion. A single
     * traffic-only update: nothing is built or migrated.
     */
    public RolloutReport rollback(Optional<String> revision) {
        var before = stack.current();
        var target = revision.or(before::previousRevision).orElseThrow(() -> new RolloutFailedException(Step.ROLLBACK,
                "no previous revision is recorded for this stack", "Name the revision to return to with --revision.", null));
        var serving = servingRevision(before, Step.ROLLBACK);
        if (target.equals(serving) && before.mode() != RolloutMode.STAGED) {
            throw new RolloutFailedException(Step.ROLLBACK, target + " already has all the traffic",
                    "Nothing was changed.", null);
        }
        var timings = new LinkedHashMap<Step, Duration>();
        timed(Step.ROLLBACK, timings, () -> {
            stack.pin(target);
            return null;
        }, "Traffic is unchanged: " + serving + " still serves. Fix the problem and run rollback again.");
        progress.accept("rolled back: " + target + " has all the traffic");
        return new RolloutReport(target, serving, timings);
    }

    /** A stack that was never updated has no revision serving: say so instead of failing on the missing output. */
    private static String servingRevision(BackendState state, Step step) {
        try {
            return state.servingRevision();
        } catch (IllegalStateException noRevision) {
            throw new RolloutFailedException(step, noRevision.getMessage(), "Nothing was changed.", noRevision);
        }
    }

    private <T> T timed(Step step, Map<Step, Duration> timings, Supplier<T> action, String adviceOnFailure) {
        progress.accept(step.label() + "...");
        var start = clock.instant();
        try {
            return action.get();
        } catch (StackLockedException locked) {
            throw new RolloutFailedException(step, locked.getMessage(), "Nothing of this " + step.label() + " ran. Wait"
                    + " for the other update to finish; if it died, release the lock with `pulumi cancel`, then run"
                    + " this command again.", locked);
        } catch (RolloutFailedException failed) {
            throw failed;
        } catch (RuntimeException failure) {
            throw new RolloutFailedException(step, String.valueOf(failure.getMessage()), adviceOnFailure, failure);
        } finally {
            timings.put(step, Duration.between(start, clock.instant()));
        }
    }
}
