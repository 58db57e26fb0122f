package ai.kuraos.infra.data;

import ai.kuraos.infra.component.KuraComponent;
import ai.kuraos.infra.config.MaintenanceWindow;
import ai.kuraos.infra.config.Target;
import ai.kuraos.infra.platform.Foundation;
import ai.kuraos.infra.platform.Names;
import ai.kuraos.infra.platform.ProjectApis;
import com.pulumi.core.Output;
import com.pulumi.gcp.redis.Instance;
import com.pulumi.gcp.redis.InstanceArgs;
import com.pulumi.gcp.redis.inputs.InstanceMaintenancePolicyArgs;
import com.pulumi.gcp.redis.inputs.InstanceMaintenancePolicyWeeklyMaintenanceWindowArgs;
import com.pulumi.gcp.redis.inputs.InstanceMaintenancePolicyWeeklyMaintenanceWindowStartTimeArgs;

import java.util.Map;

/**
 * What every Memorystore component of the platform is (the cache, the Celery broker): one Redis
 * {@value RedisConfigRules#REDIS_VERSION} instance on the foundation's private services range, with AUTH and in-transit
 * encryption. Clients get the host, port and CA certificate; the AUTH string is a secret output, for Secret Manager.
 */
public class MemorystoreRedis extends KuraComponent {

    /** What differs between the instances: their names, size and Redis settings, and whether the data is protected. */
    public record Shape(String name, String displayName, String tier, int memorySizeGb, MaintenanceWindow window,
                        Map<String, String> redisConfigs, boolean holdsDataThatCannotBeRecreated) {
    }

    private final Instance instance;

    /** @param type the component's type token, e.g. {@code kura:data:Cache} */
    public MemorystoreRedis(String type, String name, Target target, Shape shape, Foundation foundation) {
        super(type, name, target);
        var options = shape.holdsDataThatCannotBeRecreated() ? protectedChildOptions() : childOptions();
        this.instance = new Instance(shape.name(), args(target, shape, foundation), options
                .dependsOn(foundation.privateServicesConnection(), foundation.api(ProjectApis.REDIS))
                .additionalSecretOutputs("authString")
                .build());
        registerOutputs(Map.of("host", host(), "port", port(), "caCertificate", caCertificate()));
    }

    private static InstanceArgs args(Target target, Shape shape, Foundation foundation) {
        return InstanceArgs.builder()
                .project(target.project())
                .region(target.region())
                .name(shape.name())
                .displayName(shape.displayName())
                .tier(shape.tier())
                .memorySizeGb(shape.memorySizeGb())
                .redisVersion(RedisConfigRules.REDIS_VERSION)
                .authEnabled(true)
                .transitEncryptionMode("SERVER_AUTHENTICATION")
                .connectMode("PRIVATE_SERVICE_ACCESS")
                .authorizedNetwork(foundation.networkId())
                .reservedIpRange(Names.PRIVATE_SERVICES_RANGE)
                .redisConfigs(shape.redisConfigs())
                .maintenancePolicy(InstanceMaintenancePolicyArgs.builder()
                        .weeklyMaintenanceWindows(InstanceMaintenancePolicyWeeklyMaintenanceWindowArgs.builder()
                                .day(shape.window().day().name())
                                .startTime(InstanceMaintenancePolicyWeeklyMaintenanceWindowStartTimeArgs.builder()
                                        .hours(shape.window().hour())
                                        .minutes(0)
                                        .build())
                                .build())
                        .build())
                .labels(target.labels())
                .build();
    }

    /** What a client needs to reach the instance over TLS. */
    public RedisEndpoint endpoint() {
        return new RedisEndpoint(host(), port(), caCertificate());
    }

    public Output<String> host() {
        return instance.host();
    }

    /** 6378 when in-transit encryption is on. */
    public Output<Integer> port() {
        return instance.port();
    }

    /** The certificate authority of the server's TLS certificate, for the client to verify it. */
    public Output<String> caCertificate() {
        // The list is null until Memorystore has issued the certificate.
        return instance.serverCaCerts().applyValue(certificates -> certificates == null ? ""
                : certificates.stream().flatMap(certificate -> certificate.cert().stream()).findFirst().orElse(""));
    }

    /** The AUTH string Memorystore generates; a secret output. */
    public Output<String> authString() {
        return instance.authString();
    }
}
