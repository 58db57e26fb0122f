package ai.kuraos.infra.plan;

import ai.kuraos.infra.architecture.ArchitectureMermaid;
import ai.kuraos.infra.component.LiveDescriptions;
import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A stack's rendered tree under {@code stacks/<stack>/} as relative path to content: what {@code plan} writes and
 * {@code plan --check} compares with what is committed.
 */
public final class PlanFiles {

    private static final int DIFF_CONTEXT_LINES = 3;

    private PlanFiles() {
    }

    public static SortedMap<String, String> render(Plan plan) {
        var files = new TreeMap<String, String>();
        files.put("plan.json", PlanJson.render(plan));
        files.putAll(KubernetesManifests.render(plan));
        files.put(ArchitectureMermaid.FILE, ArchitectureMermaid.markdown(plan.stack(), PlanJson.toJson(plan)));
        return files;
    }

    /**
     * The rendered files now under {@code directory}; empty when it does not exist. The adopted resources'
     * descriptions ({@code adopted/}) are the plan's input, not its output, and stay as they are.
     */
    public static SortedMap<String, String> read(Path directory) {
        var files = new TreeMap<String, String>();
        if (!Files.isDirectory(directory)) {
            return files;
        }
        var input = directory.resolve(LiveDescriptions.DIRECTORY);
        try (Stream<Path> paths = Files.walk(directory)) {
            for (var path : paths.filter(Files::isRegularFile).filter(path -> !path.startsWith(input)).toList()) {
                files.put(relative(directory, path), Files.readString(path, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + directory, e);
        }
        return files;
    }

    /** A unified diff from {@code current} to {@code planned}, labelled with {@code shownDirectory}; empty when equal. */
    public static String diff(String shownDirectory, SortedMap<String, String> current, SortedMap<String, String> planned) {
        var paths = new TreeSet<>(current.keySet());
        paths.addAll(planned.keySet());
        var diff = new StringBuilder();
        for (var path : paths) {
            var before = current.getOrDefault(path, "");
            var after = planned.getOrDefault(path, "");
            if (before.equals(after)) {
                continue;
            }
            var beforeLines = before.lines().toList();
            var afterLines = after.lines().toList();
            var patch = DiffUtils.diff(beforeLines, afterLines);
            var name = shownDirectory + "/" + path;
            var unified = UnifiedDiffUtils.generateUnifiedDiff(
                    current.containsKey(path) ? "a/" + name : "/dev/null",
                    planned.containsKey(path) ? "b/" + name : "/dev/null",
                    beforeLines, patch, DIFF_CONTEXT_LINES);
            unified.forEach(line -> diff.append(line).append('\n'));
        }
        return diff.toString();
    }

    /** Makes {@code directory} hold exactly {@code planned}; returns the relative paths written or deleted. */
    public static List<String> write(Path directory, SortedMap<String, String> planned) {
        var changed = new ArrayList<String>();
        var current = read(directory);
        try {
            for (var file : planned.entrySet()) {
                if (!file.getValue().equals(current.get(file.getKey()))) {
                    var target = directory.resolve(file.getKey());
                    Files.createDirectories(target.getParent());
                    Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
                    changed.add(file.getKey());
                }
            }
            for (var stale : current.keySet()) {
                if (!planned.containsKey(stale)) {
                    Files.delete(directory.resolve(stale));
                    changed.add(stale);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the plan to " + directory, e);
        }
        return changed;
    }

    /** Removes a directory tree, e.g. the rendered plan of a stack that no longer exists. */
    public static void delete(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (var path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + directory, e);
        }
    }

    private static String relative(Path directory, Path file) {
        return directory.relativize(file).toString().replace('\\', '/');
    }
}
