package ai.kuraos.infra.publish;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static ai.kuraos.infra.publish.StaticFilesTest.CDN;
import static org.assertj.core.api.Assertions.assertThat;

class SyncPlanTest {

    @Test
    void uploadsNewAndChangedFilesKeepsIdenticalOnesAndDeletesWhatIsGone() {
        var local = Map.of("index.html", "new", "app.3f2a9c1b.css", "same", "images/logo.png", "logo");
        var remote = Map.of("index.html", "old", "app.3f2a9c1b.css", "same", "old-page.html", "gone");

        var plan = SyncPlan.of(local, remote, CDN);

        assertThat(plan.actions()).extracting(SyncPlan.Action::name, SyncPlan.Action::change).containsExactly(
                org.assertj.core.groups.Tuple.tuple("app.3f2a9c1b.css", SyncPlan.Change.UNCHANGED),
                org.assertj.core.groups.Tuple.tuple("images/logo.png", SyncPlan.Change.NEW),
                org.assertj.core.groups.Tuple.tuple("index.html", SyncPlan.Change.CHANGED),
                org.assertj.core.groups.Tuple.tuple("old-page.html", SyncPlan.Change.GONE));
        assertThat(plan.uploads()).extracting(SyncPlan.Action::name).containsExactly("images/logo.png", "index.html");
        assertThat(plan.deletions()).extracting(SyncPlan.Action::name).containsExactly("old-page.html");
    }

    @Test
    void uploadsAssetsBeforeThePagesThatUseThem() {
        var local = Map.of("index.html", "1", "main.4f2a9c1b.js", "2", "favicon.ico", "3", "about/index.html", "4");

        var plan = SyncPlan.of(local, Map.of(), CDN);

        assertThat(plan.uploads()).extracting(SyncPlan.Action::name)
                .containsExactly("main.4f2a9c1b.js", "favicon.ico", "about/index.html", "index.html");
    }

    @Test
    void invalidatesOnlyChangedOrDeletedFilesThatKeepTheirUrl() {
        var local = Map.of("index.html", "new", "main.4f2a9c1b.js", "new", "robots.txt", "same", "new.html", "new");
        var remote = Map.of("index.html", "old", "main.4f2a9c1b.js", "old", "robots.txt", "same", "main.0000aaaa1.js", "x",
                "legacy.html", "x");

        var plan = SyncPlan.of(local, remote, CDN);

        assertThat(plan.invalidations()).containsExactly("/", "/index.html", "/legacy.html");
    }

    @Test
    void invalidatesNothingWhenNothingChanged() {
        var files = Map.of("index.html", "a", "main.4f2a9c1b.js", "b");

        var plan = SyncPlan.of(files, files, CDN);

        assertThat(plan.uploads()).isEmpty();
        assertThat(plan.deletions()).isEmpty();
        assertThat(plan.invalidations()).isEmpty();
    }

    @Test
    void invalidatesEverythingAtOnceWhenManyPathsChanged() {
        var local = new HashMap<String, String>();
        var remote = new HashMap<String, String>();
        IntStream.range(0, SyncPlan.WILDCARD_THRESHOLD + 1).forEach(page -> {
            local.put("page" + page + ".html", "new");
            remote.put("page" + page + ".html", "old");
        });

        assertThat(SyncPlan.of(local, remote, CDN).invalidations()).isEqualTo(List.of("/*"));
    }

    @Test
    void withoutTheBucketListsEveryFileAndTheInvalidationsOfChangingAll() {
        var plan = SyncPlan.withoutRemote(Map.of("index.html", "a", "main.4f2a9c1b.js", "b", "logo.png", "c"), CDN);

        assertThat(plan.uploads()).hasSize(3);
        assertThat(plan.deletions()).isEmpty();
        assertThat(plan.invalidations()).containsExactly("/", "/index.html", "/logo.png");
    }
}
