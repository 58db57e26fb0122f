package ai.kuraos.infra.cli;

import ai.kuraos.infra.StackSettings;
import ai.kuraos.infra.component.LiveDescriptions;
import ai.kuraos.infra.config.StackConfigValues;
import ai.kuraos.infra.plan.ProjectLayout;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.concurrent.Callable;

@Command(name = "adopt",
        mixinStandardHelpOptions = true,
        description = {
                "Saves what gcloud says about a live resource the stack adopts: the JSON of `gcloud ... describe"
                        + " --format=json` (or `gcloud secrets versions list ... --format=json` for <name>.versions,"
                        + " or the description of what a step of the adoption sequence waits for), as"
                        + " stacks/<stack>/adopted/<name>.json.",
                "The program then declares that resource's inputs as they are, so that the adoption update imports it"
                        + " without changing it. The stack's settings are read with the new description first: a"
                        + " description of another resource, or one the settings refuse, is not saved.",
                "Which gcloud command describes which name: docs/adoption.md."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:the description was saved",
                "1:the stack's settings refuse it (every error on stderr)",
                "2:bad usage, an unknown stack, or input that is not JSON"})
final class AdoptCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Option(names = "--stack", paramLabel = "NAME", required = true, description = "The stack that adopts the resource.")
    private String stack;

    @Parameters(index = "0", paramLabel = "NAME", description = "The resource's logical name, e.g. kura-primary,"
            + " database-url, database-url.versions.")
    private String name;

    @Parameters(index = "1", paramLabel = "FILE", defaultValue = "-",
            description = "The describe output; - (default) reads it from standard input.")
    private String file;

    @Mixin
    private ProjectDirOption project;

    @Spec
    private CommandSpec spec;

    /** Standard input, replaceable in tests. */
    InputStream stdin = System.in;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        if (!project.isProject(err)) {
            return KuraCli.USAGE;
        }
        var layout = new ProjectLayout(project.projectDir);
        if (!layout.stacks().contains(stack)) {
            err.println("error: unknown stack '" + stack + "'; stacks in this project: " + String.join(", ", layout.stacks()));
            return KuraCli.USAGE;
        }
        if (!name.matches("[a-z0-9][a-z0-9-]*(\\.versions)?")) {
            err.println("error: '" + name + "' is not a logical name such as kura-primary or database-url.versions");
            return KuraCli.USAGE;
        }
        JsonNode description;
        try {
            description = file.equals("-") ? JSON.readTree(stdin) : JSON.readTree(Path.of(file).toFile());
        } catch (IOException e) {
            err.println("error: cannot read " + (file.equals("-") ? "standard input" : file) + " as JSON: " + e.getMessage());
            return KuraCli.USAGE;
        }
        var directory = layout.planDirectory(stack).resolve(LiveDescriptions.DIRECTORY);
        var described = new HashMap<>(LiveDescriptions.read(directory).byLogicalName());
        described.put(name, description);
        var result = StackSettings.read(stack, StackConfigValues.fromStackFile(layout.stackConfigFile(stack)),
                new LiveDescriptions(described));
        if (!result.errors().isEmpty()) {
            err.println("error: stack " + stack + " refuses the description of " + name + ":");
            result.errors().forEach(error -> err.println("  " + error));
            return KuraCli.FAILED;
        }
        var target = directory.resolve(name + ".json");
        try {
            Files.createDirectories(directory);
            Files.writeString(target, JSON.writeValueAsString(description) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            err.println("error: cannot write " + target + ": " + e.getMessage());
            return KuraCli.FAILED;
        }
        out.println("saved " + layout.root().relativize(target) + "; run `plan --stack " + stack + "` and review the"
                + " adoption's diff");
        return KuraCli.OK;
    }
}
