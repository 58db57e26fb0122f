package ai.kuraos.infra.backend;

import java.util.Arrays;
import java.util.List;

/** Where {@code kura-backend} takes traffic from: anywhere, or only the edge's load balancer when a stack has one. */
public enum Ingress {
    ALL("all", "INGRESS_TRAFFIC_ALL"),
    LOAD_BALANCER_ONLY("load-balancer", "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER");

    private final String id;
    private final String cloudRunValue;

    Ingress(String id, String cloudRunValue) {
        this.id = id;
        this.cloudRunValue = cloudRunValue;
    }

    /** The value of {@code backend.ingress}. */
    public String id() {
        return id;
    }

    /** Cloud Run v2's {@code ingress} value. */
    public String cloudRunValue() {
        return cloudRunValue;
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(Ingress::id).toList();
    }

    /** The ingress of a Cloud Run v2 value; anything else than the load balancer's is taken as {@link #ALL}. */
    public static Ingress ofCloudRunValue(String value) {
        return LOAD_BALANCER_ONLY.cloudRunValue.equals(value) ? LOAD_BALANCER_ONLY : ALL;
    }
}
