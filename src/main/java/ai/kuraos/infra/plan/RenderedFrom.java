package ai.kuraos.infra.plan;

import ai.kuraos.infra.component.LiveDescriptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What a stack's rendered directory was made from: a digest of each input (the project file, the stack file, the
 * adopted resources' descriptions) and of the program's sources ({@code pom.xml} and {@code src/main/} of the
 * repository that holds the project, when it has them). {@code plan} writes it as {@code stacks/<stack>/rendered-from.txt};
 * {@code plan --diff} refuses to review plans whose inputs changed since, which would show the review of another
 * change.
 */
public final class RenderedFrom {

    public static final String FILE = "rendered-from.txt";
    private static final String PROGRAM = "the program (pom.xml, src/main/)";
    private static final String HEADER = "# The inputs stacks/<stack>/ was rendered from, by SHA-256 (first 16 hex digits);"
            + " `plan --diff` refuses a stale directory.\n";

    private RenderedFrom() {
    }

    /** The file's text for {@code stack} of {@code layout} as the inputs are now. */
    public static String render(ProjectLayout layout, String stack) {
        var text = new StringBuilder(HEADER);
        digests(layout, stack).forEach((input, digest) -> text.append(digest).append(' ').append(input).append('\n'));
        return text.toString();
    }

    /**
     * The inputs of {@code stack} that changed since its directory was rendered (all of them when it has no
     * {@value #FILE}); empty when it is current.
     */
    public static List<String> changedSince(ProjectLayout layout, String stack) {
        var file = layout.planDirectory(stack).resolve(FILE);
        var recorded = new LinkedHashMap<String, String>();
        if (Files.isRegularFile(file)) {
            try {
                Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                        .filter(line -> !line.startsWith("#") && line.indexOf(' ') > 0)
                        .forEach(line -> recorded.put(line.substring(line.indexOf(' ') + 1), line.substring(0, line.indexOf(' '))));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        var now = digests(layout, stack);
        var changed = new ArrayList<String>();
        now.forEach((input, digest) -> {
            if (!digest.equals(recorded.get(input))) {
                changed.add(input);
            }
        });
        recorded.keySet().stream().filter(input -> !now.containsKey(input)).forEach(changed::add);
        return changed;
    }

    private static Map<String, String> digests(ProjectLayout layout, String stack) {
        var digests = new LinkedHashMap<String, String>();
        var projectFile = layout.root().resolve("Pulumi.yaml");
        digests.put(projectFile.getFileName().toString(), digest(List.of(projectFile), layout.root()));
        var stackFile = layout.stackConfigFile(stack);
        digests.put(stackFile.getFileName().toString(), digest(List.of(stackFile), layout.root()));
        var adopted = layout.planDirectory(stack).resolve(LiveDescriptions.DIRECTORY);
        filesUnder(adopted).forEach(file -> digests.put(
                layout.root().relativize(file).toString().replace('\\', '/'), digest(List.of(file), layout.root())));
        programRoot(layout.root()).ifPresent(root -> {
            var sources = new ArrayList<Path>();
            sources.add(root.resolve("pom.xml"));
            sources.addAll(filesUnder(root.resolve("src/main")));
            digests.put(PROGRAM, digest(sources, root));
        });
        return digests;
    }

    /** The nearest directory at or above the project that holds the program's build and sources. */
    private static Optional<Path> programRoot(Path projectRoot) {
        for (var directory = projectRoot.toAbsolutePath().normalize(); directory != null; directory = directory.getParent()) {
            if (Files.isRegularFile(directory.resolve("pom.xml")) && Files.isDirectory(directory.resolve("src/main"))) {
                return Optional.of(directory);
            }
        }
        return Optional.empty();
    }

    private static List<Path> filesUnder(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
    }

    /** One digest over the files' relative paths and bytes, so that a renamed or moved file counts as a change. */
    private static String digest(List<Path> files, Path root) {
        try {
            var sha = MessageDigest.getInstance("SHA-256");
            for (var file : files) {
                sha.update(root.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize()).toString()
                        .replace('\\', '/').getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                if (Files.isRegularFile(file)) {
                    sha.update(Files.readAllBytes(file));
                }
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the inputs of the plan under " + root, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
