package ai.kuraos.infra.cli;

import ai.kuraos.infra.config.InvalidConfigException;
import ai.kuraos.infra.config.StackSettings;
import ai.kuraos.infra.config.Suggestions;
import ai.kuraos.infra.plan.Plan;
import ai.kuraos.infra.plan.PlanFailedException;
import ai.kuraos.infra.plan.PlanFiles;
import ai.kuraos.infra.plan.PlannedResource;
import ai.kuraos.infra.plan.ProjectLayout;
import ai.kuraos.infra.plan.StackPlanner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

@Command(name = "plan",
        mixinStandardHelpOptions = true,
        description = {
                "Runs the Pulumi program offline under Pulumi's mock engine and writes each stack's desired state to"
                        + " stacks/<stack>/plan.json: the reviewable picture of what `pulumi up` would converge to.",
                "No Pulumi CLI, provider plugins or cloud credentials are needed; encrypted config values show as"
                        + " \"[secret]\"."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:the plans were written, or (--check) stacks/ is up to date",
                "1:(--check) stacks/ is out of date, or the program failed",
                "2:bad usage, an unknown stack or invalid configuration; nothing was written"})
final class PlanCommand implements Callable<Integer> {

    @Option(names = "--stack", paramLabel = "NAME", description = "A stack to plan; repeat for several.")
    private List<String> stacks = new ArrayList<>();

    @Option(names = "--all", description = "Plan every stack that has a Pulumi.<stack>.yaml.")
    private boolean all;

    @Option(names = "--check", description = "Write nothing; print a unified diff and exit 1 when stacks/ is out of date.")
    private boolean check;

    @Option(names = "--project-dir", paramLabel = "DIR", defaultValue = ".",
            description = "The Pulumi project directory (default: the current one).")
    private Path projectDir;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        var layout = new ProjectLayout(projectDir);
        if (!Files.isRegularFile(projectDir.resolve("Pulumi.yaml"))) {
            err.println("error: " + projectDir.toAbsolutePath().normalize() + " is not a Pulumi project (no Pulumi.yaml);"
                    + " run from the repository root or pass --project-dir");
            return KuraCli.USAGE;
        }
        var selected = selectStacks(layout, err);
        if (selected.isEmpty()) {
            return KuraCli.USAGE;
        }
        var settings = validate(layout, selected, err);
        if (settings.isEmpty()) {
            return KuraCli.USAGE;
        }
        var project = layout.projectName();
        var rendered = new LinkedHashMap<String, Map.Entry<Plan, java.util.SortedMap<String, String>>>();
        for (var stack : selected) {
            try {
                var plan = StackPlanner.plan(project, settings.get(stack));
                rendered.put(stack, Map.entry(plan, PlanFiles.render(plan)));
            } catch (PlanFailedException failure) {
                err.println("error: " + failure.getMessage());
                return KuraCli.FAILED;
            }
        }
        return check ? check(layout, rendered, out, err) : write(layout, rendered, out);
    }

    private List<String> selectStacks(ProjectLayout layout, PrintWriter err) {
        var known = layout.stacks();
        if (all == !stacks.isEmpty()) {
            err.println("error: name the stacks to plan with --stack NAME, or plan every stack with --all (not both)");
            return List.of();
        }
        if (all) {
            return known;
        }
        var unknown = stacks.stream().filter(stack -> !known.contains(stack)).toList();
        for (var stack : unknown) {
            var hint = Suggestions.closest(stack, known).map(match -> " Did you mean '" + match + "'?").orElse("");
            err.println("error: unknown stack '" + stack + "' (there is no " + layout.stackConfigFile(stack).getFileName()
                    + ")." + hint + " Stacks in this project: " + String.join(", ", known));
        }
        return unknown.isEmpty() ? stacks.stream().distinct().toList() : List.of();
    }

    /** Settings of every selected stack, or empty after printing every error of every stack. */
    private Map<String, StackSettings> validate(ProjectLayout layout, List<String> selected, PrintWriter err) {
        var settings = new TreeMap<String, StackSettings>();
        var valid = true;
        for (var stack : selected) {
            try {
                settings.put(stack, StackPlanner.settings(layout, stack));
            } catch (InvalidConfigException invalid) {
                err.println("error: " + invalid.getMessage());
                valid = false;
            } catch (UncheckedIOException | IllegalArgumentException unreadable) {
                err.println("error: " + unreadable.getMessage());
                valid = false;
            }
        }
        if (!valid) {
            err.println("nothing was written: fix the configuration above and run plan again");
            return Map.of();
        }
        return settings;
    }

    private int check(ProjectLayout layout, Map<String, Map.Entry<Plan, java.util.SortedMap<String, String>>> rendered,
                      PrintWriter out, PrintWriter err) {
        var outdated = new ArrayList<String>();
        rendered.forEach((stack, entry) -> {
            var shown = "stacks/" + stack;
            var diff = PlanFiles.diff(shown, PlanFiles.read(layout.planDirectory(stack)), entry.getValue());
            if (!diff.isEmpty()) {
                out.print(diff);
                outdated.add(stack);
            }
        });
        var orphans = all ? orphanDirectories(layout) : List.<String>of();
        orphans.forEach(orphan -> err.println("stacks/" + orphan + " belongs to no stack (there is no Pulumi."
                + orphan + ".yaml); `plan --all` removes it"));
        if (outdated.isEmpty() && orphans.isEmpty()) {
            out.println("stacks/ is up to date for " + String.join(", ", rendered.keySet()));
            return KuraCli.OK;
        }
        if (!outdated.isEmpty()) {
            err.println("stacks/ is out of date for " + String.join(", ", outdated) + ": run `java -jar"
                    + " target/kura-infra.jar plan " + (all ? "--all" : "--stack " + String.join(" --stack ", outdated))
                    + "` and commit the result");
        }
        return KuraCli.FAILED;
    }

    private int write(ProjectLayout layout, Map<String, Map.Entry<Plan, java.util.SortedMap<String, String>>> rendered,
                      PrintWriter out) {
        rendered.forEach((stack, entry) -> {
            var changed = PlanFiles.write(layout.planDirectory(stack), entry.getValue());
            summarise(entry.getKey(), changed, out);
        });
        if (all) {
            for (var orphan : orphanDirectories(layout)) {
                PlanFiles.delete(layout.planDirectory(orphan));
                out.println("stacks/" + orphan + ": removed (there is no Pulumi." + orphan + ".yaml)");
            }
        }
        return KuraCli.OK;
    }

    private static void summarise(Plan plan, List<String> changed, PrintWriter out) {
        var components = plan.resources().stream().filter(resource -> resource.parent() == null).toList();
        out.printf("%s: %d resources, %d outputs -> stacks/%s/ (%s)%n", plan.stack(), plan.resources().size(),
                plan.outputs().size(), plan.stack(), changed.isEmpty() ? "unchanged" : "updated: " + String.join(", ", changed));
        for (var component : components) {
            out.printf("  %-24s %-32s %3d resources%n", component.name(), component.type(), descendants(plan, component));
        }
        plan.warnings().forEach(warning -> out.println("  warning: " + warning));
    }

    private static long descendants(Plan plan, PlannedResource component) {
        var children = plan.resources().stream().filter(resource -> component.name().equals(resource.parent())).toList();
        return children.size() + children.stream().mapToLong(child -> descendants(plan, child)).sum();
    }

    private static List<String> orphanDirectories(ProjectLayout layout) {
        var directory = layout.plansDirectory();
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        var stacks = layout.stacks();
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.filter(Files::isDirectory)
                    .map(path -> path.getFileName().toString())
                    .filter(name -> !stacks.contains(name))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
    }
}
