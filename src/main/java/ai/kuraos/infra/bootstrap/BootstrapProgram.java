package ai.kuraos.infra.bootstrap;

import ai.kuraos.infra.config.StackConfigValues;
import com.pulumi.Context;
import com.pulumi.core.Output;

import java.util.Map;
import java.util.TreeMap;

/**
 * The bootstrap program ({@code bootstrap/Pulumi.yaml}, project {@value #PROJECT}): what must exist before the
 * platform's stacks can be updated from CI. A platform engineer runs it once, with a local state backend, and
 * again whenever its settings change.
 */
public final class BootstrapProgram {

    public static final String PROJECT = "kura-bootstrap";

    private BootstrapProgram() {
    }

    /** @param platformProject the platform program's Pulumi project, whose stacks the deployers update */
    public static void define(Context ctx, BootstrapSettings settings, String platformProject) {
        settings.configWarnings().forEach(ctx.log()::warn);
        var state = new StateBackend("state", settings);
        var github = new GithubTrust("github", settings);
        var deployers = new TreeMap<String, Output<String>>();
        var previewers = new TreeMap<String, Output<String>>();
        var driftCheckers = new TreeMap<String, Output<String>>();
        for (var environment : settings.environments().keySet()) {
            new ProjectRoles("project-roles-" + environment, settings, environment);
            var deployer = new Deployer("deployer-" + environment, settings, platformProject, environment, state, github);
            deployers.put(environment, deployer.deployerEmail());
            if (GithubClaims.livePreview(environment)) {
                previewers.put(environment, deployer.previewerEmail());
            }
            driftCheckers.put(environment, deployer.driftEmail());
        }

        ctx.export("stateBackendUrl", Output.of(settings.stateBucket().url()));
        ctx.export("secretsProviders", Output.of(Map.copyOf(StateBackend.secretsProviders(settings))));
        ctx.export("workloadIdentityProvider", github.providerName());
        ctx.export("deployerServiceAccounts", Output.all(deployers.values())
                .applyValue(emails -> zip(deployers.keySet(), emails)));
        ctx.export("driftServiceAccounts", Output.all(driftCheckers.values())
                .applyValue(emails -> zip(driftCheckers.keySet(), emails)));
        ctx.export("previewerServiceAccounts", Output.all(previewers.values())
                .applyValue(emails -> zip(previewers.keySet(), emails)));
    }

    /**
     * Under {@code pulumi preview/up}: configuration comes from the language host's environment, and placeholder
     * repository ids are refused ({@link BootstrapSettingsParser#parseForRealRun}).
     */
    public static void define(Context ctx, String platformProject) {
        define(ctx, BootstrapSettingsParser.parseForRealRun(ctx.stackName(),
                StackConfigValues.fromEngineEnvironment(System.getenv())), platformProject);
    }

    private static Map<String, String> zip(java.util.Set<String> environments, java.util.List<String> emails) {
        var byEnvironment = new TreeMap<String, String>();
        var email = emails.iterator();
        environments.forEach(environment -> byEnvironment.put(environment, String.valueOf(email.next())));
        return byEnvironment;
    }
}
