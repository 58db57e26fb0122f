package ai.kuraos.infra.component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What the live project says about the resources a stack adopts: the JSON that {@code gcloud ... describe
 * --format=json} printed for each, by logical name (the file {@code stacks/<stack>/adopted/<logical-name>.json}). The
 * settings readers map each description to the inputs the program declares, so that the adoption update imports
 * every adopted resource as it is (docs/adoption.md).
 */
public record LiveDescriptions(Map<String, JsonNode> byLogicalName) {

    /** The directory of a stack's descriptions, relative to the project. */
    public static final String DIRECTORY = "adopted";

    public static final LiveDescriptions NONE = new LiveDescriptions(Map.of());

    private static final ObjectMapper JSON = new ObjectMapper();

    public LiveDescriptions {
        byLogicalName = Collections.unmodifiableSortedMap(new TreeMap<>(byLogicalName));
    }

    public Optional<JsonNode> of(String logicalName) {
        return Optional.ofNullable(byLogicalName.get(logicalName));
    }

    /** Every {@code <logical-name>.json} in {@code directory}; none when it does not exist. */
    public static LiveDescriptions read(Path directory) {
        if (!Files.isDirectory(directory)) {
            return NONE;
        }
        var described = new TreeMap<String, JsonNode>();
        try (Stream<Path> files = Files.list(directory)) {
            for (var file : files.filter(path -> path.getFileName().toString().endsWith(".json")).sorted().toList()) {
                var name = file.getFileName().toString();
                described.put(name.substring(0, name.length() - ".json".length()), parse(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the adopted resources' descriptions in " + directory, e);
        }
        return new LiveDescriptions(described);
    }

    /** The descriptions of {@code stack} in the project at {@code projectRoot}: {@code stacks/<stack>/adopted/}. */
    public static LiveDescriptions ofStack(Path projectRoot, String stack) {
        return read(projectRoot.resolve("stacks").resolve(stack).resolve(DIRECTORY));
    }

    private static JsonNode parse(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " as the JSON of a gcloud describe", e);
        }
    }
}
