package ai.kuraos.infra.config;

/** One problem in a stack's configuration: the key as a user would write it and what is wrong with it. */
public record ConfigError(String key, String problem) {

    @Override
    public String toString() {
        return key + ": " + problem;
    }
}
