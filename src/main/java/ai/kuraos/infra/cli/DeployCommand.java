package ai.kuraos.infra.cli;

import ai.kuraos.infra.backend.BackendNames;
import ai.kuraos.infra.platform.Names;
import ai.kuraos.infra.rollout.Preflight;
import ai.kuraos.infra.rollout.Rollout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "deploy",
        mixinStandardHelpOptions = true,
        description = {
                "Releases a backend image to a stack without downtime, in four steps. Each step first reads kura-backend"
                        + " as Cloud Run serves it (traffic split, revisions, readiness) and refuses, showing the real"
                        + " split, when it is not what the step expects:",
                "  1. stage      `pulumi refresh` and `pulumi up` with the image: Cloud Run creates the release's"
                        + " revision (kura-backend-<release>-<fingerprint>) with no traffic; it gets the `candidate`"
                        + " tag and its own URL. The migrator job gets the new image.",
                "  2. migrate    run the kura-migrator job (alembic upgrade heads) once and wait for it (after any"
                        + " execution still running); then check that the serving revision still answers.",
                "  3. smoke test GET <candidate URL>/health must answer 200 with {\"status\": \"healthy\"} three times"
                        + " in a row within two minutes.",
                "  4. promote    send all traffic to the candidate, by name, and check that it serves; the revision it"
                        + " replaces keeps the `previous` tag for `rollback`.",
                "Without --image and --release it applies this checkout to the release that serves now (read from"
                        + " Cloud Run): a configuration, secret or code change that makes a new revision goes through"
                        + " the same steps (no migration: the image is the same). A new stack's service is created.",
                "One rollout at a time per stack: the stack's lease (an object in the state bucket, "
                        + RolloutCommands.BACKEND_URL_VARIABLE + ") is held from stage to promote.",
                "If a step fails, the command stops there: traffic stays on the revision that was serving, the exit code"
                        + " is 1, and the message says where traffic is and what to do. Re-running after a fix or a"
                        + " kill is safe: the run finds where the last one stopped.",
                "Needs the Pulumi CLI, Google Cloud credentials and the built jar; without them it fails before"
                        + " changing anything. Nothing needs committing: Cloud Run holds the rollout's state."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:the release serves all traffic",
                "1:a step failed (see the message); traffic stayed where it was",
                "2:bad arguments, configuration or missing prerequisites; nothing was changed"})
final class DeployCommand implements Callable<Integer> {

    @Mixin
    private StackOptions stackOptions = new StackOptions();

    @Option(names = "--image", paramLabel = "IMAGE",
            description = "The backend image by digest, from the stack's own registry, e.g."
                    + " europe-southwest1-docker.pkg.dev/kura-os/cloud-run-source-deploy/kura-backend@sha256:<digest>"
                    + " (with --release).")
    private Optional<String> image = Optional.empty();

    @Option(names = "--release", paramLabel = "RELEASE",
            description = "The release id: lowercase letters, digits and hyphens, e.g. v1-3-8 or a git short sha."
                    + " It names the revision, so each new image needs a new one (with --image).")
    private Optional<String> release = Optional.empty();

    @Spec
    private CommandSpec spec;

    private final Preflight preflight;
    private final Map<String, String> environment;

    DeployCommand() {
        this(Preflight.ofThisMachine(), System.getenv());
    }

    DeployCommand(Preflight preflight, Map<String, String> environment) {
        this.preflight = preflight;
        this.environment = environment;
    }

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        var arguments = new ArrayList<String>();
        if (image.isPresent() != release.isPresent()) {
            arguments.add("--image and --release go together: both to release an image, neither to apply this checkout");
        }
        image.flatMap(BackendNames::imageProblem).ifPresent(problem -> arguments.add("--image " + image.get() + ": " + problem));
        release.flatMap(BackendNames::releaseProblem).ifPresent(problem -> arguments.add("--release " + release.get() + ": " + problem));
        arguments.forEach(problem -> err.println("error: " + problem));
        var settings = stackOptions.settings(err);
        settings.ifPresent(stack -> image.flatMap(given -> BackendNames.deployImageProblem(given, Names.registryUrl(
                        stack.target().region(), stack.target().project(), stack.foundation().registry().repositoryId())))
                .ifPresent(problem -> {
                    err.println("error: --image " + image.get() + ": " + problem);
                    arguments.add(problem);
                }));
        var state = RolloutCommands.StateBucket.from(environment);
        var prerequisites = new ArrayList<>(preflight.problems(stackOptions.layout()));
        if (state.isEmpty()) {
            prerequisites.add(RolloutCommands.leaseProblem());
        }
        if (!arguments.isEmpty() || settings.isEmpty() || !RolloutCommands.ready(prerequisites, err)) {
            return KuraCli.USAGE;
        }
        var rollout = RolloutCommands.rollout(stackOptions, settings.get(), state, out);
        var backend = settings.get().backend();
        return RolloutCommands.report(stackOptions.stack, () -> image.isPresent()
                ? rollout.deploy(image.get(), release.get())
                : rollout.reapply(new Rollout.Release(backend.image(), backend.release())), out, err);
    }
}
