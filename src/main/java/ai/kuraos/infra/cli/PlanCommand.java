package ai.kuraos.infra.cli;

import ai.kuraos.infra.StackSettings;
import ai.kuraos.infra.architecture.ArchitectureMermaid;
import ai.kuraos.infra.config.InvalidConfigException;
import ai.kuraos.infra.config.Suggestions;
import ai.kuraos.infra.cost.CostDelta;
import ai.kuraos.infra.cost.CostSection;
import ai.kuraos.infra.plan.ArchitectureSection;
import ai.kuraos.infra.plan.GeneratedDocs;
import ai.kuraos.infra.plan.GitPlans;
import ai.kuraos.infra.plan.Plan;
import ai.kuraos.infra.plan.PlanFailedException;
import ai.kuraos.infra.plan.PlanFiles;
import ai.kuraos.infra.plan.PlanReview;
import ai.kuraos.infra.plan.PlannedResource;
import ai.kuraos.infra.plan.ProjectLayout;
import ai.kuraos.infra.plan.RenderedFrom;
import ai.kuraos.infra.plan.ReviewSection;
import ai.kuraos.infra.plan.StackPlanner;
import ai.kuraos.infra.plan.steps.PlanSteps;
import ai.kuraos.infra.plan.steps.StepsSection;
import ai.kuraos.infra.policy.PolicyDiff;
import ai.kuraos.infra.messaging.TopicPartitions;
import ai.kuraos.infra.policy.PolicySection;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;

@Command(name = "plan",
        mixinStandardHelpOptions = true,
        description = {
                "Runs the Pulumi program offline under Pulumi's mock engine and writes each stack's desired state to"
                        + " stacks/<stack>/plan.json: the reviewable picture of what `pulumi up` would converge to.",
                "No Pulumi CLI, provider plugins or cloud credentials are needed; encrypted config values show as"
                        + " \"[secret]\".",
                "--diff compares the rendered plans with those committed at a git ref instead: the step `pulumi up`"
                        + " would take for each resource (create, import, update, replace, delete), what it does to"
                        + " the running system, each changed input's old and new value, and the steps the engine"
                        + " would refuse."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:the plans were written, (--check) stacks/ is up to date, or (--diff) the diff was printed",
                "1:(--check) stacks/ is out of date, (--diff) a step would be refused or the rendered plans are stale,"
                        + " or the program failed",
                "2:bad usage, an unknown stack or git ref, or invalid configuration; nothing was written"})
final class PlanCommand implements Callable<Integer> {

    private static final String PLAN_FILE = "plan.json";

    @Option(names = "--stack", paramLabel = "NAME", description = "A stack to plan; repeat for several.")
    private List<String> stacks = new ArrayList<>();

    @Option(names = "--all", description = "Plan every stack that has a Pulumi.<stack>.yaml.")
    private boolean all;

    @Option(names = "--check", description = "Write nothing; print a unified diff and exit 1 when stacks/ is out of date.")
    private boolean check;

    @Option(names = "--diff", description = "Print what changed from the plans committed at --base to the rendered"
            + " plans in the working tree (the bootstrap's included); write nothing.")
    private boolean diff;

    @Option(names = "--base", paramLabel = "REF", defaultValue = "main",
            description = "With --diff: the git ref to compare with (default: main), e.g. origin/main in CI.")
    private String base;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "With --diff: text (default), markdown (the pull-request comment, cut below GitHub's size"
                    + " limit) or json.")
    private DiffFormat format;

    @Option(names = "--artifact-note", paramLabel = "TEXT",
            description = "With --format markdown: where the full diff is when the comment had to be cut.")
    private String artifactNote;

    enum DiffFormat { text, markdown, json }

    @Mixin
    private ProjectDirOption project;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        var layout = new ProjectLayout(project.projectDir);
        if (!project.isProject(err)) {
            return KuraCli.USAGE;
        }
        if (diff) {
            return diff(layout, out, err);
        }
        var layouts = all ? projects(layout) : List.of(layout);
        var selected = selectStacks(layout, layouts, err);
        if (selected.isEmpty()) {
            return KuraCli.USAGE;
        }
        var prepared = validate(selected, err);
        if (prepared.isEmpty()) {
            return KuraCli.USAGE;
        }
        var rendered = new LinkedHashMap<StackRef, Map.Entry<Plan, SortedMap<String, String>>>();
        for (var stack : prepared) {
            try {
                var plan = stack.plan();
                var files = PlanFiles.render(plan);
                files.put(RenderedFrom.FILE, RenderedFrom.render(stack.layout(), stack.stack()));
                rendered.put(new StackRef(stack.layout(), stack.stack()), Map.entry(plan, files));
            } catch (PlanFailedException failure) {
                err.println("error: " + failure.getMessage());
                return KuraCli.FAILED;
            }
        }
        if (!check && lowersPartitions(rendered, err)) {
            err.println("nothing was written: fix the topic catalogue above and run plan again");
            return KuraCli.USAGE;
        }
        var docs = all ? GeneratedDocs.render(platformSettings(layout)) : new TreeMap<String, String>();
        return check ? check(layouts, rendered, docs, out, err) : write(layouts, rendered, docs, out);
    }

    /** Every platform stack's settings (already validated), for the references generated from them. */
    private static SortedMap<String, StackSettings> platformSettings(ProjectLayout layout) {
        var settings = new TreeMap<String, StackSettings>();
        layout.stacks().forEach(stack -> settings.put(stack, StackPlanner.settings(layout, stack)));
        return settings;
    }

    /**
     * The committed plans at {@code --base} against the working tree's, for the project and the ones it holds; a
     * nested project's stacks are named {@code <directory>/<stack>}, e.g. bootstrap/ops.
     */
    private int diff(ProjectLayout layout, PrintWriter out, PrintWriter err) {
        if (check || all) {
            err.println("error: --diff compares every stack (or those named with --stack) and writes nothing; drop "
                    + (check ? "--check" : "--all"));
            return KuraCli.USAGE;
        }
        if (stale(layout, err)) {
            return KuraCli.FAILED;
        }
        var before = new TreeMap<String, String>();
        var after = new TreeMap<String, String>();
        try {
            before.putAll(GitPlans.atRef(project.projectDir, base));
            after.putAll(GitPlans.inWorkingTree(project.projectDir));
            for (var nested : layout.nestedProjects()) {
                var prefix = nested.root().getFileName() + "/";
                GitPlans.atRef(nested.root(), base).forEach((stack, plan) -> before.put(prefix + stack, plan));
                GitPlans.inWorkingTree(nested.root()).forEach((stack, plan) -> after.put(prefix + stack, plan));
            }
        } catch (IllegalArgumentException | UncheckedIOException unreadable) {
            err.println("error: " + unreadable.getMessage());
            return KuraCli.USAGE;
        }
        if (!stacks.isEmpty()) {
            before.keySet().retainAll(stacks);
            after.keySet().retainAll(stacks);
        }
        List<ReviewSection> sections;
        try {
            // The platform's stacks cost money and have a picture; the bootstrap's stacks (bootstrap/<stack>) neither.
            var platformBefore = new TreeMap<>(before);
            var platformAfter = new TreeMap<>(after);
            platformBefore.keySet().removeIf(stack -> stack.contains("/"));
            platformAfter.keySet().removeIf(stack -> stack.contains("/"));
            var costs = CostDelta.of(platformBefore, platformAfter, CostDelta.Inputs.atRef(layout, base),
                    CostDelta.Inputs.inWorkingTree(layout));
            sections = List.of(
                    new CostSection(costs),
                    new StepsSection(PlanSteps.ofTexts(before, after)),
                    new PolicySection(PolicyDiff.of(project.projectDir, base, LocalDate.now(ZoneOffset.UTC))),
                    new ArchitectureSection(ArchitectureMermaid.changedPictures(platformBefore, platformAfter)));
        } catch (IllegalArgumentException | InvalidConfigException unreadable) {
            err.println("error: " + unreadable.getMessage());
            return KuraCli.FAILED;
        }
        out.print(switch (format) {
            case text -> PlanReview.text(sections);
            case markdown -> PlanReview.markdown(sections, PlanReview.DEFAULT_BUDGET, artifactNote);
            case json -> PlanReview.json(sections);
        });
        return PlanReview.blocks(sections) ? KuraCli.FAILED : KuraCli.OK;
    }

    /**
     * Whether a stack's rendered directory (of those --stack selects, or all) is older than its inputs: the review would
     * show another change than the one the branch makes. Said on {@code err}, one line a stack.
     */
    private boolean stale(ProjectLayout layout, PrintWriter err) {
        var stale = new ArrayList<String>();
        for (var project : projects(layout)) {
            var prefix = project.equals(layout) ? "" : project.root().getFileName() + "/";
            for (var stack : project.stacks()) {
                if (!stacks.isEmpty() && !stacks.contains(prefix + stack)) {
                    continue;
                }
                var changed = RenderedFrom.changedSince(project, stack);
                if (!changed.isEmpty()) {
                    var shown = new StackRef(project, stack).shown(this.project.projectDir);
                    stale.add(shown);
                    err.println("error: stale plans: " + shown + "/ was rendered before the last change of "
                            + String.join(", ", changed));
                }
            }
        }
        if (!stale.isEmpty()) {
            err.println("the review would not show this branch's change: run `java -jar target/kura-infra.jar plan"
                    + " --all` (after `mvn -B -q package -DskipTests` when the program changed) and commit stacks/");
        }
        return !stale.isEmpty();
    }

    /** A stack of one of the repository's projects, and how messages name its rendered directory. */
    private record StackRef(ProjectLayout layout, String stack) {

        String shown(Path repositoryRoot) {
            var relative = repositoryRoot.toAbsolutePath().normalize()
                    .relativize(layout.planDirectory(stack).toAbsolutePath().normalize());
            return relative.toString().replace('\\', '/');
        }
    }

    /** The project at {@code --project-dir} and, with --all, the ones it holds (the bootstrap). */
    private static List<ProjectLayout> projects(ProjectLayout layout) {
        var layouts = new ArrayList<ProjectLayout>();
        layouts.add(layout);
        layouts.addAll(layout.nestedProjects());
        return layouts;
    }

    private List<StackRef> selectStacks(ProjectLayout layout, List<ProjectLayout> layouts, PrintWriter err) {
        if (all == !stacks.isEmpty()) {
            err.println("error: name the stacks to plan with --stack NAME, or plan every stack with --all (not both)");
            return List.of();
        }
        if (all) {
            return layouts.stream().flatMap(project -> project.stacks().stream().map(stack -> new StackRef(project, stack)))
                    .toList();
        }
        var known = layout.stacks();
        var unknown = stacks.stream().filter(stack -> !known.contains(stack)).toList();
        for (var stack : unknown) {
            var hint = Suggestions.closest(stack, known).map(match -> " Did you mean '" + match + "'?").orElse("");
            err.println("error: unknown stack '" + stack + "' (there is no " + layout.stackConfigFile(stack).getFileName()
                    + ")." + hint + " Stacks in this project: " + String.join(", ", known));
        }
        return unknown.isEmpty() ? stacks.stream().distinct().map(stack -> new StackRef(layout, stack)).toList() : List.of();
    }

    /** Every selected stack ready to plan, or empty after printing every error of every stack. */
    private List<StackPlanner.PreparedStack> validate(List<StackRef> selected, PrintWriter err) {
        var prepared = new ArrayList<StackPlanner.PreparedStack>();
        var valid = true;
        for (var stack : selected) {
            try {
                prepared.add(StackPlanner.prepare(stack.layout(), stack.stack()));
            } catch (InvalidConfigException invalid) {
                err.println("error: " + invalid.getMessage());
                valid = false;
            } catch (UncheckedIOException | IllegalArgumentException | IllegalStateException unreadable) {
                err.println("error: " + unreadable.getMessage());
                valid = false;
            }
        }
        if (!valid) {
            err.println("nothing was written: fix the configuration above and run plan again");
            return List.of();
        }
        return prepared;
    }

    private int check(List<ProjectLayout> layouts, Map<StackRef, Map.Entry<Plan, SortedMap<String, String>>> rendered,
                      SortedMap<String, String> docs, PrintWriter out, PrintWriter err) {
        var outdated = new ArrayList<String>();
        if (all) {
            var diff = PlanFiles.diff(GeneratedDocs.DIRECTORY, PlanFiles.read(project.projectDir.resolve(GeneratedDocs.DIRECTORY)), docs);
            if (!diff.isEmpty()) {
                out.print(diff);
                outdated.add(GeneratedDocs.DIRECTORY);
            }
        }
        var committedPlans = new TreeMap<String, String>();
        var renderedPlans = new TreeMap<String, String>();
        rendered.forEach((stack, entry) -> {
            var shown = stack.shown(project.projectDir);
            var committed = PlanFiles.read(stack.layout().planDirectory(stack.stack()));
            var diff = PlanFiles.diff(shown, committed, entry.getValue());
            if (!diff.isEmpty()) {
                out.print(diff);
                outdated.add(shown);
                if (committed.containsKey(PLAN_FILE)) {
                    committedPlans.put(shown, committed.get(PLAN_FILE));
                }
                renderedPlans.put(shown, entry.getValue().get(PLAN_FILE));
            }
        });
        if (!renderedPlans.isEmpty()) {
            out.println("\nWhat `pulumi up` would do beyond the committed plans:");
            out.print(PlanReview.text(List.of(new StepsSection(PlanSteps.ofTexts(committedPlans, renderedPlans)))));
        }
        var orphans = all ? orphanDirectories(layouts) : List.<StackRef>of();
        orphans.forEach(orphan -> err.println(orphan.shown(project.projectDir) + " belongs to no stack (there is no Pulumi."
                + orphan.stack() + ".yaml); `plan --all` removes it"));
        if (outdated.isEmpty() && orphans.isEmpty()) {
            out.println("up to date: " + Stream.concat(rendered.keySet().stream().map(stack -> stack.shown(project.projectDir)),
                    all ? Stream.of(GeneratedDocs.DIRECTORY) : Stream.empty()).collect(Collectors.joining(", ")));
            return KuraCli.OK;
        }
        if (!outdated.isEmpty()) {
            err.println("out of date: " + String.join(", ", outdated) + "; run `java -jar target/kura-infra.jar plan "
                    + (all ? "--all" : "--stack " + String.join(" --stack ", stacks)) + "` and commit the result");
        }
        return KuraCli.FAILED;
    }

    /** Whether a rendered plan lowers a topic's partitions below its stack's committed plan (said on {@code err}). */
    private boolean lowersPartitions(Map<StackRef, Map.Entry<Plan, SortedMap<String, String>>> rendered,
                                     PrintWriter err) {
        var lowers = false;
        for (var entry : rendered.entrySet()) {
            var committed = PlanFiles.read(entry.getKey().layout().planDirectory(entry.getKey().stack())).get(PLAN_FILE);
            if (committed == null) {
                continue;
            }
            try {
                var json = new ObjectMapper();
                var problems = TopicPartitions.decreases(json.readTree(committed),
                        json.readTree(entry.getValue().getValue().get(PLAN_FILE)));
                for (var problem : problems) {
                    err.println("error: " + entry.getKey().stack() + ": " + problem);
                    lowers = true;
                }
            } catch (JsonProcessingException unreadable) {
                // An unreadable committed plan compares with nothing; --check reports it as out of date.
            }
        }
        return lowers;
    }

    private int write(List<ProjectLayout> layouts, Map<StackRef, Map.Entry<Plan, SortedMap<String, String>>> rendered,
                      SortedMap<String, String> docs, PrintWriter out) {
        rendered.forEach((stack, entry) -> {
            var changed = PlanFiles.write(stack.layout().planDirectory(stack.stack()), entry.getValue());
            summarise(entry.getKey(), stack.shown(project.projectDir), changed, out);
        });
        if (all) {
            var changed = PlanFiles.write(project.projectDir.resolve(GeneratedDocs.DIRECTORY), docs);
            out.printf("%s/ (%s)%n", GeneratedDocs.DIRECTORY, changed.isEmpty() ? "unchanged" : "updated: " + String.join(", ", changed));
            for (var orphan : orphanDirectories(layouts)) {
                PlanFiles.delete(orphan.layout().planDirectory(orphan.stack()));
                out.println(orphan.shown(project.projectDir) + ": removed (there is no Pulumi." + orphan.stack() + ".yaml)");
            }
        }
        return KuraCli.OK;
    }

    private static void summarise(Plan plan, String shown, List<String> changed, PrintWriter out) {
        var components = plan.resources().stream().filter(resource -> resource.parent() == null).toList();
        out.printf("%s: %d resources, %d outputs -> %s/ (%s)%n", plan.stack(), plan.resources().size(),
                plan.outputs().size(), shown, changed.isEmpty() ? "unchanged" : "updated: " + String.join(", ", changed));
        for (var component : components) {
            out.printf("  %-24s %-32s %3d resources%n", component.name(), component.type(), descendants(plan, component));
        }
        plan.warnings().forEach(warning -> out.println("  warning: " + warning));
    }

    private static long descendants(Plan plan, PlannedResource component) {
        var children = plan.resources().stream().filter(resource -> component.name().equals(resource.parent())).toList();
        return children.size() + children.stream().mapToLong(child -> descendants(plan, child)).sum();
    }

    private static List<StackRef> orphanDirectories(List<ProjectLayout> layouts) {
        var orphans = new ArrayList<StackRef>();
        for (var layout : layouts) {
            var directory = layout.plansDirectory();
            if (!Files.isDirectory(directory)) {
                continue;
            }
            var stacks = layout.stacks();
            try (Stream<Path> entries = Files.list(directory)) {
                entries.filter(Files::isDirectory)
                        .map(path -> path.getFileName().toString())
                        .filter(name -> !stacks.contains(name))
                        .sorted()
                        .forEach(name -> orphans.add(new StackRef(layout, name)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + directory, e);
            }
        }
        return orphans;
    }
}
