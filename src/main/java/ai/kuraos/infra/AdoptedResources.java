package ai.kuraos.infra;

import ai.kuraos.infra.backend.BackendNames;
import ai.kuraos.infra.backend.LiveCloudRun;
import ai.kuraos.infra.component.LiveDescriptions;
import ai.kuraos.infra.config.Adoption;
import ai.kuraos.infra.config.ConfigReader;
import ai.kuraos.infra.config.Target;
import ai.kuraos.infra.data.Database;
import ai.kuraos.infra.data.LiveSqlInstance;
import ai.kuraos.infra.data.SecretsSettings;
import ai.kuraos.infra.platform.LiveRepository;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The adopted resources' descriptions ({@code stacks/<stack>/adopted/<logical-name>.json}) mapped to what their slices
 * read: each is checked against its {@code kura-infra:adopt} entry, so that a description of another resource, or of
 * one the stack does not adopt, is refused before anything is declared. The secrets' descriptions are read by the
 * secrets slice itself.
 */
record AdoptedResources(
        Optional<LiveSqlInstance> instance,
        Optional<LiveRepository> repository,
        Optional<LiveCloudRun.Service> service,
        Optional<LiveCloudRun.Job> job) {

    /**
     * Descriptions that are not of an adopted resource but of what the adoption sequence waits for (docs/adoption.md,
     * "The change sequence"): Memorystore, the certificate, Kafka.
     */
    static final Set<String> EVIDENCE = Set.of(AdoptionSequence.CACHE, AdoptionSequence.CERTIFICATE, AdoptionSequence.KAFKA);

    static AdoptedResources read(Target target, LiveDescriptions live, ConfigReader config) {
        var adoption = target.adoption();
        live.byLogicalName().keySet().stream()
                .filter(name -> !name.endsWith(SecretsSettings.VERSIONS_SUFFIX) && !EVIDENCE.contains(name))
                .filter(name -> !adoption.adopts(name))
                .forEach(name -> config.reject(file(name), "describes " + name + ", which kura-infra:adopt does not"
                        + " adopt; add its import id there (" + AdoptableResources.FORMS.getOrDefault(name,
                        "an adoptable name: " + String.join(", ", AdoptableResources.names())) + ") or remove the file"));
        adoption.importIds().keySet().stream()
                .filter(name -> live.of(name).isEmpty() && !live.byLogicalName().isEmpty())
                .forEach(name -> config.reject(file(name), "missing: kura-infra:adopt adopts " + name + ", and the"
                        + " other adopted resources are described; describe it too (docs/adoption.md, step 1), so that"
                        + " its import declares what runs"));
        var instance = mapped(live, Database.INSTANCE, LiveSqlInstance::fromDescribe, config);
        instance.ifPresent(sql -> sql.replacementProblems(target.region()).forEach(problem ->
                config.reject(file(Database.INSTANCE), problem + "; adopting it would replace it")));
        expectDescribed(live, Database.DATABASE, "sql#database", Database.DATABASE, "gcloud sql databases describe", config);
        expectDescribed(live, Database.USER_LOGICAL_NAME, "sql#user", Database.USER, "gcloud sql users describe", config);
        var repository = mapped(live, "kura-images", LiveRepository::fromDescribe, config);
        repository.ifPresent(repo -> expectId(adoption, "kura-images", "projects/" + target.project() + "/locations/"
                + repo.location() + "/repositories/" + repo.repositoryId(), config));
        var service = mapped(live, BackendNames.SERVICE, LiveCloudRun::service, config);
        service.ifPresent(run -> expectId(adoption, BackendNames.SERVICE, "projects/" + target.project() + "/locations/"
                + run.location() + "/services/" + run.name(), config));
        var job = mapped(live, BackendNames.MIGRATOR_JOB, LiveCloudRun::job, config);
        job.ifPresent(run -> expectId(adoption, BackendNames.MIGRATOR_JOB, "projects/" + target.project() + "/locations/"
                + run.location() + "/jobs/" + run.name(), config));
        return new AdoptedResources(instance, repository, service, job);
    }

    static String file(String logicalName) {
        return "stacks/<stack>/" + LiveDescriptions.DIRECTORY + "/" + logicalName + ".json";
    }

    private static <T> Optional<T> mapped(LiveDescriptions live, String logicalName, Function<JsonNode, T> mapping,
                                          ConfigReader config) {
        try {
            return live.of(logicalName).map(mapping);
        } catch (IllegalArgumentException e) {
            config.reject(file(logicalName), e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * The database and the user declare nothing the live one could differ in but their names (the charset and
     * collation are the defaults Cloud SQL gives PostgreSQL), so their descriptions are checked, not mapped.
     */
    private static void expectDescribed(LiveDescriptions live, String logicalName, String kind, String name,
                                        String command, ConfigReader config) {
        live.of(logicalName).ifPresent(describe -> {
            if (!kind.equals(describe.path("kind").asText()) || !name.equals(describe.path("name").asText())) {
                config.reject(file(logicalName), "is not the " + kind + " " + name + " (" + command + " " + name
                        + " --format=json)");
            }
        });
    }

    /** The described resource must be the one the import reads: else the import takes another one, or fails with 404. */
    private static void expectId(Adoption adoption, String logicalName, String describedId, ConfigReader config) {
        adoption.importId(logicalName).filter(id -> !id.equals(describedId)).ifPresent(id -> config.reject(
                file(logicalName), "describes " + describedId + ", but kura-infra:adopt." + logicalName + " imports " + id));
    }
}
