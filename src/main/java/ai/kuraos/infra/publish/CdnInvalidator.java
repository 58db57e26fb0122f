package ai.kuraos.infra.publish;

/** Invalidates cached paths of the edge's URL map, as the seeds' "Purge CDN" button does. */
public interface CdnInvalidator {

    /** Starts invalidating {@code path} ({@code /*} for everything); returns the operation's name. */
    String invalidate(String path);

    /** Waits until the operation is done; throws if it failed. */
    void awaitDone(String operation);
}
