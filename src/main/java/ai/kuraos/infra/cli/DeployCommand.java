package ai.kuraos.infra.cli;

import ai.kuraos.infra.backend.BackendNames;
import ai.kuraos.infra.platform.Names;
import ai.kuraos.infra.rollout.Preflight;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.concurrent.Callable;

@Command(name = "deploy",
        mixinStandardHelpOptions = true,
        description = {
                "Releases a backend image to a stack without downtime, in four steps, each a `pulumi up` of this program"
                        + " or a call to Cloud Run:",
                "  1. stage      deploy the release's revision (kura-backend-<release>) with no traffic; it gets the"
                        + " `candidate` tag and its own URL. The migrator job gets the new image.",
                "  2. migrate    run the kura-migrator job (alembic upgrade heads) once and wait for it.",
                "  3. smoke test GET <candidate URL>/health must answer 200 with {\"status\": \"healthy\"}.",
                "  4. promote    send all traffic to the new revision; the one it replaces is recorded for `rollback`.",
                "If a step fails, the command stops there: traffic stays on the revision that was serving, the exit code"
                        + " is 1, and the message says which step failed and how to retry or roll back. Re-running"
                        + " after a fix is safe.",
                "Needs the Pulumi CLI, Google Cloud credentials and the built jar; without them it fails before"
                        + " changing anything. The stack's Pulumi.<stack>.yaml records the release: commit it afterwards."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:the release serves all traffic",
                "1:a step failed (see the message); traffic stayed where it was",
                "2:bad arguments, configuration or missing prerequisites; nothing was changed"})
final class DeployCommand implements Callable<Integer> {

    @Mixin
    private StackOptions stackOptions = new StackOptions();

    @Option(names = "--image", required = true, paramLabel = "IMAGE",
            description = "The backend image by digest, from the stack's own registry, e.g."
                    + " europe-southwest1-docker.pkg.dev/kura-os/cloud-run-source-deploy/kura-backend@sha256:<digest>")
    private String image;

    @Option(names = "--release", required = true, paramLabel = "RELEASE",
            description = "The release id: lowercase letters, digits and hyphens, e.g. v1-3-8 or a git short sha."
                    + " It names the revision, so each new image needs a new one.")
    private String release;

    @Spec
    private CommandSpec spec;

    private final Preflight preflight;

    DeployCommand() {
        this(Preflight.ofThisMachine());
    }

    DeployCommand(Preflight preflight) {
        this.preflight = preflight;
    }

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        var arguments = new ArrayList<String>();
        BackendNames.imageProblem(image).ifPresent(problem -> arguments.add("--image " + image + ": " + problem));
        BackendNames.releaseProblem(release).ifPresent(problem -> arguments.add("--release " + release + ": " + problem));
        arguments.forEach(problem -> err.println("error: " + problem));
        var settings = stackOptions.settings(err);
        settings.flatMap(stack -> BackendNames.deployImageProblem(image, Names.registryUrl(stack.target().region(),
                        stack.target().project(), stack.foundation().registry().repositoryId())))
                .ifPresent(problem -> {
                    err.println("error: --image " + image + ": " + problem);
                    arguments.add(problem);
                });
        if (!arguments.isEmpty() || settings.isEmpty() || !RolloutCommands.ready(preflight, stackOptions.layout(), err)) {
            return KuraCli.USAGE;
        }
        var rollout = RolloutCommands.rollout(stackOptions, settings.get(), out);
        return RolloutCommands.report(stackOptions.stack, () -> rollout.deploy(image, release), out, err);
    }
}
