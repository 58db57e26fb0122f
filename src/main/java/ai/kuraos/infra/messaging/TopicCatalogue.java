package ai.kuraos.infra.messaging;

import ai.kuraos.infra.config.ConfigError;
import ai.kuraos.infra.config.TextRule;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * The Kafka topics of the platform, as data ({@value #RESOURCE} in the jar, {@code src/main/resources} in the
 * repository): one entry a topic, with the services that consume it. Every consumer gets a dead-letter topic
 * {@code dlq.<consumer>}. A topic that leaves out its replicas or {@code minInsyncReplicas} gets the environment's, so
 * the same catalogue serves a one-replica staging and a three-replica prod.
 */
public final class TopicCatalogue {

    public static final String RESOURCE = "kafka/topics.yaml";
    public static final List<String> CLEANUP_POLICIES = List.of("delete", "compact", "compact,delete");
    public static final String DEAD_LETTER_PREFIX = "dlq.";

    private static final Set<String> TOPIC_FIELDS = Set.of("name", "description", "partitions", "replicas",
            "minInsyncReplicas", "retentionHours", "cleanupPolicy", "producers", "consumers");
    private static final Set<String> DEAD_LETTER_FIELDS = Set.of("partitions", "retentionHours");
    /** Kafka's own rule, minus the names it keeps for itself; dots keep names readable as domain.entity.version. */
    /** Also a Kubernetes object name (the KafkaTopic's): dot-separated words that start and end alphanumeric. */
    private static final TextRule TOPIC_NAME = TextRule.matching(
            "(?=.{1,200}$)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*",
            "a topic name of lowercase words (letters, digits, inner hyphens) joined by dots, e.g. holistic.mood-entries.v1");
    /** Also the name of the service's KafkaUser and of its consumer group. */
    private static final TextRule SERVICE = TextRule.matching("[a-z]([a-z0-9-]{0,48}[a-z0-9])?",
            "a service name of lowercase letters, digits and inner hyphens, e.g. vectordb-api");
    private static final int MAX_PARTITIONS = 1000;
    private static final int MAX_RETENTION_HOURS = 87_600;

    private final String source;
    private final JsonNode root;

    private TopicCatalogue(String source, JsonNode root) {
        this.source = source;
        this.root = root;
    }

    /** The catalogue this program ships. */
    public static TopicCatalogue bundled() {
        try (var stream = TopicCatalogue.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (stream == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return of(RESOURCE, new String(stream.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @param source how errors name the file, e.g. {@code kafka/topics.yaml} */
    public static TopicCatalogue of(String source, String yaml) {
        try {
            return new TopicCatalogue(source, new ObjectMapper(new YAMLFactory()).readTree(yaml));
        } catch (IOException e) {
            throw new IllegalArgumentException(source + " is not valid YAML: " + e.getMessage(), e);
        }
    }

    /**
     * The topics as a cluster of {@code brokers} brokers gets them, topics that do not say getting
     * {@code replication} replicas, with every problem found on the way.
     */
    public Resolved resolve(int replication, int brokers, String brokersKey) {
        var errors = new ArrayList<ConfigError>();
        var topics = new ArrayList<KafkaSettings.Topic>();
        var names = new TreeSet<String>();
        var consumers = new LinkedHashSet<String>();
        var entries = root == null ? null : root.path("topics");
        if (entries == null || !entries.isArray() || entries.isEmpty()) {
            errors.add(new ConfigError(source + ": topics", "missing; expected a list of topics"));
            return new Resolved(List.of(), errors);
        }
        unknownFields(root, Set.of("topics", "deadLetters"), source + ": ", errors);
        for (int index = 0; index < entries.size(); index++) {
            var entry = entries.get(index);
            var name = entry.path("name").asText("");
            var key = source + ": topics[" + index + "]" + (name.isEmpty() ? "" : " (" + name + ")");
            unknownFields(entry, TOPIC_FIELDS, key + ".", errors);
            if (!TOPIC_NAME.accepts().test(name) || name.startsWith(DEAD_LETTER_PREFIX)) {
                errors.add(new ConfigError(key + ".name", "got \"" + name + "\"; expected " + TOPIC_NAME.expected()
                        + ", not starting with " + DEAD_LETTER_PREFIX + " (kept for dead-letter topics)"));
            } else if (!names.add(name)) {
                errors.add(new ConfigError(key + ".name", "\"" + name + "\" is in the catalogue twice"));
            }
            var producers = services(entry, "producers", key, "the services that write the topic, e.g. [api]", errors);
            var topicConsumers = services(entry, "consumers", key,
                    "the services that read the topic, e.g. [agents]: each gets a dead-letter topic", errors);
            consumers.addAll(topicConsumers);
            topics.add(topic(entry, key, name, entry.path("description").asText(""), Optional.empty(), replication,
                    brokers, brokersKey, errors).withServices(producers, topicConsumers));
        }
        var deadLetters = root.path("deadLetters");
        unknownFields(deadLetters, DEAD_LETTER_FIELDS, source + ": deadLetters.", errors);
        var deadLetter = topic(deadLetters, source + ": deadLetters", DEAD_LETTER_PREFIX, "", Optional.empty(), replication,
                brokers, brokersKey, errors);
        for (var consumer : consumers) {
            topics.add(new KafkaSettings.Topic(DEAD_LETTER_PREFIX + consumer, "Messages " + consumer
                    + " could not process, kept for inspection and replay", deadLetter.partitions(),
                    deadLetter.replicas(), deadLetter.minInsyncReplicas(), deadLetter.retentionMs(),
                    deadLetter.cleanupPolicy(), Optional.of(consumer), List.of(consumer), List.of()));
        }
        return new Resolved(topics, errors);
    }

    /** The catalogue for a cluster, or its errors. */
    public record Resolved(List<KafkaSettings.Topic> topics, List<ConfigError> errors) {

        public Resolved {
            topics = List.copyOf(topics);
            errors = List.copyOf(errors);
        }
    }

    private static KafkaSettings.Topic topic(JsonNode entry, String key, String name, String description,
                                             Optional<String> deadLetterFor, int replication, int brokers,
                                             String brokersKey, List<ConfigError> errors) {
        var partitions = whole(entry, "partitions", 3, 1, MAX_PARTITIONS, key, errors);
        var replicas = whole(entry, "replicas", replication, 1, 9, key, errors);
        if (replicas > brokers) {
            errors.add(new ConfigError(key + ".replicas", "got " + replicas + ", but the cluster has " + brokers
                    + " broker(s) (" + brokersKey + "); a topic cannot have more replicas than brokers. Leave replicas"
                    + " out to get " + replication + ", or add brokers"));
        }
        var minInsync = whole(entry, "minInsyncReplicas", KafkaSettings.defaultMinInsyncReplicas(replicas), 1, 9, key, errors);
        if (minInsync > replicas || (minInsync == replicas && replicas > 1)) {
            errors.add(new ConfigError(key + ".minInsyncReplicas", "got " + minInsync + " with " + replicas
                    + " replicas; expected fewer than the replicas (at most " + Math.max(1, replicas - 1)
                    + "), or every write fails as soon as one broker is down"));
        }
        var retentionHours = whole(entry, "retentionHours", 168, -1, MAX_RETENTION_HOURS, key, errors);
        if (retentionHours == 0) {
            errors.add(new ConfigError(key + ".retentionHours", "got 0; expected 1 to " + MAX_RETENTION_HOURS
                    + " hours, or -1 to keep messages forever"));
        }
        var cleanupPolicy = entry.path("cleanupPolicy").asText("delete");
        if (!CLEANUP_POLICIES.contains(cleanupPolicy)) {
            errors.add(new ConfigError(key + ".cleanupPolicy", "got \"" + cleanupPolicy + "\"; expected one of "
                    + String.join(", ", CLEANUP_POLICIES)));
        }
        var retentionMs = retentionHours < 0 ? -1 : TimeUnit.HOURS.toMillis(retentionHours);
        return new KafkaSettings.Topic(name, description, partitions, replicas, minInsync, retentionMs, cleanupPolicy,
                deadLetterFor, List.of(), List.of());
    }

    /** The service names a topic lists under {@code field}; a missing or empty list is an error. */
    private static List<String> services(JsonNode entry, String field, String key, String expected,
                                         List<ConfigError> errors) {
        var node = entry.path(field);
        if (!node.isArray() || node.isEmpty()) {
            errors.add(new ConfigError(key + "." + field, "missing; expected " + expected));
            return List.of();
        }
        var services = new ArrayList<String>();
        node.forEach(service -> {
            if (SERVICE.accepts().test(service.asText())) {
                services.add(service.asText());
            } else {
                errors.add(new ConfigError(key + "." + field, "got \"" + service.asText() + "\"; expected "
                        + SERVICE.expected()));
            }
        });
        return services;
    }

    private static int whole(JsonNode entry, String field, int fallback, int min, int max, String key,
                             List<ConfigError> errors) {
        var node = entry.path(field);
        if (node.isMissingNode() || node.isNull()) {
            return fallback;
        }
        if (!node.canConvertToInt() || !node.isIntegralNumber() || node.asInt() < min || node.asInt() > max) {
            errors.add(new ConfigError(key + "." + field, "got " + node + "; expected a whole number from " + min
                    + " to " + max));
            return fallback;
        }
        return node.asInt();
    }

    /** @param keyPrefix what comes before the field's name in an error's key */
    private static void unknownFields(JsonNode entry, Set<String> known, String keyPrefix, List<ConfigError> errors) {
        entry.fieldNames().forEachRemaining(field -> {
            if (!known.contains(field)) {
                errors.add(new ConfigError(keyPrefix + field, "unknown field; expected one of "
                        + String.join(", ", new TreeSet<>(known))));
            }
        });
    }
}
