package ai.kuraos.infra.publish;

import ai.kuraos.infra.edge.EdgeSettings;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Publishes a built front end to the assets bucket following a {@link SyncPlan}, with the headers each file needs,
 * then invalidates what the CDN may still serve stale.
 */
public final class StaticSitePublisher {

    private static final int PROGRESS_BATCH = 25;

    private final EdgeSettings.Cdn cdn;
    private final Consumer<String> progress;

    public StaticSitePublisher(EdgeSettings.Cdn cdn, Consumer<String> progress) {
        this.cdn = cdn;
        this.progress = progress;
    }

    /** What was done. */
    public record Report(int uploaded, int unchanged, int deleted, List<String> invalidated) {
    }

    /** The build's files as object names (relative paths with {@code /}) to their MD5, as Cloud Storage reports it. */
    public static Map<String, String> readBuild(Path directory) {
        var files = new TreeMap<String, String>();
        try (Stream<Path> paths = Files.walk(directory)) {
            for (var path : paths.filter(Files::isRegularFile).toList()) {
                files.put(directory.relativize(path).toString().replace('\\', '/'), md5(Files.readAllBytes(path)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the build in " + directory, e);
        }
        return files;
    }

    public SyncPlan plan(Map<String, String> build, Storage storage, String bucket) {
        var remote = new TreeMap<String, String>();
        storage.list(bucket, Storage.BlobListOption.fields(Storage.BlobField.NAME, Storage.BlobField.MD5HASH))
                .iterateAll().forEach(blob -> remote.put(blob.getName(), String.valueOf(blob.getMd5())));
        return SyncPlan.of(build, remote, cdn);
    }

    public Report publish(Path directory, Storage storage, String bucket, CdnInvalidator invalidator) {
        var build = readBuild(directory);
        var plan = plan(build, storage, bucket);
        var uploads = plan.uploads();
        for (int index = 0; index < uploads.size(); index++) {
            var action = uploads.get(index);
            upload(storage, bucket, directory, action, build.get(action.name()));
            if ((index + 1) % PROGRESS_BATCH == 0 || index + 1 == uploads.size()) {
                progress.accept("uploaded " + (index + 1) + "/" + uploads.size() + " files");
            }
        }
        var deletions = plan.deletions();
        for (var action : deletions) {
            storage.delete(bucket, action.name());
        }
        if (!deletions.isEmpty()) {
            progress.accept("deleted " + deletions.size() + " files the build no longer has");
        }
        var operations = new ArrayList<String>();
        for (var path : plan.invalidations()) {
            operations.add(invalidator.invalidate(path));
        }
        for (int index = 0; index < operations.size(); index++) {
            invalidator.awaitDone(operations.get(index));
            progress.accept("invalidated " + plan.invalidations().get(index) + " (operation " + operations.get(index) + ")");
        }
        var unchanged = (int) plan.actions().stream().filter(action -> action.change() == SyncPlan.Change.UNCHANGED).count();
        return new Report(uploads.size(), unchanged, deletions.size(), plan.invalidations());
    }

    private static void upload(Storage storage, String bucket, Path directory, SyncPlan.Action action, String md5) {
        try {
            var content = Files.readAllBytes(directory.resolve(action.name()));
            storage.create(BlobInfo.newBuilder(bucket, action.name())
                            .setContentType(action.contentType())
                            .setCacheControl(action.cacheControl())
                            .setMd5(md5)
                            .build(),
                    content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + action.name(), e);
        }
    }

    private static String md5(byte[] content) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
