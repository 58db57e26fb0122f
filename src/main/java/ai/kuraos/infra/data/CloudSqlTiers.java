package ai.kuraos.infra.data;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Machine tiers of Cloud SQL for PostgreSQL (Enterprise edition): the shared-core ones, and custom ones
 * {@code db-custom-<vCPUs>-<MB>} with 1 or an even number of vCPUs up to 96 and 0.9 to 6.5 GB per vCPU, in steps of
 * 256 MB and at least 3.75 GB.
 */
public final class CloudSqlTiers {

    public static final Set<String> SHARED_CORE = Set.of("db-f1-micro", "db-g1-small");
    static final String EXPECTED = "db-f1-micro, db-g1-small, or db-custom-<vCPUs>-<memory MB> with 1 or an even"
            + " number of vCPUs up to 96 and 0.9 to 6.5 GB per vCPU in steps of 256 MB (at least 3840), e.g. db-custom-1-3840";

    private static final Pattern CUSTOM = Pattern.compile("db-custom-(\\d{1,2})-(\\d{3,6})");
    private static final int MIN_MEMORY_MB = 3840;
    private static final int MEMORY_STEP_MB = 256;

    private CloudSqlTiers() {
    }

    public static boolean isValid(String tier) {
        return problem(tier).isEmpty();
    }

    /** Why a tier cannot be used, if it cannot. */
    public static Optional<String> problem(String tier) {
        if (SHARED_CORE.contains(tier)) {
            return Optional.empty();
        }
        var custom = CUSTOM.matcher(tier);
        if (!custom.matches()) {
            return Optional.of("unknown tier");
        }
        int cpus = Integer.parseInt(custom.group(1));
        int memory = Integer.parseInt(custom.group(2));
        if (cpus < 1 || cpus > 96 || (cpus > 1 && cpus % 2 != 0)) {
            return Optional.of("a custom tier has 1 or an even number of vCPUs up to 96");
        }
        if (memory % MEMORY_STEP_MB != 0 || memory < MIN_MEMORY_MB || memory * 10L < cpus * 9216L || memory > cpus * 6656L) {
            return Optional.of("memory must be a multiple of 256 MB, at least 3840 MB and 0.9 to 6.5 GB per vCPU");
        }
        return Optional.empty();
    }
}
