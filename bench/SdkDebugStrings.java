import com.pulumi.gcp.storage.Bucket;
import com.pulumi.gcp.storage.BucketArgs;
import com.pulumi.test.Mocks;
import com.pulumi.test.PulumiTest;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * What the Pulumi Java SDK (com.pulumi:pulumi 1.36.1) spends on debug messages nobody reads: for every resource,
 * DeploymentImpl.RegisterResource.registerResourceAsync formats four "Preparing/Prepared/Registering resource ..."
 * strings with String.format, two of them with the whole RegisterResourceRequest and its response (protobuf
 * toString, i.e. TextFormat of every input), and Log.debug sends each to the engine as a DEBUG log, whatever the log
 * level. Run by bench/sdk-debug-strings.sh:
 *   synthetic N      one stack of N storage buckets under the SDK's own mocks (PulumiTest), nothing else
 *   analyze FILE     the share of a JFR recording's execution samples spent in that formatting and that logging
 */
public final class SdkDebugStrings {

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "synthetic" -> synthetic(Integer.parseInt(args[1]));
            case "analyze" -> analyze(Path.of(args[1]));
            default -> throw new IllegalArgumentException("synthetic N | analyze FILE");
        }
    }

    private static void synthetic(int resources) {
        Mocks mocks = new Mocks() {
            @Override
            public CompletableFuture<ResourceResult> newResourceAsync(ResourceArgs args) {
                return CompletableFuture.completedFuture(ResourceResult.of(Optional.of(args.name + "-id"), args.inputs));
            }
        };
        var start = System.nanoTime();
        var result = PulumiTest.withMocks(mocks).runTest(ctx -> {
            for (int i = 0; i < resources; i++) {
                new Bucket("bucket-" + i, BucketArgs.builder()
                        .location("EUROPE-SOUTHWEST1")
                        .uniformBucketLevelAccess(true)
                        .publicAccessPrevention("enforced")
                        .forceDestroy(false)
                        .labels(Map.of("app", "kura", "env", "bench", "component", "synthetic", "index",
                                String.valueOf(i), "managed-by", "pulumi"))
                        .build());
            }
        });
        System.out.printf("synthetic stack: %d resources, %d errors, %d ms in the SDK%n", result.resources().size(),
                result.errors().size(), (System.nanoTime() - start) / 1_000_000);
    }

    private static void analyze(Path recording) throws Exception {
        int samples = 0;
        int formatting = 0;
        int logging = 0;
        for (var event : RecordingFile.readAllEvents(recording)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                continue;
            }
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
            // Not the program: the source launcher compiling this file, JFR itself.
            if (frames.stream().anyMatch(frame -> name(frame).startsWith("com.sun.tools.javac.")
                    || name(frame).startsWith("jdk.jfr.") || name(frame).startsWith("jdk.internal.jfr."))) {
                continue;
            }
            samples++;
            if (isDebugFormatting(frames)) {
                formatting++;
            } else if (frames.stream().anyMatch(frame -> name(frame).startsWith(
                    "com.pulumi.deployment.internal.DeploymentImpl$DefaultEngineLogger."))) {
                logging++;
            }
        }
        System.out.printf("%s: %d samples; debug strings formatted in RegisterResource %.1f %%,"
                        + " sending them as engine logs %.1f %%%n", recording.getFileName(), samples,
                100.0 * formatting / samples, 100.0 * logging / samples);
    }

    /** A sample inside String.format or protobuf's TextFormat, called (innermost SDK frame) from RegisterResource. */
    private static boolean isDebugFormatting(List<RecordedFrame> frames) {
        boolean formatting = false;
        for (var frame : frames) {
            var name = name(frame);
            if (name.startsWith("java.lang.String.format") || name.startsWith("java.util.Formatter")
                    || name.startsWith("com.google.protobuf.TextFormat") || name.startsWith("com.google.protobuf.AbstractMessage.toString")) {
                formatting = true;
            } else if (name.startsWith("com.pulumi.")) {
                return formatting && name.startsWith("com.pulumi.deployment.internal.DeploymentImpl$RegisterResource.");
            }
        }
        return false;
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }
}
