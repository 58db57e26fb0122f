package ai.kuraos.infra;

import ai.kuraos.infra.backend.BackendNames;
import ai.kuraos.infra.backend.BackendSettings;
import ai.kuraos.infra.backend.Ingress;
import ai.kuraos.infra.component.LiveDescriptions;
import ai.kuraos.infra.config.ConfigReader;
import ai.kuraos.infra.config.Target;
import ai.kuraos.infra.data.Cache;
import ai.kuraos.infra.data.Database;
import ai.kuraos.infra.data.DatabaseSettings;
import ai.kuraos.infra.data.LiveSqlInstance;
import ai.kuraos.infra.messaging.KafkaNames;
import ai.kuraos.infra.messaging.MessagingBackend;
import ai.kuraos.infra.messaging.MessagingSettings;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.Optional;
import java.util.function.Predicate;

/**
 * The change sequence after adoption (docs/adoption.md): each step is its own update, and a step may start only once
 * the live project shows the one before it done. What is live is what the descriptions in
 * {@code stacks/<stack>/adopted/} say, refreshed from gcloud (and kubectl) before each step's pull request; a stack
 * file that asks for a step whose predecessor is not live yet, that is for two steps in one update, is refused with
 * the order to follow. The checks apply while the stack adopts a described {@code kura-backend}.
 *
 * <ol>
 *   <li>{@code database.privateIp: true}: a private IP next to the public one;</li>
 *   <li>{@code backend.template: program}: a revision with Direct VPC egress (and Redis) serving, once the private IP
 *       and Memorystore are live;</li>
 *   <li>{@code database.publicIp: false}: once the serving revision reaches the VPC;</li>
 *   <li>{@code backend.ingress: load-balancer}: once DNS points at the load balancer and its certificate is ACTIVE;</li>
 *   <li>{@code messaging.backend: kafka}: once Kafka is Ready.</li>
 * </ol>
 */
final class AdoptionSequence {

    /** {@code gcloud redis instances describe kura-cache --region <region> --format=json}. */
    static final String CACHE = Cache.INSTANCE;
    /** {@code gcloud compute ssl-certificates describe <name> --format=json} of the public hosts' certificate. */
    static final String CERTIFICATE = "kura-certificate";
    /** {@code kubectl get kafka kura-kafka -n kura-kafka -o json}. */
    static final String KAFKA = KafkaNames.CLUSTER;

    private AdoptionSequence() {
    }

    static void check(Target target, LiveDescriptions live, DatabaseSettings database, BackendSettings backend,
                      MessagingSettings messaging, ConfigReader config) {
        if (!target.adoption().adopts(BackendNames.SERVICE) || backend.adoptedService().isEmpty()) {
            return;
        }
        var liveService = backend.adoptedService().get();
        var liveInstance = database.adopted();
        var privateIpLive = liveInstance.map(instance -> instance.privateNetwork().isPresent()).orElse(true);
        if (!backend.liveTemplate() && !liveService.vpcEgress()) {
            if (!privateIpLive) {
                refuse(config, "kura-infra:backend.template", "program", "the database has no private IP yet (" + file(
                        Database.INSTANCE) + "); first set kura-infra:database.privateIp: true, apply it, refresh the"
                        + " description, then switch the template");
            }
            if (!ready(live.of(CACHE), node -> "READY".equals(node.path("state").asText()))) {
                refuse(config, "kura-infra:backend.template", "program", "Memorystore is not READY (" + file(CACHE)
                        + "); the program's template puts the backend on Redis: first let the update that creates"
                        + " kura-cache finish, describe it, then switch the template");
            }
        }
        var publicIpLive = liveInstance.map(LiveSqlInstance::publicIp).orElse(false);
        if (publicIpLive && !database.publicIp() && !liveService.vpcEgress()) {
            refuse(config, "kura-infra:database.publicIp", "false", "the serving revision (" + file(BackendNames.SERVICE)
                    + ") does not reach the VPC yet, and it reaches the database over the public IP; first the private"
                    + " IP, then backend.template: program, each applied and described, then the public IP off");
        }
        var ingressLive = Ingress.ofCloudRunValue(liveService.ingress());
        if (ingressLive == Ingress.ALL && backend.ingress() == Ingress.LOAD_BALANCER_ONLY
                && !ready(live.of(CERTIFICATE), node -> "ACTIVE".equals(node.path("managed").path("status").asText()))) {
            refuse(config, "kura-infra:backend.ingress", "load-balancer", "the load balancer's certificate is not ACTIVE"
                    + " (" + file(CERTIFICATE) + "); first create the edge with ingress all, move DNS to its IP, wait"
                    + " for the certificate to be ACTIVE and describe it, then limit ingress to the load balancer");
        }
        if (messaging.backend() == MessagingBackend.KAFKA && !ready(live.of(KAFKA), AdoptionSequence::kafkaReady)) {
            refuse(config, "kura-infra:messaging.backend", "kafka", "Kafka is not Ready (" + file(KAFKA) + "); first"
                    + " create it (messaging.kafka.enabled: true) with the backend on celery, wait until kubectl shows it"
                    + " Ready and save that, then switch messaging");
        }
    }

    private static boolean kafkaReady(JsonNode kafka) {
        for (var condition : kafka.path("status").path("conditions")) {
            if ("Ready".equals(condition.path("type").asText()) && "True".equals(condition.path("status").asText())) {
                return true;
            }
        }
        return false;
    }

    private static boolean ready(Optional<JsonNode> description, Predicate<JsonNode> test) {
        return description.filter(test).isPresent();
    }

    private static void refuse(ConfigReader config, String key, String value, String why) {
        config.reject(key, "got " + value + " while " + why);
    }

    private static String file(String logicalName) {
        return AdoptedResources.file(logicalName);
    }
}
