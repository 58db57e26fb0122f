package ai.kuraos.infra.data;

import ai.kuraos.infra.component.KuraComponent;
import ai.kuraos.infra.component.Principal;
import ai.kuraos.infra.config.Target;
import ai.kuraos.infra.data.SecretCatalogue.Reader;
import ai.kuraos.infra.data.SecretCatalogue.Source;
import ai.kuraos.infra.platform.Foundation;
import ai.kuraos.infra.platform.ProjectApis;
import ai.kuraos.infra.random.RandomPassword;
import ai.kuraos.infra.random.RandomPasswordArgs;
import com.pulumi.core.Output;
import com.pulumi.gcp.secretmanager.Secret;
import com.pulumi.gcp.secretmanager.SecretArgs;
import com.pulumi.gcp.secretmanager.SecretIamMember;
import com.pulumi.gcp.secretmanager.SecretIamMemberArgs;
import com.pulumi.gcp.secretmanager.SecretVersion;
import com.pulumi.gcp.secretmanager.SecretVersionArgs;
import com.pulumi.gcp.secretmanager.inputs.SecretReplicationArgs;
import com.pulumi.gcp.secretmanager.inputs.SecretReplicationAutoArgs;
import com.pulumi.gcp.secretmanager.inputs.SecretReplicationUserManagedArgs;
import com.pulumi.gcp.secretmanager.inputs.SecretReplicationUserManagedReplicaArgs;
import com.pulumi.resources.Resource;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code kura:data:Secrets}: the catalogue of the deployment manual in Secret Manager, replicated in the stack's
 * region only. Generated values (database URL and password, session key, Redis AUTH, and while the stack runs Kafka
 * the backend's Kafka client certificate and key) and the external ones given in the stack's encrypted config become
 * versions; an external secret without a value is created empty. An adopted secret keeps its replication, labels and
 * versions. Each secret is readable by its readers only: there is no project-wide accessor.
 */
public final class Secrets extends KuraComponent {

    public static final String TYPE = "kura:data:Secrets";
    private static final String ACCESSOR = "roles/secretmanager.secretAccessor";

    private final Map<String, Secret> secrets = new TreeMap<>();
    private final Map<String, SecretVersion> versions = new TreeMap<>();
    private final Set<String> adoptedWithVersions = new TreeSet<>();
    private final Map<Reader, List<Resource>> accessGrants = new EnumMap<>(Reader.class);

    /**
     * @param generatedElsewhere values of the generated secrets that other components produce, by secret name
     * @param readers            who each {@link Reader} is
     */
    public Secrets(String name, Target target, SecretsSettings settings, Foundation foundation,
                   Map<String, Output<String>> generatedElsewhere, Map<Reader, Principal> readers) {
        super(TYPE, name, target);
        var values = new HashMap<>(generatedElsewhere);
        // An adopted session key keeps its versions: a new one would end every session.
        if (!target.adoption().adopts(logicalName(SecretCatalogue.SECRET_KEY))) {
            values.put(SecretCatalogue.SECRET_KEY,
                    new RandomPassword("secret-key-generated", RandomPasswordArgs.alphanumeric(64), child()).result());
        }
        settings.externalValues().forEach((secretName, value) -> values.put(secretName, Output.ofSecret(value.value())));

        for (var entry : SecretCatalogue.ALL) {
            if (entry.withKafka() && !values.containsKey(entry.name())) {
                // The stack runs no Kafka: there is no client certificate to keep.
                continue;
            }
            var id = logicalName(entry.name());
            var live = Optional.ofNullable(settings.adopted().get(entry.name()));
            var secretArgs = SecretArgs.builder()
                    .project(target.project())
                    .secretId(entry.name())
                    .replication(replication(target, target.adoption().adopts(id)));
            // An adopted secret keeps its own labels: adding ours is an update of the import.
            var labels = live.map(LiveSecret::labels).orElse(target.labels());
            if (!labels.isEmpty()) {
                secretArgs.labels(labels);
            }
            var secret = new Secret(id, secretArgs
                    // Protected: the container is the identity every reader's grant and every deploy names; its
                    // versions are not protected, so that a rotation can replace them.
                    .build(), protectedAdoptable(id, foundation.api(ProjectApis.SECRET_MANAGER)));
            secrets.put(entry.name(), secret);
            if (target.adoption().adopts(id)) {
                adoptedWithVersions.add(entry.name());
            }

            valueOf(entry, values, target.adoption().adopts(id)).ifPresent(value -> versions.put(entry.name(),
                    new SecretVersion(id + "-version", SecretVersionArgs.builder()
                            .secret(secret.id())
                            .secretData(value.asSecret())
                            // A new value replaces this resource; the old version stays enabled, because the rollback
                            // target and a staged revision still mount it by number. The provider's default DELETE
                            // destroys it, DISABLE makes it unreadable (Delete in terraform-provider-google-beta v5.0.0
                            // google-beta/services/secretmanager/resource_secret_manager_secret_version.go). Old
                            // versions are destroyed by the retention rule of docs/operations.md.
                            .deletionPolicy("ABANDON")
                            .build(), child())));

            for (var reader : entry.readers()) {
                var principal = readers.get(reader);
                accessGrants.computeIfAbsent(reader, ignored -> new ArrayList<>()).add(
                        new SecretIamMember(id + "-" + principal.name() + "-access", SecretIamMemberArgs.builder()
                                .project(target.project())
                                .secretId(secret.secretId())
                                .role(ACCESSOR)
                                .member(principal.member())
                                .build(), child()));
            }
        }

        var ids = new TreeMap<String, Output<?>>();
        secrets.forEach((secretName, secret) -> ids.put(secretName, secret.id()));
        registerOutputs(ids);
    }

    /**
     * In the stack's region only; an adopted secret keeps the automatic replication {@code gcloud secrets create}
     * gives by default, since a change of replication replaces a secret (with all its versions), and a protected one
     * cannot be replaced at all.
     */
    private static SecretReplicationArgs replication(Target target, boolean adopted) {
        if (adopted) {
            return SecretReplicationArgs.builder().auto(SecretReplicationAutoArgs.Empty).build();
        }
        return SecretReplicationArgs.builder()
                .userManaged(SecretReplicationUserManagedArgs.builder()
                        .replicas(SecretReplicationUserManagedReplicaArgs.builder().location(target.region()).build())
                        .build())
                .build();
    }

    /** An adopted generated secret keeps its versions: the running revision and the adopted user agree with them. */
    private static Optional<Output<String>> valueOf(SecretCatalogue.Entry entry, Map<String, Output<String>> values,
                                                    boolean adopted) {
        var value = Optional.ofNullable(values.get(entry.name()));
        if (entry.source() == Source.GENERATED && value.isEmpty() && !adopted) {
            throw new IllegalArgumentException("no value was wired for the generated secret " + entry.name());
        }
        return value;
    }

    /** {@code STRIPE_SECRET_KEY} becomes {@code stripe-secret-key}: the secret's name in the program. */
    public static String logicalName(String secretName) {
        return secretName.toLowerCase().replace('_', '-');
    }

    /** The Secret Manager id to mount a secret by, e.g. in a Cloud Run secret reference. */
    public Output<String> secretId(String secretName) {
        var secret = secrets.get(secretName);
        if (secret == null) {
            throw new IllegalArgumentException(secretName + " is not in the secret catalogue");
        }
        return secret.secretId();
    }

    /**
     * The version to mount: the one this program wrote, pinned so that a new value makes a new revision; for an
     * adopted secret without a value here, {@code latest} of the versions it already has. Nothing for a secret
     * without any version: Cloud Run refuses to create a revision that mounts one ("Secret ... versions/latest was
     * not found"), and a failed create leaves the service behind (pulumi-gcp #2775), so it is not mounted until the
     * stack config gives it a value.
     */
    public Optional<Output<String>> versionToMount(String secretName) {
        var version = versions.get(secretName);
        if (version != null) {
            return Optional.of(version.version());
        }
        return adoptedWithVersions.contains(secretName) ? Optional.of(Output.of("latest")) : Optional.empty();
    }

    /**
     * What a reader's workload must wait for: its access grants and the versions the program writes. Cloud Run checks
     * both when it creates a revision.
     */
    public List<Resource> readyFor(Reader reader) {
        var ready = new ArrayList<Resource>(accessGrants.getOrDefault(reader, List.of()));
        SecretCatalogue.readBy(reader).forEach(entry -> Optional.ofNullable(versions.get(entry.name())).ifPresent(ready::add));
        return ready;
    }
}
