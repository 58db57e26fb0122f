package ai.kuraos.infra.rollout;

import java.net.URI;

/** The stack updates a rollout makes, each one {@code pulumi up} of this program after a change of stack config. */
public interface StackOperations {

    BackendState current();

    /** A staged release: its revision's name and own URL. */
    record Staged(String revision, URI url) {
    }

    /**
     * Deploys a release's revision with no traffic: the serving revision keeps 100 %, the new one gets the candidate
     * tag. Also points the migrator job at the new image.
     */
    Staged stage(String image, String release, String servingRevision);

    /** Sends all traffic to the latest revision, and records the one it replaces for {@code rollback}. */
    void promote(String previousRevision);

    /** Sends all traffic to one existing revision: a traffic-only update, nothing is built or migrated. */
    void pin(String revision);
}
