package ai.kuraos.infra.cli;

import ai.kuraos.infra.testing.SynthesizedStack;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The violations a security review plants in copies of the rendered plans and workflows: each makes `policy --all` fail
 * with a finding that names the rule, the stack and the resource; the correct configurations beside them pass.
 */
class PlantedViolationsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TODAY = "2026-12-01";
    private static final String BOOTSTRAP = "bootstrap/stacks/ops/plan.json";
    private static final String PROD = "stacks/prod/plan.json";
    // Prod's adopted instance keeps its live flags (none) until its own step: the database's plants go to staging.
    private static final String STAGING = "stacks/staging/plan.json";
    private static final String PROJECT_MEMBER = "gcp:projects/iAMMember:IAMMember";
    private static final String FIREWALL = "gcp:compute/firewall:Firewall";

    @TempDir
    Path project;

    @BeforeEach
    void copyTheProjectWithItsPlansWorkflowsAndWaivers() throws IOException {
        SynthesizedStack.copyProjectTo(project);
        for (var tree : List.of("stacks", "bootstrap/stacks", ".github/workflows")) {
            PolicyCommandTest.copyTree(SynthesizedStack.PROJECT_ROOT.resolve(tree), project.resolve(tree));
        }
    }

    /** A change to the copy, and the finding it must cause: rule, stack and resource. */
    record Planted(String violation, Change change, String rule, String stack, String resource) {
        @Override
        public String toString() {
            return violation;
        }
    }

    @FunctionalInterface
    interface Change {
        void apply(PlantedViolationsTest copy) throws IOException;
    }

    static List<Planted> violations() {
        return List.of(
                // IAM semantics
                new Planted("roles/owner through an authoritative project policy", copy -> copy.add(BOOTSTRAP,
                        "gcp:projects/iAMPolicy:IAMPolicy", "project-policy", "{'project':'kura-os','policyData':"
                                + "'{\\'bindings\\':[{\\'role\\':\\'roles/owner\\',\\'members\\':[\\'group:ops@kuraos.ai\\']}]}'}"),
                        "KURA-IAM-001", "bootstrap/ops", "project-policy"),
                new Planted("an authoritative project policy", copy -> copy.add(BOOTSTRAP,
                        "gcp:projects/iAMPolicy:IAMPolicy", "project-policy", "{'project':'kura-os','policyData':"
                                + "'{\\'bindings\\':[{\\'role\\':\\'roles/run.viewer\\',\\'members\\':[\\'group:ops@kuraos.ai\\']}]}'}"),
                        "KURA-IAM-007", "bootstrap/ops", "project-policy"),
                new Planted("a provider condition on assertion.repository_owner", copy -> copy.edit(BOOTSTRAP,
                        "github-provider", inputs -> inputs.put("attributeCondition",
                                "assertion.repository_owner == 'kura-os' && assertion.ref == 'refs/heads/main'")),
                        "KURA-IAM-006", "bootstrap/ops", "github-provider"),
                new Planted("a deployer impersonable by every identity of the pool", copy -> copy.edit(BOOTSTRAP,
                        "deployer-prod-workload-identity", inputs -> inputs.put("member",
                                "principalSet://iam.googleapis.com/${github-pool.name}/*")),
                        "KURA-IAM-008", "bootstrap/ops", "deployer-prod-workload-identity"),
                new Planted("roles/iam.securityAdmin for a personal account", copy -> copy.add(BOOTSTRAP,
                        PROJECT_MEMBER, "ops-security-admin", "{'project':'kura-os','role':'roles/iam.securityAdmin',"
                                + "'member':'user:someone@gmail.com'}"),
                        "KURA-IAM-011", "bootstrap/ops", "ops-security-admin"),
                new Planted("a project-wide secretAccessor narrowed by an always-true condition", copy -> copy.add(PROD,
                        PROJECT_MEMBER, "backend-all-secrets", "{'project':'kura-os','role':"
                                + "'roles/secretmanager.secretAccessor','member':'serviceAccount:x@kura-os.iam.gserviceaccount.com',"
                                + "'condition':{'title':'temporary','expression':'request.time < timestamp(\\'2099-01-01T00:00:00Z\\')'}}"),
                        "KURA-IAM-005", "prod", "backend-all-secrets"),
                new Planted("an always-true condition", copy -> copy.add(PROD, PROJECT_MEMBER, "backend-all-secrets",
                        "{'project':'kura-os','role':'roles/secretmanager.secretAccessor','member':"
                                + "'serviceAccount:x@kura-os.iam.gserviceaccount.com','condition':{'title':'temporary',"
                                + "'expression':'request.time < timestamp(\\'2099-01-01T00:00:00Z\\')'}}"),
                        "KURA-IAM-009", "prod", "backend-all-secrets"),
                new Planted("the prod deployer's projectIamAdmin losing its condition", copy -> copy.edit(BOOTSTRAP,
                        "deployer-prod-project-iam-admin", inputs -> inputs.remove("condition")),
                        "KURA-IAM-011", "bootstrap/ops", "deployer-prod-project-iam-admin"),
                new Planted("roles/cloudkms.admin added to a deployer, under the admin-roles waiver", copy -> copy.add(
                        BOOTSTRAP, PROJECT_MEMBER, "deployer-prod-cloudkms-admin", "{'project':'kura-os','role':"
                                + "'roles/cloudkms.admin','member':'${kura-deployer-prod.member}'}"),
                        "KURA-IAM-002", "bootstrap/ops", "deployer-prod-cloudkms-admin"),
                new Planted("roles/iam.serviceAccountKeyAdmin added to a deployer, under the impersonation waiver",
                        copy -> copy.add(BOOTSTRAP, PROJECT_MEMBER, "deployer-prod-iam-service-account-key-admin",
                                "{'project':'kura-os','role':'roles/iam.serviceAccountKeyAdmin','member':"
                                        + "'${kura-deployer-prod.member}'}"),
                        "KURA-IAM-003", "bootstrap/ops", "deployer-prod-iam-service-account-key-admin"),
                // Escalation paths of a deployer (issue 24)
                new Planted("roles/iam.roleAdmin given back to a deployer", copy -> copy.add(BOOTSTRAP, PROJECT_MEMBER,
                        "deployer-prod-iam-role-admin", "{'project':'kura-os','role':'roles/iam.roleAdmin','member':"
                                + "'${kura-deployer-prod.member}'}"),
                        "KURA-IAM-011", "bootstrap/ops", "deployer-prod-iam-role-admin"),
                new Planted("the prod deployer's delegation widened to serviceAccountUser", copy -> copy.edit(BOOTSTRAP,
                        "deployer-prod-project-iam-admin", inputs -> ((ObjectNode) inputs.path("condition")).put(
                                "expression", "api.getAttribute('iam.googleapis.com/modifiedGrantsByRole', [])"
                                        + ".hasOnly(['roles/logging.logWriter', 'roles/iam.serviceAccountUser'])")),
                        "KURA-IAM-025", "bootstrap/ops", "deployer-prod-project-iam-admin"),
                new Planted("the CDN purger role given setIamPolicy", copy -> copy.edit(BOOTSTRAP,
                        "kura-cdn-purger-prod", inputs -> ((ArrayNode)
                                inputs.path("permissions")).add("resourcemanager.projects.setIamPolicy")),
                        "KURA-IAM-026", "bootstrap/ops", "kura-cdn-purger-prod"),
                // Network edge cases
                new Planted("an ingress firewall rule without sourceRanges", copy -> copy.add(PROD, FIREWALL,
                        "allow-ssh", "{'network':'${kura-vpc.id}','direction':'INGRESS','allows':[{'protocol':'tcp',"
                                + "'ports':['22']}]}"),
                        "KURA-NET-012", "prod", "allow-ssh"),
                new Planted("the internet as 0.0.0.0/1 and 128.0.0.0/1", copy -> copy.add(PROD, FIREWALL, "allow-ssh",
                        "{'network':'${kura-vpc.id}','direction':'INGRESS','allows':[{'protocol':'tcp','ports':['22']}],"
                                + "'sourceRanges':['0.0.0.0/1','128.0.0.0/1']}"),
                        "KURA-NET-012", "prod", "allow-ssh"),
                new Planted("GKE gcpPublicCidrsAccessEnabled", copy -> copy.edit(PROD, "kura-gke", inputs ->
                                ((ObjectNode) inputs.path("masterAuthorizedNetworksConfig"))
                                        .put("gcpPublicCidrsAccessEnabled", true)),
                        "KURA-GKE-002", "prod", "kura-gke"),
                // Data
                new Planted("a BigQuery dataset shared with allAuthenticatedUsers", copy -> copy.add(PROD,
                        "gcp:bigquery/dataset:Dataset", "pii-exports", "{'datasetId':'pii_exports','location':"
                                + "'europe-southwest1','accesses':[{'role':'READER','specialGroup':'allAuthenticatedUsers'}]}"),
                        "KURA-GCP-007", "prod", "pii-exports"),
                new Planted("a new bucket of PII exports without CMEK", copy -> copy.addCopyOf(PROD, "kura-backups",
                                "kura-pii-exports"),
                        "KURA-GCP-031", "prod", "kura-pii-exports"),
                new Planted("log_statement=all", copy -> copy.edit(STAGING, "kura-primary", inputs -> {
                    for (var flag : inputs.path("settings").path("databaseFlags")) {
                        if (flag.path("name").asText().equals("log_statement")) {
                            ((ObjectNode) flag).put("value", "all");
                        }
                    }
                }), "KURA-SQL-013", "staging", "kura-primary"),
                new Planted("Kafka credentials as environment variables", copy -> copy.edit(PROD,
                        "inference-deployment", inputs -> ((ObjectNode) inputs.at("/spec/template/spec/containers/0"))
                                .withArray("env").addObject().put("name", "KAFKA_SASL_PASSWORD").putObject("valueFrom")
                                .putObject("secretKeyRef").put("name", "inference-kafka-user").put("key", "password")),
                        "KURA-K8S-016", "prod", "inference-deployment"),
                // Kubernetes
                new Planted("the default-deny NetworkPolicy replaced by an allow-all one", copy -> copy.edit(PROD,
                        "inference-default-deny", inputs -> ((ObjectNode) inputs.path("spec")).putArray("ingress")
                                .addObject()),
                        "KURA-K8S-022", "prod", "inference-default-deny"),
                // Workflows
                new Planted("pull_request_target with a checkout of the pull request's head and id-token: write",
                        copy -> copy.workflow("label.yml", """
                                on: pull_request_target
                                permissions:
                                  id-token: write
                                  contents: read
                                jobs:
                                  label:
                                    runs-on: ubuntu-latest
                                    steps:
                                      - uses: actions/checkout@v4
                                        with:
                                          ref: ${{ github.event.pull_request.head.sha }}
                                """), "KURA-GHA-001", ".github/workflows", "label.yml"),
                new Planted("an action from an unknown fork on @master", copy -> copy.workflow("lint.yml", """
                        on: push
                        permissions:
                          contents: read
                        jobs:
                          lint:
                            runs-on: ubuntu-latest
                            steps:
                              - uses: some-fork/setup-pulumi@master
                        """), "KURA-GHA-007", ".github/workflows", "lint.yml"),
                new Planted("permissions: write-all", copy -> copy.workflow("lint.yml", """
                        on: push
                        permissions: write-all
                        jobs:
                          lint:
                            runs-on: ubuntu-latest
                            steps:
                              - run: mvn -B verify
                        """), "KURA-GHA-003", ".github/workflows", "lint.yml"),
                new Planted("a secret echoed to the log", copy -> copy.workflow("lint.yml", """
                        on: push
                        permissions:
                          contents: read
                        jobs:
                          lint:
                            runs-on: ubuntu-latest
                            steps:
                              - run: echo "the token is $PULUMI_ACCESS_TOKEN"
                                env:
                                  PULUMI_ACCESS_TOKEN: ${{ secrets.PULUMI_ACCESS_TOKEN }}
                        """), "KURA-GHA-004", ".github/workflows", "lint.yml"),
                new Planted("github.event.pull_request.title in a run: script", copy -> copy.workflow("title.yml", """
                        on: pull_request
                        permissions:
                          contents: read
                        jobs:
                          title:
                            runs-on: ubuntu-latest
                            steps:
                              - run: echo "checking ${{ github.event.pull_request.title }}"
                        """), "KURA-GHA-002", ".github/workflows", "title.yml"),
                new Planted("a deploy triggered by any workflow_run", copy -> copy.editWorkflow("deploy.yml",
                        "    if: github.event.workflow_run.conclusion == 'success' && github.event.workflow_run.event == 'push'\n",
                        ""), "KURA-GHA-005", ".github/workflows", "deploy.yml"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("violations")
    void aPlantedViolationFailsThePolicyWithAFindingNamingIt(Planted planted) throws IOException {
        planted.change().apply(this);

        var run = policy();

        assertThat(run.exitCode()).as(planted.violation() + "\n" + run.out() + run.err()).isEqualTo(KuraCli.FAILED);
        assertThat(run.out()).as(planted.violation())
                .containsPattern("] " + planted.rule() + " " + java.util.regex.Pattern.quote(planted.stack()) + " \\S+ "
                        + java.util.regex.Pattern.quote(planted.resource()) + " ");
    }

    @Test
    void thePullRequestSectionShowsAWorkflowFindingTheChangeIntroduces() throws IOException {
        ai.kuraos.infra.testing.LocalGit.run(project, "init", "--quiet");
        ai.kuraos.infra.testing.LocalGit.commitAll(project, "base");
        editWorkflow("ci.yml", "permissions: {}\n", "permissions: write-all\n");

        var run = CliRun.in(project, Map.of(), "policy", "--today", TODAY, "--diff", "--base", "main");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("introduces 1 finding, fixes 0")
                .contains("| high | KURA-GHA-003 | .github/workflows | `github:actions/workflow:Workflow` ci.yml |"
                        + " `permissions` |");
    }

    @Test
    void aDisabledBreakGlassFirewallRulePasses() throws IOException {
        add(PROD, FIREWALL, "break-glass-ssh", "{'network':'${kura-vpc.id}','direction':'INGRESS','disabled':true,"
                + "'allows':[{'protocol':'tcp','ports':['22']}],'sourceRanges':['0.0.0.0/0']}");

        assertPasses();
    }

    @Test
    void aProxyOnlySubnetWithoutFlowLogsPasses() throws IOException {
        add(PROD, "gcp:compute/subnetwork:Subnetwork", "kura-proxy-only", "{'ipCidrRange':'10.12.0.0/23','name':"
                + "'kura-proxy-only','network':'${kura-vpc.id}','purpose':'REGIONAL_MANAGED_PROXY','role':'ACTIVE',"
                + "'region':'europe-southwest1'}");

        assertPasses();
    }

    @Test
    void aPodWhoseServiceAccountMountsNoTokenPasses() throws IOException {
        edit(PROD, "inference-deployment", inputs -> ((ObjectNode) inputs.at("/spec/template/spec"))
                .remove("automountServiceAccountToken"));

        assertPasses();
    }

    private void assertPasses() {
        var run = policy();
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    }

    private CliRun policy() {
        return CliRun.in(project, Map.of(), "policy", "--today", TODAY, "--all");
    }

    // Changes to the copy ------------------------------------------------------------------------------------------

    private interface InputsChange {
        void apply(ObjectNode inputs);
    }

    void edit(String planFile, String resource, InputsChange change) throws IOException {
        var file = project.resolve(planFile);
        var plan = JSON.readTree(file.toFile());
        var found = false;
        for (var entry : plan.path("resources")) {
            if (entry.path("name").asText().equals(resource)) {
                change.apply((ObjectNode) entry.path("inputs"));
                found = true;
            }
        }
        assertThat(found).as("resource %s in %s", resource, planFile).isTrue();
        Files.writeString(file, JSON.writeValueAsString(plan));
    }

    void add(String planFile, String type, String name, String inputs) throws IOException {
        var file = project.resolve(planFile);
        var plan = JSON.readTree(file.toFile());
        var resource = ((ArrayNode) plan.path("resources")).addObject();
        resource.put("type", type).put("name", name);
        resource.set("inputs", JSON.readTree(inputs.replace('\'', '"').replace("\\\"", "\\\"")));
        Files.writeString(file, JSON.writeValueAsString(plan));
    }

    void addCopyOf(String planFile, String resource, String name) throws IOException {
        var file = project.resolve(planFile);
        var plan = JSON.readTree(file.toFile());
        JsonNode original = null;
        for (var entry : plan.path("resources")) {
            if (entry.path("name").asText().equals(resource)) {
                original = entry;
            }
        }
        assertThat(original).as("resource %s in %s", resource, planFile).isNotNull();
        var copy = original.deepCopy();
        ((ObjectNode) copy).put("name", name);
        ((ObjectNode) copy.path("inputs")).put("name", name);
        ((ArrayNode) plan.path("resources")).add(copy);
        Files.writeString(file, JSON.writeValueAsString(plan));
    }

    void workflow(String name, String text) throws IOException {
        Files.writeString(project.resolve(".github/workflows").resolve(name), text);
    }

    void editWorkflow(String name, String from, String to) throws IOException {
        var file = project.resolve(".github/workflows").resolve(name);
        var text = Files.readString(file);
        assertThat(text).contains(from);
        Files.writeString(file, text.replace(from, to));
    }
}
