package ai.kuraos.infra.engine;

import com.google.protobuf.Empty;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.pulumi.core.internal.Constants;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import pulumirpc.EngineGrpc;
import pulumirpc.EngineOuterClass.GetRootResourceRequest;
import pulumirpc.EngineOuterClass.GetRootResourceResponse;
import pulumirpc.EngineOuterClass.LogRequest;
import pulumirpc.EngineOuterClass.RequirePulumiVersionRequest;
import pulumirpc.EngineOuterClass.RequirePulumiVersionResponse;
import pulumirpc.EngineOuterClass.SetRootResourceRequest;
import pulumirpc.EngineOuterClass.SetRootResourceResponse;
import pulumirpc.Resource.RegisterPackageRequest;
import pulumirpc.Resource.RegisterPackageResponse;
import pulumirpc.Resource.RegisterResourceOutputsRequest;
import pulumirpc.Resource.RegisterResourceRequest;
import pulumirpc.Resource.RegisterResourceResponse;
import pulumirpc.Resource.ResourceInvokeRequest;
import pulumirpc.Resource.ResourceInvokeResponse;
import pulumirpc.Resource.SupportsFeatureRequest;
import pulumirpc.Resource.SupportsFeatureResponse;
import pulumirpc.ResourceMonitorGrpc;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The two gRPC services the Pulumi CLI offers a program during {@code pulumi preview}: the resource monitor and the
 * engine. It answers like a provider creating the resource (inputs echoed, generated values filled in, the outputs
 * the program asks to keep secret made secret, as the engine does) and records what the program sent.
 */
final class FakePulumiEngine implements AutoCloseable {

    private static final Set<String> SUPPORTED_FEATURES = Set.of("secrets", "resourceReferences");

    private final String project;
    private final String stack;
    private final List<RegisterResourceRequest> registrations = new ArrayList<>();
    private final List<LogRequest> logs = new ArrayList<>();
    private final List<RegisterResourceOutputsRequest> registeredOutputs = new ArrayList<>();
    private final Map<String, Map<String, String>> generatedOutputs;
    private final Server server;
    private volatile String rootUrn = "";

    private final boolean creates;

    /** A preview of a new stack: nothing exists yet, so ids and generated values are unknown. */
    static FakePulumiEngine preview(String project, String stack) throws IOException {
        return new FakePulumiEngine(project, stack, false, Map.of());
    }

    /**
     * An update that creates the stack: resources get ids, and providers generate values.
     *
     * @param generatedOutputs values generated on creation, by resource type then output name, e.g. a random
     *                         password's {@code result}; they come back secret when the program asks so
     */
    static FakePulumiEngine update(String project, String stack, Map<String, Map<String, String>> generatedOutputs)
            throws IOException {
        return new FakePulumiEngine(project, stack, true, generatedOutputs);
    }

    private FakePulumiEngine(String project, String stack, boolean creates, Map<String, Map<String, String>> generatedOutputs)
            throws IOException {
        this.project = project;
        this.stack = stack;
        this.creates = creates;
        this.generatedOutputs = generatedOutputs;
        this.server = ServerBuilder.forPort(0)
                .addService(new Monitor())
                .addService(new Engine())
                .build()
                .start();
    }

    String address() {
        return "127.0.0.1:" + server.getPort();
    }

    synchronized List<RegisterResourceRequest> registrations() {
        return List.copyOf(registrations);
    }

    synchronized List<LogRequest> logs() {
        return List.copyOf(logs);
    }

    synchronized List<RegisterResourceOutputsRequest> registeredOutputs() {
        return List.copyOf(registeredOutputs);
    }

    String urnOf(String type, String name) {
        return "urn:pulumi:" + stack + "::" + project + "::" + type + "::" + name;
    }

    @Override
    public void close() {
        try {
            server.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static Value secret(Value value) {
        return Value.newBuilder().setStructValue(Struct.newBuilder()
                .putFields(Constants.SpecialSigKey, Value.newBuilder().setStringValue(Constants.SpecialSecretSig).build())
                .putFields("value", value)).build();
    }

    private static <T> void reply(StreamObserver<T> observer, T value) {
        observer.onNext(value);
        observer.onCompleted();
    }

    private final class Monitor extends ResourceMonitorGrpc.ResourceMonitorImplBase {
        @Override
        public void supportsFeature(SupportsFeatureRequest request, StreamObserver<SupportsFeatureResponse> observer) {
            reply(observer, SupportsFeatureResponse.newBuilder()
                    .setHasSupport(SUPPORTED_FEATURES.contains(request.getId())).build());
        }

        @Override
        public void registerResource(RegisterResourceRequest request, StreamObserver<RegisterResourceResponse> observer) {
            synchronized (FakePulumiEngine.this) {
                registrations.add(request);
            }
            var urn = urnOf(request.getType(), request.getName());
            if (request.getType().equals("pulumi:pulumi:Stack")) {
                rootUrn = urn;
            }
            var state = request.getObject().toBuilder();
            generatedOutputs.getOrDefault(request.getType(), Map.of()).forEach((output, value) ->
                    state.putFields(output, Value.newBuilder().setStringValue(value + "-" + request.getName()).build()));
            for (var secretOutput : request.getAdditionalSecretOutputsList()) {
                if (state.containsFields(secretOutput)) {
                    state.putFields(secretOutput, secret(state.getFieldsOrThrow(secretOutput)));
                }
            }
            reply(observer, RegisterResourceResponse.newBuilder().setUrn(urn)
                    .setId(creates && request.getCustom() ? "id-" + request.getName() : "")
                    .setObject(state).build());
        }

        @Override
        public void registerResourceOutputs(RegisterResourceOutputsRequest request, StreamObserver<Empty> observer) {
            synchronized (FakePulumiEngine.this) {
                registeredOutputs.add(request);
            }
            reply(observer, Empty.getDefaultInstance());
        }

        @Override
        public void registerPackage(RegisterPackageRequest request, StreamObserver<RegisterPackageResponse> observer) {
            reply(observer, RegisterPackageResponse.newBuilder().setRef(request.getName()).build());
        }

        @Override
        public void invoke(ResourceInvokeRequest request, StreamObserver<ResourceInvokeResponse> observer) {
            observer.onError(Status.UNIMPLEMENTED.withDescription("no provider functions in this fake").asException());
        }
    }

    private final class Engine extends EngineGrpc.EngineImplBase {
        @Override
        public void log(LogRequest request, StreamObserver<Empty> observer) {
            synchronized (FakePulumiEngine.this) {
                logs.add(request);
            }
            reply(observer, Empty.getDefaultInstance());
        }

        @Override
        public void getRootResource(GetRootResourceRequest request, StreamObserver<GetRootResourceResponse> observer) {
            reply(observer, GetRootResourceResponse.newBuilder().setUrn(rootUrn).build());
        }

        @Override
        public void setRootResource(SetRootResourceRequest request, StreamObserver<SetRootResourceResponse> observer) {
            rootUrn = request.getUrn();
            reply(observer, SetRootResourceResponse.getDefaultInstance());
        }

        @Override
        public void requirePulumiVersion(RequirePulumiVersionRequest request,
                                         StreamObserver<RequirePulumiVersionResponse> observer) {
            reply(observer, RequirePulumiVersionResponse.getDefaultInstance());
        }
    }
}
