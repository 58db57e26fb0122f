package ai.kuraos.infra.plan;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The {@code stacks/<stack>/plan.json} texts of a project, as committed at a git ref or as in the working tree. */
public final class GitPlans {

    private static final Pattern PLAN_FILE = Pattern.compile("stacks/([^/]+)/plan\\.json");

    private GitPlans() {
    }

    /**
     * The plans committed at {@code ref} (e.g. {@code main} or {@code origin/main}), keyed by stack. The project may be
     * a subdirectory of the repository.
     *
     * @throws IllegalArgumentException when {@code projectDir} is not in a git work tree or {@code ref} names no commit
     */
    public static SortedMap<String, String> atRef(Path projectDir, String ref) {
        var commit = commit(projectDir, ref);
        var files = succeed(git(projectDir, "ls-tree", "-r", "-z", "--name-only", commit, "--", "stacks"), ref);
        var plans = new TreeMap<String, String>();
        for (var file : files.output().split("\0")) {
            var match = PLAN_FILE.matcher(file);
            if (match.matches()) {
                // "./" makes the path relative to the project directory rather than to the repository root.
                plans.put(match.group(1), succeed(git(projectDir, "show", commit + ":./" + file), ref).output());
            }
        }
        return plans;
    }

    /**
     * The text of {@code path} (relative to the project directory) committed at {@code ref}; empty when that commit has
     * no such file.
     *
     * @throws IllegalArgumentException when {@code projectDir} is not in a git work tree or {@code ref} names no commit
     */
    public static Optional<String> fileAtRef(Path projectDir, String ref, String path) {
        var shown = git(projectDir, "show", commit(projectDir, ref) + ":./" + path);
        return shown.exitCode() == 0 ? Optional.of(shown.output()) : Optional.empty();
    }

    /** The commit {@code ref} names, resolved once so that every read sees the same one. */
    private static String commit(Path projectDir, String ref) {
        // A ref from the command line must not pass for a git option.
        if (ref.isBlank() || ref.startsWith("-")) {
            throw new IllegalArgumentException("'" + ref + "' is not a git ref");
        }
        if (!Files.isDirectory(projectDir)) {
            throw new IllegalArgumentException("cannot read the plans at git ref '" + ref + "': there is no directory "
                    + projectDir);
        }
        var inWorkTree = git(projectDir, "rev-parse", "--is-inside-work-tree");
        if (inWorkTree.exitCode() != 0 || !inWorkTree.output().strip().equals("true")) {
            throw new IllegalArgumentException("cannot read the plans at git ref '" + ref + "': " + projectDir
                    + " is not in a git work tree (git said: " + said(inWorkTree) + ")");
        }
        var resolved = git(projectDir, "rev-parse", "--verify", ref + "^{commit}");
        if (resolved.exitCode() != 0) {
            throw new IllegalArgumentException("unknown git ref '" + ref + "' in " + projectDir + ": no commit has that"
                    + " name here, a shallow clone may have to fetch it first (git said: " + said(resolved) + ")");
        }
        return resolved.output().strip();
    }

    /** The plans now in the working tree, keyed by stack: every {@code stacks/<stack>/plan.json}. */
    public static SortedMap<String, String> inWorkingTree(Path projectDir) {
        var plans = new TreeMap<String, String>();
        var stacks = projectDir.resolve("stacks");
        if (!Files.isDirectory(stacks)) {
            return plans;
        }
        try (Stream<Path> directories = Files.list(stacks)) {
            for (var directory : directories.toList()) {
                var plan = directory.resolve("plan.json");
                if (Files.isRegularFile(plan)) {
                    plans.put(directory.getFileName().toString(), Files.readString(plan, StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the plans in " + stacks, e);
        }
        return plans;
    }

    /** A finished git command; {@code output} is exact (a plan's text), {@code error} is stripped for messages. */
    private record Result(int exitCode, String output, String error) {
    }

    private static String said(Result result) {
        return result.error().isEmpty() ? result.output().strip() : result.error();
    }

    private static Result succeed(Result result, String ref) {
        if (result.exitCode() != 0) {
            throw new IllegalArgumentException("cannot read the plans at git ref '" + ref + "' (git said: "
                    + said(result) + ")");
        }
        return result;
    }

    private static Result git(Path directory, String... arguments) {
        var command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(arguments));
        Process process;
        try {
            process = new ProcessBuilder(command).directory(directory.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run git in " + directory + "; is git installed?", e);
        }
        try {
            process.getOutputStream().close();
            // Both streams drain at once: a process blocked writing one of them would never exit.
            var error = CompletableFuture.supplyAsync(() -> readFully(process.getErrorStream()));
            var output = readFully(process.getInputStream());
            var exitCode = process.waitFor();
            return new Result(exitCode, output, error.join().strip());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", command) + " in " + directory, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
        } finally {
            process.destroy();
        }
    }

    private static String readFully(InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the output of git", e);
        }
    }
}
