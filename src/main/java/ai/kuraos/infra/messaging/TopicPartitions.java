package ai.kuraos.infra.messaging;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Kafka never lowers a topic's partition count (the topic operator leaves the topic as it is and marks the KafkaTopic
 * not ready), so a catalogue change that lowers one is refused before its plan is written: compared with the plan
 * the stack has committed, which is the desired state every earlier update applied.
 */
public final class TopicPartitions {

    public static final String KAFKA_TOPIC = "kubernetes:" + StrimziSpecs.API_VERSION + ":KafkaTopic";

    private TopicPartitions() {
    }

    /** Each topic of {@code planned} with fewer partitions than in {@code committed}, as a sentence; both plan.json. */
    public static List<String> decreases(JsonNode committed, JsonNode planned) {
        var before = partitions(committed);
        var problems = new ArrayList<String>();
        partitions(planned).forEach((topic, count) -> {
            var previous = before.get(topic);
            if (previous != null && count < previous) {
                problems.add("topic " + topic + ": got " + count + " partitions, but the stack's committed plan has "
                        + previous + "; Kafka cannot lower a topic's partitions, so keep " + previous
                        + " or more in " + TopicCatalogue.RESOURCE + " (or give the events a new topic, e.g. ...v2)");
            }
        });
        return problems;
    }

    private static Map<String, Integer> partitions(JsonNode plan) {
        var counts = new TreeMap<String, Integer>();
        if (plan == null) {
            return counts;
        }
        plan.path("resources").forEach(resource -> {
            if (resource.path("type").asText().equals(KAFKA_TOPIC)) {
                var spec = resource.path("inputs").path("spec");
                counts.put(spec.path("topicName").asText(), spec.path("partitions").asInt());
            }
        });
        return counts;
    }
}
