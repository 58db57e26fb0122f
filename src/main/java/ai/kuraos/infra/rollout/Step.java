package ai.kuraos.infra.rollout;

/** The steps of a release, in order, and the one of a rollback. */
public enum Step {
    STAGE("stage"), MIGRATE("migrate"), SMOKE_TEST("smoke test"), PROMOTE("promote"), ROLLBACK("rollback");

    private final String label;

    Step(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
