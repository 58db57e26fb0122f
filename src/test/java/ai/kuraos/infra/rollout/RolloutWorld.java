package ai.kuraos.infra.rollout;

import ai.kuraos.infra.gcp.GoogleApi;
import ai.kuraos.infra.testing.LocalHttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Everything a rollout touches, modelled, with a fault at every point: Cloud Run ({@link CloudRunModel}), the Pulumi
 * update (which applies a template to it), the migrator, the revisions' health endpoints (a real HTTP server, asked by
 * the real {@link HttpHealthProbe}) and the lease (the real {@link GcsRolloutLease} against {@link FakeCloudStorage}).
 * The cloud outlives the runs: {@link #checkout()} is a fresh working copy of main, a new {@link Rollout} with nothing
 * carried over from the last one but what the cloud holds.
 */
final class RolloutWorld implements AutoCloseable {

    /** A run killed at some point (SIGKILL): nothing after it runs, not even its clean-up. */
    static final class Killed extends Error {
        private static final long serialVersionUID = 1L;

        Killed(String where) {
            super("killed " + where);
        }
    }

    /** What a health endpoint answers: a status and a body after a delay. */
    record Answer(int status, String body, long delayMillis) {
        static final Answer HEALTHY = new Answer(200, "{\"status\": \"healthy\"}", 0);
        static final Answer UNAVAILABLE = new Answer(503, "upstream connect error", 0);
    }

    final CloudRunModel cloudRun;
    final List<String> progress = new ArrayList<>();
    /** Revisions that passed a smoke test, and the one that served before anything ran. */
    final Set<String> tested = new LinkedHashSet<>();
    /** The images the migrator ran, in order. */
    final List<String> migrated = new ArrayList<>();

    /** Faults of the next updates, in order: "locked", "before-apply", "after-apply", "not-ready". */
    final Deque<String> updateFaults = new ArrayDeque<>();
    /** The next migrations' outcomes (then: success). */
    final Deque<MigrationRunner.Result> migrations = new ArrayDeque<>();
    /** What the candidate answers to its n-th health check (from 1). */
    IntFunction<Answer> candidateHealth = attempt -> Answer.HEALTHY;
    IntFunction<Answer> servingHealth = attempt -> Answer.HEALTHY;
    /**
     * Where the next run is killed, if anywhere: "leased", "staged", "tagged", "migrated", "smoke-tested",
     * "traffic-moved".
     */
    Optional<String> killAt = Optional.empty();
    /**
     * Runs once during the next update, between its refresh and the provider's PATCH: another actor's turn, whose
     * traffic change the PATCH then overwrites with the refreshed split.
     */
    Runnable duringStage = () -> {
    };
    /** Runs once, right after the smoke test passed: another actor's turn. */
    Runnable afterSmokeTest = () -> {
    };

    /** The revision template's fingerprint in this checkout: a configuration change changes it. */
    String fingerprint = "4f2a9c";

    final FakeCloudStorage storage = new FakeCloudStorage();
    private final LocalHttpServer storageServer;
    private final LocalHttpServer backend;
    private final AtomicInteger candidateChecks = new AtomicInteger();
    private final AtomicInteger servingChecks = new AtomicInteger();
    private final Clock clock = ticking();
    private boolean dead;
    private int runs;


    RolloutWorld(String servingRevision, String image, String release) {
        this(CloudRunModel.serving(servingRevision, image, release));
        tested.add(servingRevision);
    }

    /** A world whose service is {@code cloudRun} as it stands (e.g. none yet). */
    RolloutWorld(CloudRunModel cloudRun) {
        this.cloudRun = cloudRun;
        try {
            storageServer = new LocalHttpServer(storage);
            backend = new LocalHttpServer(exchange -> {
                var candidate = exchange.getRequestURI().getPath().startsWith("/candidate/");
                var answer = candidate ? candidateHealth.apply(candidateChecks.incrementAndGet())
                        : servingHealth.apply(servingChecks.incrementAndGet());
                sleep(answer.delayMillis());
                LocalHttpServer.reply(exchange, answer.status(), answer.body());
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var lastCandidate = new String[] {""};
        cloudRun.afterTrafficChange = split -> {
            var candidate = split.stream().filter(line -> line.tag().equals(Optional.of(CloudRunService.CANDIDATE_TAG)))
                    .flatMap(line -> line.revision().stream()).findFirst();
            if (candidate.isPresent()) {
                lastCandidate[0] = candidate.get();
                kill("tagged");
            } else if (split.get(0).percent() == 100 && split.get(0).revision().equals(Optional.of(lastCandidate[0]))) {
                kill("traffic-moved");
            }
        };
    }

    /** A fresh checkout of main: a new rollout, as a person or CI runs it, holding the lease as {@code holder}. */
    Rollout checkout(String holder) {
        dead = false;
        runs++;
        return new Rollout(new ModelledUpdate(), cloudRun, new ScriptedMigrator(), new TestedProbe(), new KillableLease(
                new GcsRolloutLease(new GoogleApi("Cloud Storage JSON API", storageServer.url(), () -> "token-1",
                        HttpClient.newHttpClient()), "kura-state", ".kura-infra/rollout-lease/prod.json", clock)),
                holder, Duration.ofHours(1), clock, progress::add);
    }

    Rollout checkout() {
        return checkout("run " + (runs + 1));
    }

    /** Whether a claim of the lease stands now. */
    boolean leaseHeld() {
        return storage.object(".kura-infra/rollout-lease/prod.json").isPresent();
    }

    /** Forgets the progress, migrations and health checks so far (the cloud and the tested revisions stay). */
    void forgetWhatHappened() {
        progress.clear();
        migrated.clear();
        candidateChecks.set(0);
        servingChecks.set(0);
    }

    int candidateHealthChecks() {
        return candidateChecks.get();
    }

    /** The lease as a second rollout would take it, e.g. from another machine. */
    RolloutLease lease() {
        return new GcsRolloutLease(new GoogleApi("Cloud Storage JSON API", storageServer.url(), () -> "token-1",
                HttpClient.newHttpClient()), "kura-state", ".kura-infra/rollout-lease/prod.json", clock);
    }

    private void kill(String where) {
        if (killAt.equals(Optional.of(where))) {
            killAt = Optional.empty();
            dead = true;
            throw new Killed(where);
        }
    }

    @Override
    public void close() {
        storageServer.close();
        backend.close();
    }

    /**
     * {@code pulumi refresh} and {@code pulumi up} of a checkout: the template goes to Cloud Run, with faults, and
     * with it the split the refresh recorded in the state (the provider PATCHes the whole service).
     */
    private final class ModelledUpdate implements StackOperations {
        @Override
        public Staged stage(String image, String release) {
            var refreshed = cloudRun.askedTraffic();
            var turn = duringStage;
            duringStage = () -> {
            };
            turn.run();
            var fault = Optional.ofNullable(updateFaults.poll()).orElse("");
            if (fault.equals("locked")) {
                throw new StackLockedException("prod", new RuntimeException("the stack is currently locked by 1 lock(s)"));
            }
            if (fault.equals("before-apply")) {
                throw new IllegalStateException("error: kura-backend: googleapi: Error 400: Image '" + image + "' not found");
            }
            var revision = "kura-backend-" + release + "-" + fingerprint;
            cloudRun.applyTemplate(revision, image, release, !fault.equals("not-ready"), refreshed);
            cloudRun.jobImage = image;
            if (fault.equals("after-apply")) {
                throw new IllegalStateException("error: kura-migrator: googleapi: Error 403: Permission 'run.jobs.update' denied");
            }
            kill("staged");
            return new Staged(revision, Optional.of(URI.create(backend.url() + "candidate")),
                    URI.create(backend.url() + "serving"));
        }
    }

    private final class ScriptedMigrator implements MigrationRunner {
        @Override
        public Result run() {
            migrated.add(cloudRun.jobImage);
            var result = Optional.ofNullable(migrations.poll()).orElse(
                    new Result(Outcome.SUCCEEDED, "kura-migrator-" + migrated.size(), "succeeded"));
            if (result.succeeded()) {
                kill("migrated");
            }
            return result;
        }
    }

    /** The real probe against the local backend; a candidate that passes counts as tested. */
    private final class TestedProbe implements HealthProbe {
        private final HttpHealthProbe probe = new HttpHealthProbe(HttpClient.newHttpClient(), Duration.ofMillis(1_500), 3,
                Duration.ofMillis(5), Clock.systemUTC());

        @Override
        public Result check(URI baseUrl) {
            var result = probe.check(baseUrl);
            if (result.healthy() && baseUrl.getPath().contains("candidate")) {
                cloudRun.read().flatMap(live -> live.tagged(CloudRunService.CANDIDATE_TAG)).ifPresent(tested::add);
                kill("smoke-tested");
                var turn = afterSmokeTest;
                afterSmokeTest = () -> {
                };
                turn.run();
            }
            return result;
        }
    }

    /** A killed run's clean-up never happens: its claim stays. */
    private final class KillableLease implements RolloutLease {
        private final RolloutLease lease;

        KillableLease(RolloutLease lease) {
            this.lease = lease;
        }

        @Override
        public Held acquire(Claim claim) {
            var held = lease.acquire(claim);
            kill("leased");
            return new Held() {
                @Override
                public boolean stillHeld() {
                    return held.stillHeld();
                }

                @Override
                public void release() {
                    if (!dead) {
                        held.release();
                    }
                }
            };
        }

        @Override
        public Preemption preempt(Claim claim) {
            return lease.preempt(claim);
        }

        @Override
        public Optional<Standing> standing() {
            return lease.standing();
        }
    }

    /** A clock that moves ten seconds every time it is read, so that every step has a duration. */
    private static Clock ticking() {
        return new Clock() {
            private Instant now = Instant.parse("2026-12-07T10:00:00Z");

            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public synchronized Instant instant() {
                now = now.plusSeconds(10);
                return now;
            }
        };
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static GoogleApi.CallFailedException httpFailure(int status, String message) {
        return new GoogleApi.CallFailedException("Cloud Run Admin API could not change the traffic of kura-backend: "
                + (status == 0 ? message : "HTTP " + status + " " + message), status, null);
    }
}
