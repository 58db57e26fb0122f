package ai.kuraos.infra.rollout;

import ai.kuraos.infra.gcp.GoogleApi;
import ai.kuraos.infra.testing.LocalHttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The lease against a local server that speaks the Cloud Storage JSON API's objects with generation preconditions. */
class GcsRolloutLeaseTest {

    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private static final String OBJECT = ".kura-infra/rollout-lease/prod.json";

    private final FakeCloudStorage storage = new FakeCloudStorage();
    private final LocalHttpServer server = start(storage);

    private static LocalHttpServer start(FakeCloudStorage storage) {
        try {
            return new LocalHttpServer(storage);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private RolloutLease lease(Instant now) {
        return new GcsRolloutLease(new GoogleApi("Cloud Storage JSON API", server.url(), () -> "token-1",
                HttpClient.newHttpClient()), "kura-state", OBJECT, Clock.fixed(now, ZoneOffset.UTC));
    }

    private static RolloutLease.Claim claim(String holder, String release) {
        return new RolloutLease.Claim(holder, release, NOW, NOW.plus(Duration.ofHours(1)));
    }

    @Test
    void createsTheLeaseOnlyIfNoneExistsAndGivesItUp() {
        var held = lease(NOW).acquire(claim("run 1", "v1-3-8"));

        assertThat(server.requests).first().asString().startsWith("POST /upload/storage/v1/b/kura-state/o");
        assertThat(storage.object(OBJECT)).hasValueSatisfying(body -> assertThat(body).contains("\"holder\":\"run 1\"",
                "\"release\":\"v1-3-8\"", "\"expires\":\"2026-12-07T11:00:00Z\""));
        assertThat(held.stillHeld()).isTrue();

        held.release();

        assertThat(storage.object(OBJECT)).isEmpty();
    }

    @Test
    void refusesASecondRolloutOfAnotherReleaseWhileTheFirstHoldsTheLease() {
        lease(NOW).acquire(claim("run 1", "v1-3-8"));

        assertThatThrownBy(() -> lease(NOW.plusSeconds(60)).acquire(claim("run 2", "v1-3-9")))
                .isInstanceOfSatisfying(RolloutLease.HeldElsewhereException.class, held -> {
                    assertThat(held.claim().holder()).isEqualTo("run 1");
                    assertThat(held.getMessage()).contains("release v1-3-8 by run 1 since 2026-12-07T10:00:00Z",
                            "stale from 2026-12-07T11:00:00Z");
                });
        assertThat(storage.object(OBJECT)).hasValueSatisfying(body -> assertThat(body).contains("run 1"));
    }

    @Test
    void breaksAStaleLeaseWhoseHolderDied() {
        var dead = lease(NOW).acquire(claim("run 1", "v1-3-8"));

        var held = lease(NOW.plus(Duration.ofHours(2))).acquire(claim("run 2", "v1-3-9"));

        assertThat(held.stillHeld()).isTrue();
        assertThat(dead.stillHeld()).isFalse();
        assertThat(storage.object(OBJECT)).hasValueSatisfying(body -> assertThat(body).contains("run 2"));
    }

    @Test
    void aReRunOfTheSameReleaseTakesTheLeaseOverAndTheRunItReplacesNoLongerHoldsIt() {
        var killed = lease(NOW).acquire(claim("run 1", "v1-3-8"));

        var rerun = lease(NOW.plusSeconds(60)).acquire(claim("run 2", "v1-3-8"));

        assertThat(rerun.stillHeld()).isTrue();
        assertThat(killed.stillHeld()).isFalse();
        killed.release();
        assertThat(storage.object(OBJECT)).as("the replaced run's release does not delete the new claim").isPresent();
    }

    /** Defect (review 1): a rollback could not tell a deploy in flight that its update may send the old split back. */
    @Test
    void aRollbackPreemptsADeploysClaimAndRecordsItsSplitWhichNoDeployTakesOver() {
        var deploy = lease(NOW).acquire(claim("run 1", "v1-3-8"));
        var split = List.of(CloudRunService.TrafficLine.serving("kura-backend-v1-3-6-4f2a9c"),
                CloudRunService.TrafficLine.tagged("kura-backend-v1-3-7-4f2a9c", "previous"));

        var preemption = lease(NOW.plusSeconds(30)).preempt(new RolloutLease.Claim("on-call", "rollback", NOW,
                NOW.plus(Duration.ofHours(1)), split));

        assertThat(preemption.displaced()).contains(claim("run 1", "v1-3-8"));
        assertThat(deploy.stillHeld()).isFalse();
        var standing = lease(NOW.plusSeconds(60)).standing().orElseThrow();
        assertThat(standing.claim().holder()).isEqualTo("on-call");
        assertThat(standing.claim().rollbackSplit()).isEqualTo(split);
        assertThatThrownBy(() -> lease(NOW.plusSeconds(60)).acquire(claim("run 2", "rollback")))
                .isInstanceOfSatisfying(RolloutLease.HeldElsewhereException.class,
                        held -> assertThat(held.claim().isRollback()).isTrue());
        standing.held().release();
        assertThat(storage.object(OBJECT)).isEmpty();
    }

    @Test
    void failsPlainlyWhenTheBucketRefusesAccess() throws IOException {
        try (var denied = new LocalHttpServer(exchange -> LocalHttpServer.reply(exchange, 403,
                "{\"error\": {\"code\": 403, \"message\": \"deployer lacks storage.objects.create\"}}"))) {
            var lease = new GcsRolloutLease(new GoogleApi("Cloud Storage JSON API", denied.url(), () -> "token-1",
                    HttpClient.newHttpClient()), "kura-state", OBJECT, Clock.fixed(NOW, ZoneOffset.UTC));

            assertThatThrownBy(() -> lease.acquire(claim("run 1", "v1-3-8")))
                    .hasMessage("Cloud Storage JSON API could not claim the rollout lease: HTTP 403 deployer lacks storage.objects.create");
        }
    }
}
