package ai.kuraos.infra.policy;

import ai.kuraos.infra.plan.GitPlans;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The GitHub workflows ({@value #DIRECTORY}) as the policy reads them: one plan, stack {@value #STACK}, with a
 * resource of type {@value #TYPE} per workflow file, named by the file, whose inputs are the workflow as written.
 * Waivers name them like any resource ({@code stack: .github/workflows}, {@code name: pull-request.yml}).
 */
public final class Workflows {

    public static final String DIRECTORY = ".github/workflows";
    public static final String STACK = DIRECTORY;
    public static final String TYPE = "github:actions/workflow:Workflow";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    private Workflows() {
    }

    /** The workflows of the working tree as a plan.json text, or empty when the project has none. */
    static Optional<String> inWorkingTree(Path projectDir) {
        return names(projectDir).map(names -> {
            var texts = new TreeMap<String, String>();
            for (var name : names) {
                var file = projectDir.resolve(DIRECTORY).resolve(name);
                try {
                    texts.put(name, Files.readString(file, StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + file, e);
                }
            }
            return plan(texts);
        });
    }

    /**
     * The workflows committed at {@code ref} under the names the working tree has (a workflow the change deletes is
     * not read back), as a plan.json text.
     */
    static Optional<String> atRef(Path projectDir, String ref) {
        return names(projectDir).map(names -> {
            var texts = new TreeMap<String, String>();
            for (var name : names) {
                GitPlans.fileAtRef(projectDir, ref, DIRECTORY + "/" + name).ifPresent(text -> texts.put(name, text));
            }
            return plan(texts);
        });
    }

    /** The workflow file names of the working tree, or empty when the project has no workflow directory. */
    private static Optional<List<String>> names(Path projectDir) {
        var directory = projectDir.resolve(DIRECTORY);
        if (!Files.isDirectory(directory)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return Optional.of(files.filter(Workflows::isWorkflow).map(file -> file.getFileName().toString())
                    .sorted().toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the workflows in " + directory, e);
        }
    }

    private static boolean isWorkflow(Path file) {
        var name = file.getFileName().toString();
        return Files.isRegularFile(file) && (name.endsWith(".yml") || name.endsWith(".yaml"));
    }

    /** {@code {"resources": [{"type": TYPE, "name": file, "inputs": workflow}]}} of the workflow texts by file name. */
    static String plan(SortedMap<String, String> workflows) {
        var plan = JSON.createObjectNode();
        var resources = plan.putArray("resources");
        workflows.forEach((name, text) -> {
            JsonNode workflow;
            try {
                workflow = YAML.readTree(text);
            } catch (IOException unreadable) {
                throw new IllegalArgumentException(DIRECTORY + "/" + name + " is not valid YAML: "
                        + unreadable.getMessage());
            }
            var resource = resources.addObject();
            resource.put("type", TYPE).put("name", name);
            resource.set("inputs", workflow == null || !workflow.isObject() ? JSON.createObjectNode() : workflow);
        });
        try {
            return JSON.writeValueAsString(plan);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
