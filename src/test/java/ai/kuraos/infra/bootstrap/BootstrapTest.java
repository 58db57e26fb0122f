package ai.kuraos.infra.bootstrap;

import ai.kuraos.infra.platform.ProjectApis;
import ai.kuraos.infra.config.InvalidConfigException;
import ai.kuraos.infra.config.StackConfigValues;
import ai.kuraos.infra.testing.ResourceAssert;
import ai.kuraos.infra.testing.SynthesizedStack;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The bootstrap stack: the state backend, the GitHub trust and each environment's deployer and previewer. */
class BootstrapTest {

    private static final String PROJECT_IAM = "gcp:projects/iAMMember:IAMMember";
    private static final String ACCOUNT_IAM = "gcp:serviceaccount/iAMMember:IAMMember";
    private static final String BUCKET_IAM = "gcp:storage/bucketIAMMember:BucketIAMMember";
    private static final String KEY_IAM = "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember";
    private static final List<String> PRIMITIVE_ROLES = List.of("roles/owner", "roles/editor", "roles/viewer");

    private final SynthesizedStack ops = SynthesizedStack.bootstrap("ops");

    private static StackConfigValues committed() {
        return StackConfigValues.fromStackFile(SynthesizedStack.BOOTSTRAP.stackConfigFile("ops"));
    }

    @Test
    void keepsStateInAPrivateVersionedBucketThatKeepsOldVersionsForAWhile() {
        ops.resource("gcp:storage/bucket:Bucket", "pulumi-state")
                .hasInput("name", "kura-os-pulumi-state")
                .hasInput("project", "kura-os-iac")
                .hasInput("uniformBucketLevelAccess", true)
                .hasInput("publicAccessPrevention", "enforced")
                .hasInput("versioning.enabled", true)
                .hasInput("lifecycleRules[0].action.type", "Delete")
                .hasInput("lifecycleRules[0].condition", Map.of("withState", "ARCHIVED", "daysSinceNoncurrentTime", 90))
                .isProtected();
        assertThat(ops.output("stateBackendUrl").asText()).isEqualTo("gs://kura-os-pulumi-state");
    }

    @Test
    void encryptsEachEnvironmentsSecretsWithAKeyOfItsOwnThatRotates() {
        ops.resource("gcp:kms/keyRing:KeyRing", "pulumi-secrets").hasInput("name", "pulumi")
                .hasInput("location", "europe-southwest1");
        for (var environment : List.of("dev", "staging", "prod")) {
            ops.resource("gcp:kms/cryptoKey:CryptoKey", "pulumi-secrets-" + environment)
                    .hasInput("name", "kura-" + environment)
                    .hasInput("purpose", "ENCRYPT_DECRYPT")
                    .hasInput("rotationPeriod", "7776000s")
                    .isProtected();
            assertThat(ops.output("secretsProviders").path(environment).asText()).isEqualTo("gcpkms://projects/kura-os-iac/"
                    + "locations/europe-southwest1/keyRings/pulumi/cryptoKeys/kura-" + environment);
        }
    }

    @Test
    void trustsGithubTokensOfThisRepositoryByIdOnlyFromItsDeployDriftAndPreviewWorkflowsAndTheirEvents() {
        var provider = ops.resource("gcp:iam/workloadIdentityPoolProvider:WorkloadIdentityPoolProvider", "github-provider");
        var workflows = "kura-os/kura-infra/.github/workflows/";
        provider.hasInput("oidc.issuerUri", "https://token.actions.githubusercontent.com")
                .hasInput("attributeCondition", "assertion.repository_id == '734218906'"
                        + " && assertion.repository_owner_id == '151742118'"
                        + " && has(assertion.environment)"
                        + " && ((assertion.environment in ['dev', 'prod', 'staging'] && assertion.ref == 'refs/heads/main'"
                        + " && assertion.event_name in ['workflow_run', 'workflow_dispatch']"
                        + " && assertion.job_workflow_ref in ['" + workflows + "deploy.yml@refs/heads/main', '"
                        + workflows + "release.yml@refs/heads/main', '" + workflows + "rollback.yml@refs/heads/main'])"
                        + " || (assertion.environment in ['dev-drift', 'prod-drift', 'staging-drift']"
                        + " && assertion.ref == 'refs/heads/main' && assertion.event_name in ['schedule', 'workflow_dispatch']"
                        + " && assertion.job_workflow_ref == '" + workflows + "drift.yml@refs/heads/main')"
                        + " || (assertion.environment in ['dev-preview', 'staging-preview']"
                        + " && assertion.event_name == 'pull_request'"
                        + " && assertion.job_workflow_ref.startsWith('" + workflows + "pull-request.yml@refs/pull/')))");
        assertThat(provider.input("attributeMapping").path("attribute.environment").asText())
                .isEqualTo("has(assertion.environment) ? assertion.environment : ''");
        assertThat(ops.resources("gcp:iam/workloadIdentityPoolProvider:WorkloadIdentityPoolProvider")).hasSize(1);
    }

    @Test
    void letsEachGithubEnvironmentImpersonateOnlyItsOwnAccount() {
        var bindings = ops.resources(ACCOUNT_IAM);

        assertThat(bindings).hasSize(8).allSatisfy(binding -> assertThat(binding.input("role").asText())
                .isEqualTo("roles/iam.workloadIdentityUser"));
        for (var environment : List.of("dev", "staging", "prod")) {
            ops.resource(ACCOUNT_IAM, "deployer-" + environment + "-workload-identity")
                    .hasInput("serviceAccountId", "${kura-deployer-" + environment + ".name}")
                    .hasInput("member", "principalSet://iam.googleapis.com/${github-pool.name}/attribute.environment/"
                            + environment);
            ops.resource(ACCOUNT_IAM, "drift-" + environment + "-workload-identity")
                    .hasInput("serviceAccountId", "${kura-drift-" + environment + ".name}")
                    .hasInput("member", "principalSet://iam.googleapis.com/${github-pool.name}/attribute.environment/"
                            + environment + "-drift");
        }
        for (var environment : List.of("dev", "staging")) {
            ops.resource(ACCOUNT_IAM, "previewer-" + environment + "-workload-identity")
                    .hasInput("serviceAccountId", "${kura-previewer-" + environment + ".name}")
                    .hasInput("member", "principalSet://iam.googleapis.com/${github-pool.name}/attribute.environment/"
                            + environment + "-preview");
        }
    }

    @Test
    void grantsTheDeployerTheRolesAnUpdateNeedsOnItsOwnProjectAndNeverAPrimitiveOne() {
        var prodGrants = grantsOf("${kura-deployer-prod.member}").stream()
                .filter(grant -> !grant.input("project").asText().equals("kura-os-staging")).toList();

        assertThat(prodGrants).allSatisfy(grant -> assertThat(grant.input("project").asText()).isEqualTo("kura-os"));
        assertThat(prodGrants).extracting(grant -> grant.input("role").asText())
                .containsExactlyInAnyOrderElementsOf(roles(DeployerRoles.DEPLOYER, DeployerRoles.PROJECT_IAM_ADMIN))
                .doesNotContainAnyElementsOf(PRIMITIVE_ROLES);
        assertThat(grantsOf("${kura-deployer-dev.member}"))
                .allSatisfy(grant -> assertThat(grant.input("project").asText()).isEqualTo("kura-os-dev"));
    }

    @Test
    void letsEachDeployerReadOnlyTheImagesOfTheStackItsReleasesComeFrom() {
        ops.resource(PROJECT_IAM, "deployer-staging-release-source")
                .hasInput("project", "kura-os-dev")
                .hasInput("role", "roles/artifactregistry.reader")
                .hasInput("member", "${kura-deployer-staging.member}");
        ops.resource(PROJECT_IAM, "deployer-prod-release-source")
                .hasInput("project", "kura-os-staging")
                .hasInput("role", "roles/artifactregistry.reader")
                .hasInput("member", "${kura-deployer-prod.member}");
        assertThat(grantsOf("${kura-deployer-prod.member}"))
                .filteredOn(grant -> grant.input("project").asText().equals("kura-os-staging"))
                .extracting(grant -> grant.input("role").asText())
                .containsExactly("roles/artifactregistry.reader");
        assertThat(grantsOf("${kura-deployer-prod.member}"))
                .noneMatch(grant -> grant.input("project").asText().equals("kura-os-dev"));
    }

    @Test
    void letsTheDeployerGrantOnlyTheRolesTheProgramGrants() {
        ops.resource(PROJECT_IAM, "deployer-prod-project-iam-admin")
                .hasInput("role", "roles/resourcemanager.projectIamAdmin")
                .hasInput("condition.expression", "api.getAttribute('iam.googleapis.com/modifiedGrantsByRole', [])"
                        + ".hasOnly(['roles/cloudprofiler.agent', 'roles/cloudsql.client', 'roles/cloudtrace.agent',"
                        + " 'roles/logging.logWriter', 'roles/monitoring.metricWriter',"
                        + " 'projects/kura-os/roles/kuraCdnPurger'])");
    }

    @Test
    void delegatesEveryProjectRoleThePlatformProgramGrantsInEveryStack() {
        for (var stack : List.of("dev", "staging", "prod")) {
            var granted = new TreeSet<String>();
            SynthesizedStack.of(stack).resources(PROJECT_IAM).forEach(grant -> granted.add(grant.input("role").asText()));
            var project = SynthesizedStack.of(stack).resource(PROJECT_IAM, "backend-log-writer").input("project").asText();

            assertThat(DeployerRoles.delegable(project)).as(stack).containsExactlyInAnyOrderElementsOf(granted);
        }
    }

    /**
     * Defect: a deployer with roles/iam.roleAdmin could add setIamPolicy to kuraCdnPurger, a role it may grant, and
     * grant it to itself. The bootstrap defines the role in each environment's project; no deployer may edit it.
     */
    @Test
    void ownsTheCustomRolesThePlatformGrantsSoThatNoDeployerCanEditThem() {
        var projects = Map.of("dev", "kura-os-dev", "staging", "kura-os-staging", "prod", "kura-os");
        for (var environment : List.of("dev", "staging", "prod")) {
            var project = projects.get(environment);
            ops.resource("gcp:projects/iAMCustomRole:IAMCustomRole", "kura-cdn-purger-" + environment)
                    .hasInput("project", project)
                    .hasInput("roleId", "kuraCdnPurger")
                    .hasInput("permissions", List.of("compute.urlMaps.invalidateCache"))
                    .dependsOn("api-iam-" + environment)
                    .isProtected();
            ops.resource("gcp:projects/service:Service", "api-iam-" + environment)
                    .hasInput("project", project)
                    .hasInput("service", "iam.googleapis.com")
                    .hasInput("disableOnDestroy", false);
            assertThat(grantsOf("${kura-deployer-" + environment + ".member}"))
                    .extracting(grant -> grant.input("role").asText())
                    .doesNotContain("roles/iam.roleAdmin", "roles/iam.organizationRoleAdmin", "roles/iam.securityAdmin");
        }
    }

    @Test
    void refusesARealRunWhileTheRepositoryIdsArePlaceholders() {
        assertThat(BootstrapSettingsParser.parse("ops", committed()).github().idsArePlaceholders()).isTrue();

        assertThatThrownBy(() -> BootstrapSettingsParser.parseForRealRun("ops", committed()))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("kura-bootstrap:github.idsArePlaceholders: is true")
                .hasMessageContaining("gh api repos/<owner>/<name> --jq '.id, .owner.id'");
    }

    @Test
    void runsForRealOnceTheIdsAreReadAndThePlaceholderMarkIsGone() {
        var values = new HashMap<>(committed().values());
        values.put("kura-bootstrap:github", "{\"repository\":\"kura-os/kura-infra\",\"repositoryId\":\"734218906\","
                + "\"ownerId\":\"151742118\"}");

        var settings = BootstrapSettingsParser.parseForRealRun("ops", new StackConfigValues(values, committed().secretKeys()));

        assertThat(settings.github().idsArePlaceholders()).isFalse();
        assertThat(settings.configWarnings()).noneMatch(warning -> warning.contains("placeholders"));
    }

    @Test
    void keepsTheDeployerAndPreviewerToTheirStacksStateAndKey() {
        ops.resource(BUCKET_IAM, "deployer-staging-state-objects")
                .hasInput("role", "roles/storage.objectAdmin")
                .hasInput("member", "${kura-deployer-staging.member}")
                .hasInput("condition.expression", "resource.name.startsWith('projects/_/buckets/kura-os-pulumi-state/objects/"
                        + ".pulumi/meta.yaml') || resource.name.startsWith('projects/_/buckets/kura-os-pulumi-state/"
                        + "objects/.pulumi/stacks/kura-infra/staging.') || resource.name.startsWith('projects/_/buckets/"
                        + "kura-os-pulumi-state/objects/.pulumi/history/kura-infra/staging/') || resource.name.startsWith("
                        + "'projects/_/buckets/kura-os-pulumi-state/objects/.pulumi/backups/kura-infra/staging/') || "
                        + "resource.name.startsWith('projects/_/buckets/kura-os-pulumi-state/objects/.pulumi/journal/"
                        + "kura-infra/staging/') || resource.name.startsWith('projects/_/buckets/kura-os-pulumi-state/"
                        + "objects/.pulumi/locks/organization/kura-infra/staging/') || resource.name.startsWith("
                        + "'projects/_/buckets/kura-os-pulumi-state/objects/.kura-infra/rollout-lease/staging.json')");
        ops.resource(BUCKET_IAM, "previewer-staging-state-objects").hasInput("role", "roles/storage.objectViewer");
        ops.resource(BUCKET_IAM, "previewer-staging-state-list").hasInput("role", "roles/storage.legacyBucketReader")
                .hasNoInput("condition");
        ops.resource(KEY_IAM, "deployer-staging-secrets")
                .hasInput("cryptoKeyId", "${pulumi-secrets-staging.id}")
                .hasInput("role", "roles/cloudkms.cryptoKeyEncrypterDecrypter");
        ops.resource(KEY_IAM, "previewer-staging-secrets")
                .hasInput("cryptoKeyId", "${pulumi-secrets-staging.id}")
                .hasInput("role", "roles/cloudkms.cryptoKeyDecrypter");
    }

    /**
     * Defect: CI cannot lock its stack. The DIY backend writes a stack's lock to
     * {@code .pulumi/locks/<FullyQualifiedName>/<id>.json}, and a project stack's fully qualified name is
     * {@code organization/<project>/<stack>} (pulumi/pulumi pkg/backend/diy lock.go, state.go): these are the
     * objects every {@code pulumi up} of CI writes and deletes, and the rollout lease {@code deploy} holds, checked
     * against the condition as IAM evaluates it.
     */
    @Test
    void ciCanLockItsStack() {
        var condition = ops.resource(BUCKET_IAM, "deployer-prod-state-objects").input("condition.expression").asText();
        var objects = "projects/_/buckets/kura-os-pulumi-state/objects/";
        for (var written : List.of(
                ".pulumi/locks/organization/kura-infra/prod/6d2c9a1e-0b7f-4e55-9d1a-3f1f0c2b8e77.json",
                ".pulumi/stacks/kura-infra/prod.json",
                ".pulumi/stacks/kura-infra/prod.json.bak",
                ".pulumi/history/kura-infra/prod/prod-1764578400000000000.history.json",
                ".pulumi/backups/kura-infra/prod/prod.1764578400000000000.json",
                ".pulumi/meta.yaml",
                ".kura-infra/rollout-lease/prod.json")) {
            assertThat(allowsByPrefix(condition, objects + written)).as(written).isTrue();
        }
        for (var foreign : List.of(
                ".pulumi/locks/organization/kura-infra/staging/6d2c9a1e.json",
                ".pulumi/stacks/kura-infra/staging.json",
                ".pulumi/stacks/kura-bootstrap/ops.json",
                ".kura-infra/rollout-lease/staging.json")) {
            assertThat(allowsByPrefix(condition, objects + foreign)).as(foreign).isFalse();
        }
    }

    /**
     * Defect: the deployers' client-library calls (project IAM through Resource Manager, API enablement through
     * Service Usage, budgets through Billing Budgets) are billed to the automation project, where those APIs were off,
     * so the first update of every stack failed with SERVICE_DISABLED on the ops project.
     */
    @Test
    void theDeployersClientCallsAreBilledToAnAutomationProjectThatHasTheirApisOn() {
        for (var service : List.of("cloudresourcemanager.googleapis.com", "billingbudgets.googleapis.com")) {
            ops.resource("gcp:projects/service:Service", ProjectApis.logicalName(service))
                    .hasInput("service", service)
                    .hasInput("project", ops.resource("gcp:projects/service:Service", "api-iam").input("project"));
        }
    }

    /** Defect: the bootstrap's service accounts race the IAM API being enabled in the same run. */
    @Test
    void serviceAccountsWaitForTheIamApiTheSameRunEnables() {
        ops.resource("gcp:projects/service:Service", "api-iam").hasInput("service", "iam.googleapis.com");
        for (var environment : List.of("dev", "staging", "prod")) {
            for (var role : List.of("deployer", "previewer")) {
                ops.resource("gcp:serviceaccount/account:Account", "kura-" + role + "-" + environment)
                        .dependsOn("api-iam");
            }
        }
    }

    /** A condition made of {@code resource.name.startsWith('...')} terms joined by {@code ||}, evaluated on a name. */
    private static boolean allowsByPrefix(String condition, String objectName) {
        var matcher = java.util.regex.Pattern.compile("resource\\.name\\.startsWith\\('([^']*)'\\)").matcher(condition);
        var allowed = false;
        while (matcher.find()) {
            allowed |= objectName.startsWith(matcher.group(1));
        }
        return allowed;
    }

    @Test
    void givesThePreviewerReadOnlyRoles() {
        assertThat(grantsOf("${kura-previewer-staging.member}")).extracting(grant -> grant.input("role").asText())
                .containsExactlyInAnyOrder("roles/browser", "roles/container.viewer", "roles/gkehub.viewer",
                        "roles/gkehub.gatewayReader");
    }

    /** Defect: prod's previewer decrypted all of prod's state, and a pull request from any branch could act as it. */
    @Test
    void noPreviewIdentityReachesProdsStateOrKey() {
        var prodKey = "${pulumi-secrets-prod.id}";
        assertThat(ops.resources(KEY_IAM)).filteredOn(grant -> grant.input("cryptoKeyId").asText().equals(prodKey))
                .extracting(grant -> grant.input("member").asText())
                .containsExactlyInAnyOrder("${kura-deployer-prod.member}", "${kura-drift-prod.member}");
        assertThat(ops.resources(ACCOUNT_IAM)).extracting(binding -> binding.input("member").asText())
                .noneMatch(member -> member.endsWith("/attribute.environment/prod-preview"));
        assertThat(grantsOf("${kura-previewer-prod.member}")).isEmpty();
        assertThat(ops.resources(BUCKET_IAM)).extracting(grant -> grant.input("member").asText())
                .doesNotContain("${kura-previewer-prod.member}");
    }

    @Test
    void givesTheDriftCheckerTheReadsARefreshTakesAndNoWrite() {
        assertThat(grantsOf("${kura-drift-prod.member}")).extracting(grant -> grant.input("role").asText())
                .containsExactlyInAnyOrder("roles/viewer", "roles/secretmanager.secretAccessor",
                        "roles/gkehub.gatewayReader");
        ops.resource(KEY_IAM, "drift-prod-secrets").hasInput("role", "roles/cloudkms.cryptoKeyDecrypter");
        ops.resource(BUCKET_IAM, "drift-prod-state-objects").hasInput("role", "roles/storage.objectViewer");
    }

    @Test
    void failsWhenTheRepositoryIdsAreMissingOrNotNumbers() {
        var values = new HashMap<>(committed().values());
        values.put("kura-bootstrap:github", "{\"repository\":\"kura-os/kura-infra\",\"repositoryId\":\"kura-infra\"}");

        assertThatThrownBy(() -> BootstrapSettingsParser.parse("ops", new StackConfigValues(values, committed().secretKeys())))
                .hasMessageContaining("kura-bootstrap:github.repositoryId: got \"kura-infra\"")
                .hasMessageContaining("kura-bootstrap:github.ownerId: missing");
    }

    @Test
    void exportsWhatCiAndTheStacksNeed() {
        assertThat(ops.plan().outputs().fieldNames()).toIterable().containsExactly("deployerServiceAccounts",
                "driftServiceAccounts", "previewerServiceAccounts", "secretsProviders", "stateBackendUrl", "workloadIdentityProvider");
        assertThat(ops.output("deployerServiceAccounts").path("prod").asText()).isEqualTo("${kura-deployer-prod.email}");
    }

    @Test
    void failsWhenTwoEnvironmentsShareAProject() {
        var values = new HashMap<>(committed().values());
        values.put("kura-bootstrap:environments", "{\"dev\":\"kura-os\",\"staging\":\"kura-os-staging\",\"prod\":\"kura-os\"}");

        assertThatThrownBy(() -> BootstrapSettingsParser.parse("ops", new StackConfigValues(values, committed().secretKeys())))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("kura-bootstrap:environments.prod: got \"kura-os\", the project of dev too");
    }

    @Test
    void failsWhenTheRepositoryIsMissingOrAnEnvironmentHasNoProject() {
        var values = new HashMap<>(committed().values());
        values.remove("kura-bootstrap:github");
        values.put("kura-bootstrap:environments", "{\"dev\":\"kura-os-dev\",\"prod\":\"kura-os\"}");

        assertThatThrownBy(() -> BootstrapSettingsParser.parse("ops", new StackConfigValues(values, committed().secretKeys())))
                .hasMessageContaining("kura-bootstrap:github.repository: missing")
                .hasMessageContaining("kura-bootstrap:environments.staging: missing");
    }

    @Test
    void refusesPlatformSettingsInTheBootstrapStack() {
        var values = new HashMap<>(committed().values());
        values.put("kura-infra:environment", "prod");

        assertThatThrownBy(() -> BootstrapSettingsParser.parse("ops", new StackConfigValues(values, committed().secretKeys())))
                .hasMessageContaining("kura-infra:environment: unknown namespace 'kura-infra'");
    }

    private List<ResourceAssert> grantsOf(String member) {
        return ops.resources(PROJECT_IAM).stream().filter(grant -> grant.input("member").asText().equals(member)).toList();
    }

    private static List<String> roles(List<DeployerRoles.Grant> grants, String... more) {
        var roles = new java.util.ArrayList<>(grants.stream().map(DeployerRoles.Grant::role).toList());
        roles.addAll(List.of(more));
        return roles;
    }

    @Test
    void protectsTheStateItsKeysAndTheIdentitiesButNoGrant() {
        ops.resource("gcp:storage/bucket:Bucket", "pulumi-state").isProtected();
        ops.resource("gcp:kms/keyRing:KeyRing", "pulumi-secrets").isProtected();
        assertThat(ops.resources("gcp:kms/cryptoKey:CryptoKey")).isNotEmpty().allSatisfy(ResourceAssert::isProtected);
        assertThat(ops.resources("gcp:serviceaccount/account:Account")).isNotEmpty().allSatisfy(ResourceAssert::isProtected);
        ops.resource("gcp:iam/workloadIdentityPool:WorkloadIdentityPool", "github-pool").isProtected();
        for (var grants : List.of(PROJECT_IAM, ACCOUNT_IAM, BUCKET_IAM, KEY_IAM)) {
            assertThat(ops.resources(grants)).as(grants).isNotEmpty().allSatisfy(ResourceAssert::isNotProtected);
        }
    }
}
