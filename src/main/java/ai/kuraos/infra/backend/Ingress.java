package ai.kuraos.infra.backend;

/** Where {@code kura-backend} takes traffic from: anywhere, or only the edge's load balancer when a stack has one. */
public enum Ingress {
    ALL("INGRESS_TRAFFIC_ALL"),
    LOAD_BALANCER_ONLY("INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER");

    private final String cloudRunValue;

    Ingress(String cloudRunValue) {
        this.cloudRunValue = cloudRunValue;
    }

    /** Cloud Run v2's {@code ingress} value. */
    public String cloudRunValue() {
        return cloudRunValue;
    }
}
