package ai.kuraos.infra.backend;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/** What Cloud Run refuses about a service's size and environment, checked before a deployment can fail on it. */
public final class CloudRunLimits {

    /**
     * The most memory each CPU count may have: more than 4 GiB needs 2 CPUs, more than 8 GiB 4, more than 16 GiB 6,
     * more than 24 GiB 8 (https://cloud.google.com/run/docs/configuring/services/memory-limits#cpu-minimum).
     */
    private static final Map<String, Integer> MAX_MEMORY_MIB_BY_CPU = Map.of(
            "1", 4 * 1024, "2", 8 * 1024, "4", 16 * 1024, "6", 24 * 1024, "8", 32 * 1024);
    /** The ceilings in words, for the memory setting's rule. */
    public static final String MEMORY_CEILINGS = "with at most 4Gi for 1 CPU, 8Gi for 2, 16Gi for 4 and 24Gi for 6"
            + " (Cloud Run's ceilings)";
    /** "You can set a maximum of 1000 environment variables" (.../configuring/services/environment-variables). */
    public static final int MAX_ENV_VARIABLES = 1000;
    /**
     * The bytes of all variables' names and values together: 32 KiB, the size Cloud Run documents for runtime
     * environment variables (.../configuring/services/overview-environment-variables, "Size limits for variables").
     */
    public static final int MAX_ENV_BYTES = 32 * 1024;

    private CloudRunLimits() {
    }

    /** Why {@code memoryMib} is too much for {@code cpu} CPUs on Cloud Run, if it is. */
    public static Optional<String> memoryProblem(String cpu, int memoryMib) {
        var ceiling = MAX_MEMORY_MIB_BY_CPU.get(cpu);
        if (ceiling == null || memoryMib <= ceiling) {
            return Optional.empty();
        }
        var needed = MAX_MEMORY_MIB_BY_CPU.entrySet().stream().filter(entry -> entry.getValue() >= memoryMib)
                .map(Map.Entry::getKey).mapToInt(Integer::parseInt).min();
        return Optional.of("at most " + ceiling / 1024 + "Gi with " + cpu + " CPU(s) on Cloud Run (more than 4Gi needs 2"
                + " CPUs, 8Gi 4, 16Gi 6, 24Gi 8)" + (needed.isPresent() ? "; set kura-infra:backend.cpu to "
                + needed.getAsInt() + " or more" : ""));
    }

    /** Why the variables would not fit in a Cloud Run container, if they would not. */
    public static Optional<String> environmentProblem(Map<String, String> variables) {
        if (variables.size() > MAX_ENV_VARIABLES) {
            return Optional.of("got " + variables.size() + " variables; Cloud Run takes at most " + MAX_ENV_VARIABLES);
        }
        var bytes = variables.entrySet().stream().mapToLong(entry -> entry.getKey().getBytes(StandardCharsets.UTF_8).length
                + entry.getValue().getBytes(StandardCharsets.UTF_8).length).sum();
        if (bytes > MAX_ENV_BYTES) {
            return Optional.of("got " + bytes + " bytes of names and values; Cloud Run takes at most " + MAX_ENV_BYTES
                    + " (32 KiB) for a container's variables");
        }
        return Optional.empty();
    }
}
