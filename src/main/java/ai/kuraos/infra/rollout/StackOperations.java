package ai.kuraos.infra.rollout;

import java.net.URI;
import java.util.Optional;

/** The stack update a rollout makes: {@code pulumi up} of this program with a release's image. */
public interface StackOperations {

    /**
     * A staged release: its revision's name; the URL its candidate tag answers on when the stack's outputs know it
     * (behind the edge, {@code candidate.api.<domain>}); the URL that reaches whichever revision serves.
     */
    record Staged(String revision, Optional<URI> candidateUrl, URI servingUrl) {
    }

    /**
     * Refreshes the stack from the cloud, then updates it with {@code image} as {@code release}: Cloud Run creates the
     * release's revision, which gets no traffic (the live split names its revisions and the program declares none),
     * and the migrator job gets the image. The stack file's edits are undone afterwards, whatever happened, so that
     * this working copy stays a checkout of main.
     */
    Staged stage(String image, String release);
}
