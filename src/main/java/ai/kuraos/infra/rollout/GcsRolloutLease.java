package ai.kuraos.infra.rollout;

import ai.kuraos.infra.gcp.GoogleApi;
import ai.kuraos.infra.rollout.CloudRunService.TrafficLine;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Optional;

/**
 * {@link RolloutLease} as one object in a Cloud Storage bucket (the Pulumi state bucket), through the JSON API: it is
 * created with {@code ifGenerationMatch=0}, which only one of two claimers can win, and broken or released with
 * {@code ifGenerationMatch=<its generation>}, so that nobody deletes a claim they did not read.
 */
public final class GcsRolloutLease implements RolloutLease {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    private static final int PRECONDITION_FAILED = 412;
    private static final int NOT_FOUND = 404;

    private final GoogleApi storage;
    private final String bucket;
    private final String object;
    private final Clock clock;

    /** @param object the lease object's name, e.g. {@code .kura-infra/rollout-lease/prod.json} */
    public GcsRolloutLease(GoogleApi storage, String bucket, String object, Clock clock) {
        this.storage = storage;
        this.bucket = bucket;
        this.object = object;
        this.clock = clock;
    }

    @Override
    public Held acquire(Claim claim) {
        var created = create(claim);
        if (created.isPresent()) {
            return held(created.get());
        }
        var generation = generation();
        if (generation.isPresent()) {
            var existing = read(generation.get());
            if (existing.isPresent() && !existing.get().staleAt(clock.instant())
                    && (existing.get().isRollback() || !existing.get().release().equals(claim.release()))) {
                throw new HeldElsewhereException(existing.get());
            }
            delete(generation.get());
        }
        return held(create(claim).orElseThrow(() -> new HeldElsewhereException(generation().flatMap(this::read)
                .orElse(new Claim("(unknown)", "(unknown)", clock.instant(), clock.instant())))));
    }

    @Override
    public Preemption preempt(Claim claim) {
        for (int attempt = 0; ; attempt++) {
            var generation = generation();
            var displaced = generation.flatMap(this::read);
            var written = upload(claim, generation.orElse(0L));
            if (written.isPresent()) {
                return new Preemption(held(written.get()), displaced);
            }
            if (attempt == 2) {
                throw new IllegalStateException("the rollout lease changed under three pre-emptions in a row");
            }
        }
    }

    @Override
    public Optional<Standing> standing() {
        return generation().flatMap(generation -> read(generation).map(claim -> new Standing(claim, held(generation))));
    }

    private Held held(long generation) {
        return new Held() {
            @Override
            public boolean stillHeld() {
                return generation().filter(current -> current == generation).isPresent();
            }

            @Override
            public void release() {
                delete(generation);
            }
        };
    }

    /** The new object's generation, or empty when one exists. */
    private Optional<Long> create(Claim claim) {
        return upload(claim, 0);
    }

    /** The written object's generation, or empty when the object's generation is no longer {@code generation}. */
    private Optional<Long> upload(Claim claim, long generation) {
        var body = JsonNodeFactory.instance.objectNode()
                .put("holder", claim.holder())
                .put("release", claim.release())
                .put("acquired", claim.acquired().toString())
                .put("expires", claim.expires().toString());
        if (claim.isRollback()) {
            var split = body.putArray("rollback");
            claim.rollbackSplit().forEach(line -> {
                var node = split.addObject().put("percent", line.percent());
                line.revision().ifPresent(revision -> node.put("revision", revision));
                line.tag().ifPresent(tag -> node.put("tag", tag));
            });
        }
        try {
            var created = storage.post("upload/storage/v1/b/" + bucket + "/o?uploadType=media&ifGenerationMatch=" + generation
                    + "&name=" + encoded(object), body.toString(), CALL_TIMEOUT, "claim the rollout lease");
            return Optional.of(created.path("generation").asLong());
        } catch (GoogleApi.CallFailedException failure) {
            if (failure.status() == PRECONDITION_FAILED) {
                return Optional.empty();
            }
            throw failure;
        }
    }

    private Optional<Long> generation() {
        try {
            return Optional.of(storage.get(objectPath(), CALL_TIMEOUT, "read the rollout lease").path("generation").asLong());
        } catch (GoogleApi.CallFailedException failure) {
            if (failure.status() == NOT_FOUND) {
                return Optional.empty();
            }
            throw failure;
        }
    }

    /** The claim of one generation; empty when that generation is gone or unreadable (then it counts as stale). */
    private Optional<Claim> read(long generation) {
        try {
            JsonNode claim = storage.get(objectPath() + "?alt=media&ifGenerationMatch=" + generation, CALL_TIMEOUT,
                    "read the rollout lease");
            var split = new ArrayList<TrafficLine>();
            claim.path("rollback").forEach(line -> split.add(new TrafficLine(
                    Optional.ofNullable(line.get("revision")).map(JsonNode::asText), line.path("percent").asInt(0),
                    Optional.ofNullable(line.get("tag")).map(JsonNode::asText))));
            return Optional.of(new Claim(claim.path("holder").asText(), claim.path("release").asText(),
                    Instant.parse(claim.path("acquired").asText()), Instant.parse(claim.path("expires").asText()), split));
        } catch (GoogleApi.CallFailedException failure) {
            if (failure.status() == NOT_FOUND || failure.status() == PRECONDITION_FAILED) {
                return Optional.empty();
            }
            throw failure;
        } catch (java.time.format.DateTimeParseException unreadable) {
            return Optional.empty();
        }
    }

    private void delete(long generation) {
        try {
            storage.delete(objectPath() + "?ifGenerationMatch=" + generation, CALL_TIMEOUT, "give up the rollout lease");
        } catch (GoogleApi.CallFailedException failure) {
            if (failure.status() != NOT_FOUND && failure.status() != PRECONDITION_FAILED) {
                throw failure;
            }
        }
    }

    private String objectPath() {
        return "storage/v1/b/" + bucket + "/o/" + encoded(object);
    }

    private static String encoded(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

}
