package ai.kuraos.infra.publish;

import ai.kuraos.infra.edge.EdgeSettings;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What publishing a build does to the assets bucket, like {@code gsutil rsync -c -d}: upload what is new or whose
 * checksum differs, keep what is identical, delete what the build no longer has. Then invalidate the CDN for the
 * changed or deleted files that keep their URL (fingerprinted ones never need it), or everything when that is many.
 */
public record SyncPlan(List<Action> actions, List<String> invalidations) {

    /** More paths than this are invalidated as one {@code /*}: one operation instead of dozens. */
    public static final int WILDCARD_THRESHOLD = 15;

    public enum Change { NEW, CHANGED, UNCHANGED, GONE }

    /** One object: what happens to it and the headers it is served with. */
    public record Action(String name, Change change, AssetKind kind, String contentType, String cacheControl) {

        public boolean uploads() {
            return change == Change.NEW || change == Change.CHANGED;
        }
    }

    public SyncPlan {
        actions = List.copyOf(actions);
        invalidations = List.copyOf(invalidations);
    }

    /**
     * @param local  the build's files: object name to MD5 (base64, as Cloud Storage gives it)
     * @param remote the bucket's objects, the same way
     */
    public static SyncPlan of(Map<String, String> local, Map<String, String> remote, EdgeSettings.Cdn cdn) {
        var actions = new ArrayList<Action>();
        local.forEach((name, md5) -> {
            var change = !remote.containsKey(name) ? Change.NEW
                    : remote.get(name).equals(md5) ? Change.UNCHANGED : Change.CHANGED;
            actions.add(action(name, change, cdn));
        });
        remote.keySet().stream().filter(name -> !local.containsKey(name))
                .forEach(name -> actions.add(action(name, Change.GONE, cdn)));
        // Assets before the pages that reference them; deletions only once everything new is up.
        actions.sort(Comparator.comparing((Action action) -> action.change() == Change.GONE)
                .thenComparing(action -> action.kind().ordinal())
                .thenComparing(Action::name));

        var paths = new TreeSet<String>();
        actions.stream()
                .filter(action -> action.kind() != AssetKind.FINGERPRINTED)
                .filter(action -> action.change() == Change.CHANGED || action.change() == Change.GONE)
                .forEach(action -> paths.addAll(StaticFiles.urlPaths(action.name())));
        var invalidations = paths.size() > WILDCARD_THRESHOLD ? List.of("/*") : List.copyOf(paths);
        return new SyncPlan(actions, invalidations);
    }

    /**
     * The plan when the bucket cannot be read (a dry run without cloud access): every file is uploaded if it differs,
     * and the invalidations are those of a publish that changes every file.
     */
    public static SyncPlan withoutRemote(Map<String, String> local, EdgeSettings.Cdn cdn) {
        var everyFileDiffers = new java.util.HashMap<String, String>();
        local.keySet().forEach(name -> everyFileDiffers.put(name, ""));
        return of(local, everyFileDiffers, cdn);
    }

    private static Action action(String name, Change change, EdgeSettings.Cdn cdn) {
        var kind = StaticFiles.kind(name);
        return new Action(name, change, kind, StaticFiles.contentType(name), StaticFiles.cacheControl(kind, cdn));
    }

    public List<Action> uploads() {
        return actions.stream().filter(Action::uploads).toList();
    }

    public List<Action> deletions() {
        return actions.stream().filter(action -> action.change() == Change.GONE).toList();
    }
}
