package ai.kuraos.infra.data;

import com.pulumi.core.Output;

/** Where the backend reaches Memorystore over TLS, and the CA of the server's certificate. */
public record RedisEndpoint(Output<String> host, Output<Integer> port, Output<String> caCertificate) {
}
