package ai.kuraos.infra.data;

import ai.kuraos.infra.component.KuraComponent;
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
 * {@code kura:data:Cache}: Memorystore for Redis 7 on the foundation's private services range, with AUTH and
 * in-transit encryption. The backend gets the host, port and CA certificate; the AUTH string goes to Secret Manager.
 */
public final class Cache extends KuraComponent {

    public static final String TYPE = "kura:data:Cache";
    public static final String INSTANCE = "kura-cache";

    private final Instance instance;

    public Cache(String name, Target target, CacheSettings settings, Foundation foundation) {
        super(TYPE, name, target);
        var window = settings.maintenanceWindow();
        this.instance = new Instance(INSTANCE, InstanceArgs.builder()
                .project(target.project())
                .region(target.region())
                .name(INSTANCE)
                .displayName("Kura cache")
                .tier(settings.tier())
                .memorySizeGb(settings.memorySizeGb())
                .redisVersion("REDIS_7_0")
                .authEnabled(true)
                .transitEncryptionMode("SERVER_AUTHENTICATION")
                .connectMode("PRIVATE_SERVICE_ACCESS")
                .authorizedNetwork(foundation.networkId())
                .reservedIpRange(Names.PRIVATE_SERVICES_RANGE)
                .redisConfigs(settings.redisConfigs())
                .maintenancePolicy(InstanceMaintenancePolicyArgs.builder()
                        .weeklyMaintenanceWindows(InstanceMaintenancePolicyWeeklyMaintenanceWindowArgs.builder()
                                .day(window.day().name())
                                .startTime(InstanceMaintenancePolicyWeeklyMaintenanceWindowStartTimeArgs.builder()
                                        .hours(window.hour())
                                        .minutes(0)
                                        .build())
                                .build())
                        .build())
                .labels(target.labels())
                .build(), childOptions(foundation.privateServicesConnection(), foundation.api(ProjectApis.REDIS))
                .additionalSecretOutputs("authString")
                .build());

        registerOutputs(Map.of(
                "host", instance.host(),
                "port", instance.port(),
                "caCertificate", caCertificate()));
    }

    /** What the backend needs to reach the instance. */
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
