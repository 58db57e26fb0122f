package ai.kuraos.infra.data;

import ai.kuraos.infra.StackSettings;
import ai.kuraos.infra.config.StackConfigValues;
import ai.kuraos.infra.data.SecretCatalogue.Reader;
import ai.kuraos.infra.testing.ResourceAssert;
import ai.kuraos.infra.testing.SynthesizedStack;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class SecretsTest {

    private static final String SECRET = "gcp:secretmanager/secret:Secret";
    private static final String VERSION = "gcp:secretmanager/secretVersion:SecretVersion";
    private static final String ACCESS = "gcp:secretmanager/secretIamMember:SecretIamMember";

    @Test
    void createsEverySecretOfTheDeploymentManualInTheStacksRegion() {
        var staging = SynthesizedStack.of("staging");

        staging.hasResourceCount(SECRET, SecretCatalogue.ALL.size());
        assertThat(SecretCatalogue.ALL).extracting(SecretCatalogue.Entry::name).contains(
                "DATABASE_URL", "SECRET_KEY", "DB_PASSWORD", "STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET",
                "TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TWILIO_WHATSAPP_NUMBER", "OPENAI_API_KEY", "GOOGLE_API_KEY",
                "GOOGLE_CLIENT_ID", "GOOGLE_CLIENT_SECRET", "BREVO_API_KEY", "REDIS_AUTH");
        for (var entry : SecretCatalogue.ALL) {
            staging.resource(SECRET, Secrets.logicalName(entry.name()))
                    .hasInput("secretId", entry.name())
                    .hasInput("replication", Map.of("userManaged", Map.of("replicas",
                            java.util.List.of(Map.of("location", "europe-southwest1")))))
                    .isProtected();
        }
    }

    @Test
    void keepsTheKafkaClientCertificateOnlyWhileTheStackRunsKafka() {
        var dev = SynthesizedStack.of("dev");
        var prod = SynthesizedStack.unadopted("prod");

        assertThat(dev.resources(SECRET)).extracting(secret -> secret.name())
                .doesNotContain("kafka-ssl-cert-pem", "kafka-ssl-key-pem");
        prod.resource(VERSION, "kafka-ssl-cert-pem-version")
                .hasInput("secretData", "[secret ← kafka-client-api-certificate.certPem]");
        prod.resource(VERSION, "kafka-ssl-key-pem-version")
                .hasInput("secretData", "[secret ← kafka-client-api-key.privateKeyPemPkcs8]");
        assertThat(prod.rendered()).doesNotContain("${kafka-client-api-key.privateKeyPem");
    }

    @Test
    void writesTheGeneratedValuesAsSecretVersions() {
        var prod = SynthesizedStack.unadopted("prod");

        // Each version names the outputs it is made from, never their text.
        var madeFrom = Map.of(
                SecretCatalogue.DATABASE_URL, "[secret ← kura-app-password-generated.result, kura-primary.connectionName]",
                SecretCatalogue.SECRET_KEY, "[secret ← secret-key-generated.result]",
                SecretCatalogue.DB_PASSWORD, "[secret ← kura-app-password-generated.result]",
                SecretCatalogue.REDIS_AUTH, "[secret ← kura-cache.authString]",
                SecretCatalogue.KAFKA_SSL_CERT_PEM, "[secret ← kafka-client-api-certificate.certPem]",
                SecretCatalogue.KAFKA_SSL_KEY_PEM, "[secret ← kafka-client-api-key.privateKeyPemPkcs8]",
                SecretCatalogue.CELERY_BROKER_AUTH, "[secret ← kura-celery-broker.authString]");
        assertThat(SecretCatalogue.bySource(SecretCatalogue.Source.GENERATED)).extracting(SecretCatalogue.Entry::name)
                .containsExactlyInAnyOrderElementsOf(madeFrom.keySet());
        madeFrom.forEach((secret, sources) -> {
            var name = Secrets.logicalName(secret);
            prod.resource(VERSION, name + "-version")
                    .hasInput("secret", "${" + name + ".id}")
                    .hasInput("secretData", sources);
        });
        prod.resource("random:index/randomPassword:RandomPassword", "secret-key-generated").hasInput("length", 64);
    }

    /**
     * Defect: a new value replaced the version resource, and the provider's default deletion policy (DELETE)
     * destroyed the old version, which the rollback target and a staged revision still mount by number; their new
     * instances could not start. The old version is abandoned: it stays enabled in Secret Manager.
     */
    @Test
    void aRotatedSecretVersionStaysReadableForTheRollbackTargetAndAStagedRevision() {
        for (var stack : List.of("dev", "staging")) {
            assertThat(SynthesizedStack.of(stack).resources(VERSION)).isNotEmpty()
                    .allSatisfy(version -> version.hasInput("deletionPolicy", "ABANDON"));
        }
    }

    @Test
    void createsAnExternalSecretEmptyWhenTheStackConfigHasNoValueForIt() {
        var dev = SynthesizedStack.of("dev");

        dev.resource(SECRET, "stripe-secret-key");
        assertThat(dev.resources(VERSION)).extracting(version -> version.name())
                .containsExactlyInAnyOrder("database-url-version", "secret-key-version", "db-password-version",
                        "redis-auth-version", "celery-broker-auth-version");
        assertThat(dev.plan().warnings()).anySatisfy(warning -> assertThat(warning)
                .contains("created without a version", "STRIPE_SECRET_KEY", "kura-backend mounts them only once each has one"));
    }

    @Test
    void writesAnExternalValueFromTheEncryptedStackConfigWithoutShowingIt() {
        var committed = StackConfigValues.fromStackFile(SynthesizedStack.PROJECT.stackConfigFile("staging"));
        var values = new TreeMap<>(committed.values());
        values.put("kura-infra:secrets", "{\"STRIPE_SECRET_KEY\":\"sk_live_do_not_print\"}");
        var secretPaths = new java.util.TreeSet<>(committed.secretPaths());
        secretPaths.add("kura-infra:secrets");

        var staging = SynthesizedStack.from(StackSettings.parse("staging", new StackConfigValues(values, secretPaths)));

        staging.resource(VERSION, "stripe-secret-key-version").hasInput("secretData", "[secret]");
        assertThat(staging.rendered()).doesNotContain("sk_live_do_not_print");
    }

    @Test
    void grantsEachSecretToItsReadersOnlyAndNothingProjectWide() {
        var prod = SynthesizedStack.of("prod");
        var members = Map.of(Reader.BACKEND, "${kura-backend-sa.member}", Reader.MIGRATOR, "${kura-migrator-sa.member}");

        var expected = SecretCatalogue.ALL.stream().mapToInt(entry -> entry.readers().size()).sum();
        prod.hasResourceCount(ACCESS, expected);
        for (var entry : SecretCatalogue.ALL) {
            for (var reader : entry.readers()) {
                prod.resource(ACCESS, Secrets.logicalName(entry.name()) + "-" + reader.name().toLowerCase() + "-access")
                        .hasInput("secretId", entry.name())
                        .hasInput("role", "roles/secretmanager.secretAccessor")
                        .hasInput("member", members.get(reader));
            }
        }
        assertThat(prod.resources("gcp:projects/iAMMember:IAMMember"))
                .noneSatisfy(grant -> assertThat(grant.input("role").asText()).startsWith("roles/secretmanager."));
    }

    @Test
    void givesTheMigratorOnlyTheDatabaseSecrets() {
        assertThat(SecretCatalogue.readBy(Reader.MIGRATOR)).extracting(SecretCatalogue.Entry::name)
                .containsExactlyInAnyOrder("DATABASE_URL", "DB_PASSWORD");
    }

    @Test
    void secretVersionsAreNotProtectedSoRotationCanReplaceThem() {
        var prod = SynthesizedStack.of("prod");

        assertThat(prod.resources(VERSION)).isNotEmpty().allSatisfy(ResourceAssert::isNotProtected);
        assertThat(prod.resources(ACCESS)).isNotEmpty().allSatisfy(ResourceAssert::isNotProtected);
        assertThat(prod.resources("random:index/randomPassword:RandomPassword")).allSatisfy(ResourceAssert::isNotProtected);
    }

    @Test
    void secretContainersStayProtectedInProd() {
        assertThat(SynthesizedStack.of("prod").resources(SECRET)).isNotEmpty().allSatisfy(ResourceAssert::isProtected);
    }
}
