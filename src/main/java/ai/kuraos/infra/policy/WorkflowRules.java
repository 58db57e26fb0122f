package ai.kuraos.infra.policy;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static ai.kuraos.infra.policy.Severity.HIGH;

/**
 * GitHub workflow rules (the zizmor and actionlint class of checks), over {@link Workflows}' plan: one resource per
 * workflow file, its inputs the workflow as written. Paths are the workflow's keys, e.g.
 * {@code jobs.preview.steps[3].run}.
 */
final class WorkflowRules {

    /** Events whose runs execute for a pull request, a fork's included. */
    private static final Set<String> PULL_REQUEST_EVENTS = Set.of("pull_request", "pull_request_target",
            "pull_request_review", "pull_request_review_comment", "issue_comment");

    /** Runner labels GitHub hosts: a fresh virtual machine per job. */
    private static final Pattern GITHUB_HOSTED = Pattern.compile("(ubuntu|windows|macos)-[a-z0-9.-]+");

    /** Event fields anyone who opens a pull request, an issue or a comment writes (zizmor template-injection). */
    private static final Pattern UNTRUSTED = Pattern.compile("\\$\\{\\{[^}]*?\\b(github\\.head_ref|github\\.event\\."
            + "(pull_request\\.(title|body|head\\.(ref|label|repo\\.default_branch))|issue\\.(title|body)|comment\\.body"
            + "|review\\.body|review_comment\\.body|discussion\\.(title|body)|pages\\S*\\.page_name"
            + "|head_commit\\.(message|author\\.(name|email))|commits\\S*\\.(message|author\\.(name|email))"
            + "|workflow_run\\.(head_branch|display_title|head_commit\\.(message|author\\.(name|email)))))\\b");

    /** What a checkout of the pull request's own code looks like in {@code with.ref}. */
    private static final Pattern PULL_REQUEST_HEAD = Pattern.compile("github\\.event\\.pull_request\\.head\\."
            + "(sha|ref)|github\\.head_ref|refs/pull/|github\\.event\\.number");

    private static final Pattern SECRET = Pattern.compile("\\$\\{\\{\\s*secrets\\.");
    private static final Pattern PRINTS = Pattern.compile("(^|[;&|(\\s])(echo|printf)\\s");
    private static final Pattern SENDS_A_SECRET = Pattern.compile("\\b(curl|wget)\\b.*\\$\\{\\{\\s*secrets\\.");
    private static final Pattern NETCAT_TO_AN_ADDRESS = Pattern.compile(
            "\\b(nc|ncat|netcat)\\b.*\\b\\d{1,3}(\\.\\d{1,3}){3}\\b");

    /**
     * The owners whose actions the workflows may use: GitHub's own, and the vendors of the platform's tools (Google
     * Cloud's auth and gcloud, Pulumi). Another owner's action runs with the job's token and cloud identity.
     */
    static final Set<String> TRUSTED_OWNERS = Set.of("actions", "github", "google-github-actions", "pulumi");

    private WorkflowRules() {
    }

    static List<Rule> rules() {
        return List.of(pullRequestTargetCheckout(), untrustedExpressions(), writeAll(), secretsToLogs(),
                uncheckedWorkflowRun(), selfHostedOnPullRequests(), unknownActionOwners(), unsecureCommands(),
                exfiltration());
    }

    private static ResourceRule rule(String id, Severity severity, String title, String benchmark,
                                     ResourceRule.Check check) {
        return ResourceRule.on(Workflows.TYPE, id, severity, title, benchmark, check);
    }

    /** The events that start the workflow ({@code on:} as a name, a list or a map). */
    static Set<String> events(JsonNode workflow) {
        var on = workflow.path("on");
        var events = new TreeSet<String>();
        if (on.isTextual()) {
            events.add(on.asText());
        } else if (on.isArray()) {
            on.forEach(event -> events.add(event.asText()));
        } else {
            on.fieldNames().forEachRemaining(events::add);
        }
        return events;
    }

    private static Map<String, JsonNode> jobs(JsonNode workflow) {
        var jobs = new LinkedHashMap<String, JsonNode>();
        workflow.path("jobs").fields().forEachRemaining(job -> jobs.put(job.getKey(), job.getValue()));
        return jobs;
    }

    /** A step of a job and its path ({@code jobs.<job>.steps[<i>]}). */
    private record Step(String job, String path, JsonNode spec) {
    }

    private static List<Step> steps(JsonNode workflow) {
        var steps = new ArrayList<Step>();
        jobs(workflow).forEach((job, spec) -> {
            var list = spec.path("steps");
            for (int i = 0; i < list.size(); i++) {
                steps.add(new Step(job, "jobs." + job + ".steps[" + i + "]", list.get(i)));
            }
        });
        return steps;
    }

    /** The scripts a step runs: {@code run}, and {@code with.script} of actions/github-script. */
    private static Map<String, String> scripts(Step step) {
        var scripts = new LinkedHashMap<String, String>();
        if (step.spec().has("run")) {
            scripts.put(step.path() + ".run", Json.text(step.spec().path("run")));
        }
        if (Json.text(step.spec().path("uses")).startsWith("actions/github-script@")) {
            scripts.put(step.path() + ".with.script", Json.text(step.spec().path("with").path("script")));
        }
        return scripts;
    }

    static ResourceRule pullRequestTargetCheckout() {
        return rule("KURA-GHA-001", HIGH, "pull_request_target never checks out the pull request's code",
                "zizmor dangerous-triggers; GitHub Security Lab \"Preventing pwn requests\"", (workflow, plan) -> {
                    var inputs = workflow.inputs();
                    if (!events(inputs).contains("pull_request_target")) {
                        return List.of();
                    }
                    var violations = new ArrayList<Violation>();
                    for (var step : steps(inputs)) {
                        var ref = Json.text(step.spec().path("with").path("ref"));
                        if (Json.text(step.spec().path("uses")).startsWith("actions/checkout@")
                                && PULL_REQUEST_HEAD.matcher(ref).find()) {
                            violations.add(new Violation(step.path() + ".with.ref", "checks out " + ref + " in a"
                                    + " pull_request_target run, which holds the base repository's secrets and a"
                                    + " write token (and any id-token: write the job has): a fork's pull request runs"
                                    + " its own code with them; use on: pull_request, or never check out the head"));
                        }
                    }
                    return violations;
                });
    }

    static ResourceRule untrustedExpressions() {
        return rule("KURA-GHA-002", HIGH, "No expression a pull request or issue author writes is expanded into a"
                        + " script", "zizmor template-injection; Checkov CKV_GHA_2; actionlint expression checks",
                (workflow, plan) -> {
                    var violations = new ArrayList<Violation>();
                    for (var step : steps(workflow.inputs())) {
                        scripts(step).forEach((path, script) -> {
                            var match = UNTRUSTED.matcher(script);
                            if (match.find()) {
                                violations.add(new Violation(path, "expands ${{ " + match.group(1) + " }} into the"
                                        + " script: whoever writes it (a pull request title, a branch name) writes"
                                        + " shell code; pass it through env: and quote \"$VARIABLE\"", match.group(1)));
                            }
                        });
                    }
                    return violations;
                });
    }

    static ResourceRule writeAll() {
        return rule("KURA-GHA-003", HIGH, "No workflow or job has permissions: write-all",
                "Checkov CKV2_GHA_1; zizmor excessive-permissions", (workflow, plan) -> {
                    var violations = new ArrayList<Violation>();
                    var inputs = workflow.inputs();
                    if (Json.text(inputs.path("permissions")).equals("write-all")) {
                        violations.add(new Violation("permissions", "is write-all: every job's token may push code,"
                                + " publish releases and rewrite workflows; grant read and the few write scopes a"
                                + " job needs"));
                    }
                    jobs(inputs).forEach((job, spec) -> {
                        if (Json.text(spec.path("permissions")).equals("write-all")) {
                            violations.add(new Violation("jobs." + job + ".permissions", "is write-all: the job's token"
                                    + " may push code, publish releases and rewrite workflows; grant the scopes it"
                                    + " needs"));
                        }
                    });
                    return violations;
                });
    }

    static ResourceRule secretsToLogs() {
        return rule("KURA-GHA-004", HIGH, "No script prints a secret to the log",
                "GitHub security hardening for Actions (using secrets)", (workflow, plan) -> {
                    var inputs = workflow.inputs();
                    var violations = new ArrayList<Violation>();
                    for (var step : steps(inputs)) {
                        var secretEnv = new HashMap<String, Boolean>();
                        for (var env : List.of(inputs.path("env"), inputs.path("jobs").path(step.job()).path("env"),
                                step.spec().path("env"))) {
                            env.fields().forEachRemaining(variable -> secretEnv.put(variable.getKey(),
                                    SECRET.matcher(Json.text(variable.getValue())).find()));
                        }
                        scripts(step).forEach((path, script) -> {
                            for (var line : script.split("\n")) {
                                if (printsASecret(line, secretEnv)) {
                                    violations.add(new Violation(path, "prints a secret: '" + line.strip() + "'; the"
                                            + " log masks only the exact value, not an encoded or split copy, and"
                                            + " every reader of the run sees the log; pass the secret to the tool"
                                            + " through env or stdin and never echo it"));
                                    break;
                                }
                            }
                        });
                    }
                    return violations;
                });
    }

    /** An echo or printf of a secret (directly or through an env variable) that goes to the log, not a pipe or file. */
    private static boolean printsASecret(String line, Map<String, Boolean> secretEnv) {
        var print = PRINTS.matcher(line);
        if (!print.find()) {
            return false;
        }
        var printed = line.substring(print.end());
        var end = printed.replaceAll("'[^']*'|\"(\\\\.|[^\"\\\\])*\"", "\"\"");
        if (end.contains("|") || end.contains(">")) {
            return false;
        }
        if (SECRET.matcher(printed).find()) {
            return true;
        }
        var variable = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)").matcher(printed);
        while (variable.find()) {
            if (secretEnv.getOrDefault(variable.group(1), false)) {
                return true;
            }
        }
        return false;
    }

    static ResourceRule uncheckedWorkflowRun() {
        return rule("KURA-GHA-005", HIGH, "A workflow_run workflow acts only on a successful run of the expected"
                        + " event", "zizmor dangerous-triggers (workflow_run); GitHub Security Lab \"Keeping your"
                        + " GitHub Actions and workflows secure\" part 1", (workflow, plan) -> {
                    var inputs = workflow.inputs();
                    if (!events(inputs).contains("workflow_run")) {
                        return List.of();
                    }
                    var violations = new ArrayList<Violation>();
                    if (inputs.path("on").path("workflow_run").path("workflows").isEmpty()) {
                        violations.add(new Violation("on.workflow_run.workflows", "is unset: the workflow runs after"
                                + " any other workflow of the repository; list the workflows it follows"));
                    }
                    jobs(inputs).forEach((job, spec) -> {
                        var condition = Json.text(spec.path("if"));
                        if (!spec.has("needs") && !(condition.contains("github.event.workflow_run.conclusion")
                                && condition.contains("github.event.workflow_run.event"))) {
                            violations.add(new Violation("jobs." + job + ".if", (condition.isBlank() ? "is unset"
                                    : "'" + condition + "' checks not both the conclusion and the event") + ": the job"
                                    + " also runs after a failed run, or one a fork's pull request started; require"
                                    + " github.event.workflow_run.conclusion == 'success' and"
                                    + " github.event.workflow_run.event == 'push'"));
                        }
                    });
                    return violations;
                });
    }

    static ResourceRule selfHostedOnPullRequests() {
        return rule("KURA-GHA-006", HIGH, "Pull requests run only on GitHub-hosted runners",
                "zizmor self-hosted-runner; GitHub self-hosted runner security guidance", (workflow, plan) -> {
                    var inputs = workflow.inputs();
                    if (events(inputs).stream().noneMatch(PULL_REQUEST_EVENTS::contains)) {
                        return List.of();
                    }
                    var violations = new ArrayList<Violation>();
                    jobs(inputs).forEach((job, spec) -> {
                        var labels = new ArrayList<String>();
                        var runsOn = spec.path("runs-on");
                        if (runsOn.isTextual()) {
                            labels.add(runsOn.asText());
                        } else if (runsOn.isArray()) {
                            runsOn.forEach(label -> labels.add(label.asText()));
                        } else if (runsOn.isObject()) {
                            labels.add(runsOn.has("group") ? "group " + Json.text(runsOn.path("group")) : "");
                            runsOn.path("labels").forEach(label -> labels.add(label.asText()));
                        }
                        var selfHosted = labels.stream().filter(label -> !GITHUB_HOSTED.matcher(label).matches())
                                .toList();
                        if (!selfHosted.isEmpty()) {
                            violations.add(new Violation("jobs." + job + ".runs-on", "runs a pull request on "
                                    + selfHosted + ", which is (or a variable can make it) a self-hosted runner: the"
                                    + " pull request's code runs on a machine that outlives the job and sits in the"
                                    + " network; run pull requests on ubuntu-latest", String.join(",", selfHosted)));
                        }
                    });
                    return violations;
                });
    }

    static ResourceRule unknownActionOwners() {
        return rule("KURA-GHA-007", HIGH, "Actions come only from trusted owners (" + String.join(", ",
                        new TreeSet<>(TRUSTED_OWNERS)) + ")",
                "zizmor forbidden-uses; GitHub security hardening for Actions (third-party actions)", (workflow, plan) -> {
                    var violations = new ArrayList<Violation>();
                    var uses = new LinkedHashMap<String, String>();
                    jobs(workflow.inputs()).forEach((job, spec) -> {
                        if (spec.has("uses")) {
                            uses.put("jobs." + job + ".uses", Json.text(spec.path("uses")));
                        }
                    });
                    steps(workflow.inputs()).forEach(step -> {
                        if (step.spec().has("uses")) {
                            uses.put(step.path() + ".uses", Json.text(step.spec().path("uses")));
                        }
                    });
                    uses.forEach((path, action) -> {
                        if (action.startsWith("./") || action.startsWith("docker://")) {
                            return;
                        }
                        var owner = action.contains("/") ? action.substring(0, action.indexOf('/')) : action;
                        if (!TRUSTED_OWNERS.contains(owner)) {
                            violations.add(new Violation(path, "uses " + action + " from owner " + owner + ", whom no"
                                    + " review has trusted: the action runs with the job's token, secrets and cloud"
                                    + " identity; use an action of a trusted owner, or add the owner to"
                                    + " WorkflowRules.TRUSTED_OWNERS in a reviewed change", owner));
                        }
                    });
                    return violations;
                });
    }

    static ResourceRule unsecureCommands() {
        return rule("KURA-GHA-008", HIGH, "No workflow re-enables the deprecated set-env and add-path commands",
                "Checkov CKV_GHA_1; zizmor insecure-commands", (workflow, plan) -> {
                    var violations = new ArrayList<Violation>();
                    var inputs = workflow.inputs();
                    var envs = new LinkedHashMap<String, JsonNode>();
                    envs.put("env", inputs.path("env"));
                    jobs(inputs).forEach((job, spec) -> envs.put("jobs." + job + ".env", spec.path("env")));
                    steps(inputs).forEach(step -> envs.put(step.path() + ".env", step.spec().path("env")));
                    envs.forEach((path, env) -> {
                        if (Json.isTrue(env.path("ACTIONS_ALLOW_UNSECURE_COMMANDS"))) {
                            violations.add(new Violation(path + ".ACTIONS_ALLOW_UNSECURE_COMMANDS", "is true: any"
                                    + " line a step prints (a test name, a file name) can set environment variables"
                                    + " and PATH for the steps after it; remove it and write to $GITHUB_ENV"));
                        }
                    });
                    return violations;
                });
    }

    static ResourceRule exfiltration() {
        return rule("KURA-GHA-009", HIGH, "No script sends a secret with curl or wget, or opens netcat to an address",
                "Checkov CKV_GHA_3, CKV_GHA_4", (workflow, plan) -> {
                    var violations = new ArrayList<Violation>();
                    for (var step : steps(workflow.inputs())) {
                        scripts(step).forEach((path, script) -> {
                            for (var line : script.split("\n")) {
                                if (SENDS_A_SECRET.matcher(line).find() || NETCAT_TO_AN_ADDRESS.matcher(line).find()) {
                                    violations.add(new Violation(path, "runs '" + line.strip() + "', the shape of a"
                                            + " secret sent off the runner or a reverse shell; give the secret to the"
                                            + " tool that needs it through env, and reach services by name"));
                                    break;
                                }
                            }
                        });
                    }
                    return violations;
                });
    }
}
