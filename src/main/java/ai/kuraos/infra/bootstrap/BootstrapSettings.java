package ai.kuraos.infra.bootstrap;

import ai.kuraos.infra.config.Target;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the bootstrap program creates once, before any stack of the platform: where state lives and how it is
 * encrypted, which GitHub repository may deploy, and the Google Cloud project of each environment.
 *
 * @param target        the automation project (state, keys, identities) and its guards
 * @param environments    environment (dev, staging, prod) to the Google Cloud project its stack deploys to
 * @param billingAccount  when set, the deployers may manage budgets on it (the stacks' monthly budgets)
 */
public record BootstrapSettings(
        Target target,
        Github github,
        StateBucket stateBucket,
        Kms kms,
        Map<String, String> environments,
        Optional<String> billingAccount,
        List<String> configWarnings) {

    /**
     * The repository whose workflows may deploy, and the branch deployments come from. The trust keys on the numeric
     * ids, which a renamed or deleted-and-recreated repository or owner does not inherit; the name only builds the
     * workflow references ({@code job_workflow_ref}). {@code idsArePlaceholders} says the ids were not read from
     * GitHub yet: the offline plan renders with them, a real run refuses them ({@link BootstrapProgram}).
     */
    public record Github(String repository, String branch, String repositoryId, String ownerId,
                         boolean idsArePlaceholders) {
    }

    /** The bucket of Pulumi's state: old versions of a state file stay recoverable for a while. */
    public record StateBucket(String name, String location, int noncurrentVersionRetentionDays) {

        public String url() {
            return "gs://" + name;
        }
    }

    /** A key ring with one key an environment, the secrets provider of that environment's stack. */
    public record Kms(String keyRing, String location, int rotationDays) {
    }

    public BootstrapSettings {
        environments = Collections.unmodifiableSortedMap(new TreeMap<>(environments));
        configWarnings = List.copyOf(configWarnings);
    }
}
