package ai.kuraos.infra;

import ai.kuraos.infra.testing.PackageGraph;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** One direction through the packages of src/main: the order of docs/development.md ("Layers"), and no cycle. */
class LayeringTest {

    private static final String BASE = "ai.kuraos.infra";
    private static final Pattern PACKAGE_NAME = Pattern.compile("`([^`]+)`");

    /** The packages of the "Layers" table in docs/development.md, lowest first. */
    static List<String> documentedOrder() throws IOException {
        var lines = Files.readAllLines(Path.of("docs/development.md"));
        var heading = lines.indexOf("### Layers");
        assertThat(heading).as("docs/development.md has a section \"### Layers\"").isNotNegative();
        var order = new ArrayList<String>();
        var inTable = false;
        for (var line : lines.subList(heading + 1, lines.size())) {
            if (!line.startsWith("|")) {
                if (inTable) {
                    break;
                }
                continue;
            }
            inTable = true;
            var cells = line.split("\\|");
            if (cells.length < 3 || cells[1].isBlank() || cells[1].contains("---") || cells[1].trim().equals("Layer")) {
                continue;
            }
            var names = PACKAGE_NAME.matcher(cells[2]);
            while (names.find()) {
                order.add(names.group(1));
            }
        }
        return order;
    }

    @Test
    void srcMainHasNoPackageCycle() {
        assertThat(PackageGraph.of(Path.of("src/main/java"), BASE).cycles()).isEmpty();
    }

    @Test
    void everyPackageOfSrcMainUsesOnlyThePackagesBeforeItInDevelopmentMd() throws IOException {
        var order = documentedOrder();

        assertThat(order).contains("config", "component", PackageGraph.ROOT, "cli");
        assertThat(PackageGraph.of(Path.of("src/main/java"), BASE).violations(order)).isEmpty();
    }

    /** The check itself, on planted sources. */
    @Nested
    class TheCheck {

        private static final List<String> ORDER = List.of("config", "component", PackageGraph.ROOT, "cli");

        @TempDir
        Path sources;

        private PackageGraph graph(Map<String, String> files) throws IOException {
            for (var file : files.entrySet()) {
                var path = sources.resolve(file.getKey());
                Files.createDirectories(path.getParent());
                Files.writeString(path, file.getValue());
            }
            return PackageGraph.of(sources, BASE);
        }

        private PackageGraph configUsing(String body) throws IOException {
            return graph(Map.of(
                    "config/Target.java", "package ai.kuraos.infra.config;\n" + body,
                    "component/Adoption.java", "package ai.kuraos.infra.component;\nimport ai.kuraos.infra.config.Target;\n"
                            + "public record Adoption(Target target) {}\n",
                    "Program.java", "package ai.kuraos.infra;\nclass Program {}\n",
                    "cli/Main.java", "package ai.kuraos.infra.cli;\nclass Main { Object p = new ai.kuraos.infra.Program(); }\n"));
        }

        @Test
        void aDownwardUseIsAllowed() throws IOException {
            var graph = configUsing("public record Target() {}\n");

            assertThat(graph.violations(ORDER)).isEmpty();
            assertThat(graph.uses("cli")).containsOnlyKeys(PackageGraph.ROOT);
        }

        @Test
        void failsOnAnUpwardImport() throws IOException {
            var graph = configUsing("import ai.kuraos.infra.component.Adoption;\npublic record Target(Adoption a) {}\n");

            assertThat(graph.violations(ORDER)).singleElement().asString()
                    .contains("config uses component", "Target.java: ai.kuraos.infra.component.Adoption");
        }

        @Test
        void failsOnACycle() throws IOException {
            var graph = configUsing("import ai.kuraos.infra.component.Adoption;\npublic record Target(Adoption a) {}\n");

            assertThat(graph.cycles()).containsExactly(Set.of("component", "config"));
        }

        @Test
        void failsOnAStaticImport() throws IOException {
            var graph = configUsing("import static ai.kuraos.infra.cli.Main.run;\npublic record Target() {}\n");

            assertThat(graph.violations(ORDER)).singleElement().asString().contains("config uses cli");
        }

        @Test
        void failsOnAWildcardImport() throws IOException {
            var graph = configUsing("import ai.kuraos.infra.component.*;\npublic record Target() {}\n");

            assertThat(graph.violations(ORDER)).singleElement().asString().contains("config uses component");
        }

        @Test
        void failsOnANameWrittenInFullInTheCodeEvenAcrossLines() throws IOException {
            var graph = configUsing("public record Target() {\n  static final String P = ai.kuraos.infra\n"
                    + "      . Program.PROJECT;\n}\n");

            assertThat(graph.violations(ORDER)).singleElement().asString()
                    .contains("config uses (root)", "ai.kuraos.infra.Program");
        }

        @Test
        void aNameInACommentOrALiteralIsNoUse() throws IOException {
            var graph = configUsing("/** See {@link ai.kuraos.infra.cli.Main}. */\npublic record Target() {\n"
                    + "  // ai.kuraos.infra.cli.Main\n  static final String A = \"ai.kuraos.infra.cli.Main\";\n"
                    + "  static final String B = \"\"\"\n      ai.kuraos.infra.cli.Main \\\"\"\" \n      \"\"\";\n"
                    + "  static final char C = '\"';\n}\n");

            assertThat(graph.uses("config")).isEmpty();
        }

        @Test
        void failsOnAPackageTheOrderDoesNotList() throws IOException {
            var graph = configUsing("public record Target() {}\n");

            assertThat(graph.violations(List.of("config", PackageGraph.ROOT, "cli", "policy")))
                    .containsExactlyInAnyOrder("the order lists policy, which has no source",
                            "component is missing from the order");
        }
    }
}
