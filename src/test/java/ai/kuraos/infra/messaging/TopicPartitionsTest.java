package ai.kuraos.infra.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TopicPartitionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode plan(String... topics) throws Exception {
        var resources = new StringBuilder();
        for (var topic : topics) {
            var parts = topic.split("=");
            resources.append(resources.isEmpty() ? "" : ",").append("{\"type\":\"").append(TopicPartitions.KAFKA_TOPIC)
                    .append("\",\"inputs\":{\"spec\":{\"topicName\":\"").append(parts[0])
                    .append("\",\"partitions\":").append(parts[1]).append("}}}");
        }
        return JSON.readTree("{\"resources\":[" + resources + "]}");
    }

    @Test
    void refusesATopicWithFewerPartitionsThanCommitted() throws Exception {
        var problems = TopicPartitions.decreases(plan("a.v1=6", "b.v1=3"), plan("a.v1=3", "b.v1=3"));

        assertThat(problems).singleElement().asString().startsWith("topic a.v1: got 3 partitions, but the stack's"
                + " committed plan has 6").contains("keep 6 or more in kafka/topics.yaml");
    }

    @Test
    void acceptsMorePartitionsNewTopicsAndRemovedTopics() throws Exception {
        assertThat(TopicPartitions.decreases(plan("a.v1=6", "gone.v1=3"), plan("a.v1=12", "new.v1=1"))).isEmpty();
    }

    @Test
    void acceptsAStackWithoutACommittedPlan() throws Exception {
        assertThat(TopicPartitions.decreases(null, plan("a.v1=1"))).isEmpty();
    }
}
