package ai.kuraos.infra.messaging;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What each service may do on the cluster under Strimzi's simple authorization: exactly what the topic catalogue says
 * it produces and consumes. A producer may Write the topic, a consumer Read it, in its own consumer group named after
 * the service (Kafka's authorizer implies Describe from either, which is all the client's metadata requests need).
 * Kafka 3.x producers are
 * idempotent by default, which since KIP-679 needs no cluster-wide IdempotentWrite when the producer may write the
 * topic, so no service gets any cluster or create right: topics come only from the catalogue.
 */
public final class KafkaAcls {

    private KafkaAcls() {
    }

    /** Every service the catalogue names as a producer or consumer, sorted: each gets a KafkaUser. */
    public static List<String> services(List<KafkaSettings.Topic> topics) {
        var services = new TreeSet<String>();
        topics.forEach(topic -> {
            services.addAll(topic.producers());
            services.addAll(topic.consumers());
        });
        return List.copyOf(services);
    }

    /**
     * The ACL rules of {@code service}'s KafkaUser ({@code spec.authorization.acls}): one a topic it uses, with every
     * operation it needs there, in the catalogue's order; then its consumer group if it consumes anything.
     */
    public static List<Map<String, Object>> of(String service, List<KafkaSettings.Topic> topics) {
        var rules = new ArrayList<Map<String, Object>>();
        var consumes = false;
        for (var topic : topics) {
            var operations = new ArrayList<String>();
            var reads = topic.consumers().contains(service);
            if (reads) {
                operations.add("Read");
                consumes = true;
            }
            if (topic.producers().contains(service)) {
                operations.add("Write");
            }
            if (!operations.isEmpty()) {
                rules.add(rule("topic", topic.name(), operations));
            }
        }
        if (consumes) {
            rules.add(rule("group", service, List.of("Read")));
        }
        return rules;
    }

    private static Map<String, Object> rule(String type, String name, List<String> operations) {
        var resource = new LinkedHashMap<String, Object>();
        resource.put("type", type);
        resource.put("name", name);
        resource.put("patternType", "literal");
        var rule = new LinkedHashMap<String, Object>();
        rule.put("resource", resource);
        rule.put("operations", List.copyOf(operations));
        return rule;
    }
}
