package ai.kuraos.infra.rollout;

import ai.kuraos.infra.gcp.GoogleAccessTokens;
import ai.kuraos.infra.plan.ProjectLayout;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What {@code deploy} and {@code rollback} need before they touch anything: the built jar (the Pulumi CLI runs it),
 * the Pulumi CLI itself, and Google Cloud credentials. Every missing piece is reported at once.
 */
public final class Preflight {

    private final String searchPath;
    private final Supplier<Optional<String>> credentialsProblem;

    public Preflight(String searchPath, Supplier<Optional<String>> credentialsProblem) {
        this.searchPath = searchPath;
        this.credentialsProblem = credentialsProblem;
    }

    public static Preflight ofThisMachine() {
        return new Preflight(System.getenv().getOrDefault("PATH", ""), GoogleAccessTokens::missing);
    }

    public List<String> problems(ProjectLayout layout) {
        var problems = new ArrayList<String>();
        var jar = layout.root().resolve("target/kura-infra.jar");
        if (!Files.isRegularFile(jar)) {
            problems.add("the program is not built (" + jar + " is missing): run `mvn -B -q package -DskipTests`");
        }
        if (findOnPath("pulumi").isEmpty()) {
            problems.add("the Pulumi CLI is not on PATH: install it (https://www.pulumi.com/docs/install/); every step"
                    + " is a `pulumi up` of this program");
        }
        credentialsProblem.get().ifPresent(problems::add);
        return problems;
    }

    /** For the commands that only call Google Cloud APIs (publish-static, purge-cdn): credentials. */
    public List<String> cloudAccessProblems() {
        return credentialsProblem.get().stream().toList();
    }

    private Optional<Path> findOnPath(String command) {
        for (var directory : searchPath.split(File.pathSeparator)) {
            if (directory.isBlank()) {
                continue;
            }
            var candidate = Path.of(directory, command);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
