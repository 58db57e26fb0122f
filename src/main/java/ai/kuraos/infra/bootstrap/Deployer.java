package ai.kuraos.infra.bootstrap;

import ai.kuraos.infra.component.KnownValues;
import ai.kuraos.infra.component.KuraComponent;
import ai.kuraos.infra.config.Environment;
import com.pulumi.core.Output;
import com.pulumi.gcp.billing.AccountIamMember;
import com.pulumi.gcp.billing.AccountIamMemberArgs;
import com.pulumi.gcp.kms.CryptoKeyIAMMember;
import com.pulumi.gcp.kms.CryptoKeyIAMMemberArgs;
import com.pulumi.gcp.projects.IAMMember;
import com.pulumi.gcp.projects.IAMMemberArgs;
import com.pulumi.gcp.projects.inputs.IAMMemberConditionArgs;
import com.pulumi.gcp.serviceaccount.Account;
import com.pulumi.gcp.serviceaccount.AccountArgs;
import com.pulumi.gcp.storage.BucketIAMMember;
import com.pulumi.gcp.storage.BucketIAMMemberArgs;
import com.pulumi.gcp.storage.inputs.BucketIAMMemberConditionArgs;

import java.util.Map;

/**
 * {@code kura:bootstrap:Deployer}: the identities CI acts as for one environment. The deployer updates the stack
 * (GitHub environment {@code <env>} on the deployment branch); the drift checker refreshes it every day (GitHub
 * environment {@code <env>-drift}, drift.yml on the deployment branch); the previewer previews it for a pull request
 * (GitHub environment {@code <env>-preview}) where {@link GithubClaims#livePreview} allows one. Each reaches only its
 * stack's files in the state bucket and its environment's key; none can be impersonated by anything but those
 * workflows ({@link GithubClaims#attributeCondition}).
 */
public final class Deployer extends KuraComponent {

    public static final String TYPE = "kura:bootstrap:Deployer";

    private final Account deployer;
    private final Account previewer;
    private final Account driftChecker;

    /** @param platformProject the platform program's Pulumi project, whose stack of {@code environment} it updates */
    public Deployer(String name, BootstrapSettings settings, String platformProject, String environment,
                    StateBackend state, GithubTrust github) {
        super(TYPE, name, settings.target());
        var automationProject = settings.target().project();
        var project = settings.environments().get(environment);
        var bucket = settings.stateBucket().name();

        this.deployer = new Account(accountId("deployer", environment), AccountArgs.builder()
                .project(automationProject)
                .accountId(accountId("deployer", environment))
                .displayName("Kura deployer (" + environment + ")")
                .description("pulumi up and deploy of stack " + environment + " from GitHub Actions, keyless")
                // Protected: a recreated account is a new principal (a new unique id) that loses every grant.
                .build(), protectedChild(github.iamApi()));
        this.previewer = new Account(accountId("previewer", environment), AccountArgs.builder()
                .project(automationProject)
                .accountId(accountId("previewer", environment))
                .displayName("Kura previewer (" + environment + ")")
                .description("pulumi preview of stack " + environment + " for pull requests, keyless, read-only")
                // Protected: a recreated account is a new principal (a new unique id) that loses every grant.
                .build(), protectedChild(github.iamApi()));
        this.driftChecker = new Account(accountId("drift", environment), AccountArgs.builder()
                .project(automationProject)
                .accountId(accountId("drift", environment))
                .displayName("Kura drift checker (" + environment + ")")
                .description("daily pulumi preview --refresh of stack " + environment + " from drift.yml, keyless, read-only")
                // Protected: a recreated account is a new principal (a new unique id) that loses every grant.
                .build(), protectedChild(github.iamApi()));

        for (var grant : DeployerRoles.DEPLOYER) {
            grantOnProject("deployer-" + environment + "-" + shortName(grant.role()), project, grant.role(), deployer, null);
        }
        grantOnProject("deployer-" + environment + "-project-iam-admin", project, DeployerRoles.PROJECT_IAM_ADMIN, deployer,
                IAMMemberConditionArgs.builder()
                        .title("only the roles the program grants")
                        .description("The deployer may grant and revoke exactly the project roles kura-infra grants")
                        .expression(DeployerRoles.delegationCondition(project))
                        .build());
        Environment.byId(environment).flatMap(Environment::releasedFrom)
                .filter(source -> settings.environments().containsKey(source.id()))
                .ifPresent(source -> grantOnProject("deployer-" + environment + "-release-source",
                        settings.environments().get(source.id()), DeployerRoles.RELEASE_SOURCE.role(), deployer, null));
        settings.billingAccount().ifPresent(account -> new AccountIamMember("deployer-" + environment + "-budgets",
                AccountIamMemberArgs.builder()
                        .billingAccountId(account)
                        .role(DeployerRoles.BUDGETS)
                        .member(deployer.member())
                        .build(), child()));
        var stateCondition = DeployerRoles.stateObjectsCondition(bucket, platformProject, environment);
        grantOnState("deployer-" + environment + "-state-objects", state, "roles/storage.objectAdmin", deployer,
                stateCondition, "its stack's state only");
        // Listing objects is a bucket-level permission that conditions on object names cannot narrow; this role lists
        // names without reading any object.
        grantOnState("deployer-" + environment + "-state-list", state, "roles/storage.legacyBucketReader", deployer,
                null, null);
        new CryptoKeyIAMMember("deployer-" + environment + "-secrets", CryptoKeyIAMMemberArgs.builder()
                .cryptoKeyId(state.key(environment).id())
                .role("roles/cloudkms.cryptoKeyEncrypterDecrypter")
                .member(deployer.member())
                .build(), child());
        impersonableBy("deployer-" + environment + "-workload-identity", deployer, github, environment);

        readOnly("drift", environment, project, DeployerRoles.DRIFT, driftChecker, state, stateCondition, github,
                GithubClaims.driftEnvironment(environment));
        // A stack without live previews keeps its (protected) previewer account, with no grant and no one who may act
        // as it: the account's deletion would need its protection lifted first.
        if (GithubClaims.livePreview(environment)) {
            readOnly("previewer", environment, project, DeployerRoles.PREVIEWER, previewer, state, stateCondition,
                    github, GithubClaims.previewEnvironment(environment));
        }

        registerOutputs(Map.of(
                "deployerServiceAccount", deployer.email(),
                "previewerServiceAccount", previewer.email(),
                "driftServiceAccount", driftChecker.email()));
    }

    /** e.g. {@code kura-deployer-staging}: within the 30 characters an account id may have. */
    public static String accountId(String role, String environment) {
        return "kura-" + role + "-" + environment;
    }

    public Output<String> deployerEmail() {
        return deployer.email();
    }

    public Output<String> previewerEmail() {
        return previewer.email();
    }

    public Output<String> driftEmail() {
        return driftChecker.email();
    }

    /** A read-only identity: project roles, its stack's state objects, the key to decrypt them, and who may act as it. */
    private void readOnly(String role, String environment, String project, java.util.List<DeployerRoles.Grant> grants,
                          Account account, StateBackend state, String stateCondition, GithubTrust github,
                          String githubEnvironment) {
        var prefix = role + "-" + environment;
        for (var grant : grants) {
            grantOnProject(prefix + "-" + shortName(grant.role()), project, grant.role(), account, null);
        }
        grantOnState(prefix + "-state-objects", state, "roles/storage.objectViewer", account, stateCondition,
                "its stack's state only");
        grantOnState(prefix + "-state-list", state, "roles/storage.legacyBucketReader", account, null, null);
        new CryptoKeyIAMMember(prefix + "-secrets", CryptoKeyIAMMemberArgs.builder()
                .cryptoKeyId(state.key(environment).id())
                .role("roles/cloudkms.cryptoKeyDecrypter")
                .member(account.member())
                .build(), child());
        impersonableBy(prefix + "-workload-identity", account, github, githubEnvironment);
    }

    private void grantOnProject(String name, String project, String role, Account account, IAMMemberConditionArgs condition) {
        var args = IAMMemberArgs.builder().project(project).role(role).member(account.member());
        if (condition != null) {
            args.condition(condition);
        }
        new IAMMember(name, args.build(), child());
    }

    private void grantOnState(String name, StateBackend state, String role, Account account, String condition,
                              String conditionTitle) {
        var args = BucketIAMMemberArgs.builder().bucket(state.bucket().name()).role(role).member(account.member());
        if (condition != null) {
            args.condition(BucketIAMMemberConditionArgs.builder().title(conditionTitle).expression(condition).build());
        }
        new BucketIAMMember(name, args.build(), child());
    }

    private void impersonableBy(String name, Account account, GithubTrust github, String githubEnvironment) {
        new com.pulumi.gcp.serviceaccount.IAMMember(name, com.pulumi.gcp.serviceaccount.IAMMemberArgs.builder()
                .serviceAccountId(account.name())
                .role("roles/iam.workloadIdentityUser")
                .member(github.poolName().applyValue(pool ->
                        GithubClaims.environmentMembers(KnownValues.orEmpty(pool), githubEnvironment)))
                .build(), child());
    }

    /** {@code roles/compute.networkAdmin} becomes {@code compute-network-admin}. */
    static String shortName(String role) {
        return role.substring(role.lastIndexOf('/') + 1).replaceAll("([a-z])([A-Z])", "$1-$2").replace('.', '-')
                .toLowerCase();
    }
}
