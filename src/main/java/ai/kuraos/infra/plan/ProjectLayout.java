package ai.kuraos.infra.plan;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where a Pulumi project keeps its pieces: {@code Pulumi.yaml}, one {@code Pulumi.<stack>.yaml} a stack, {@code stacks/}.
 * A project may hold others in its subdirectories (the platform holds {@code bootstrap/}).
 */
public record ProjectLayout(Path root) {

    private static final Pattern STACK_FILE = Pattern.compile("Pulumi\\.(.+)\\.yaml");

    public String projectName() {
        var projectFile = root.resolve("Pulumi.yaml");
        try {
            var name = new ObjectMapper(new YAMLFactory()).readTree(projectFile.toFile()).path("name").asText("");
            if (name.isEmpty()) {
                throw new IllegalStateException(projectFile + " has no project name");
            }
            return name;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Pulumi project file " + projectFile, e);
        }
    }

    /** The stacks that have a config file, sorted by name. */
    public List<String> stacks() {
        try (Stream<Path> files = Files.list(root)) {
            return files.map(file -> STACK_FILE.matcher(file.getFileName().toString()))
                    .filter(java.util.regex.Matcher::matches)
                    .map(match -> match.group(1))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the stacks in " + root, e);
        }
    }

    /** The projects in this one's immediate subdirectories, sorted by directory name. */
    public List<ProjectLayout> nestedProjects() {
        try (Stream<Path> entries = Files.list(root)) {
            return entries.filter(entry -> Files.isRegularFile(entry.resolve("Pulumi.yaml")))
                    .sorted()
                    .map(ProjectLayout::new)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the projects in " + root, e);
        }
    }

    public Path stackConfigFile(String stack) {
        return root.resolve("Pulumi." + stack + ".yaml");
    }

    public Path plansDirectory() {
        return root.resolve("stacks");
    }

    public Path planDirectory(String stack) {
        return plansDirectory().resolve(stack);
    }
}
