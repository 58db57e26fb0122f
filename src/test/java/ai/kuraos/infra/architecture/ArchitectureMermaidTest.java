package ai.kuraos.infra.architecture;

import ai.kuraos.infra.testing.SynthesizedStack;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The picture drawn from each committed plan, and the picture of a change with its parts marked. */
class ArchitectureMermaidTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode plan(String stack) throws IOException {
        return JSON.readTree(Files.readString(SynthesizedStack.PROJECT.planDirectory(stack).resolve("plan.json")));
    }

    private static ArchitectureDiagram.Node node(ArchitectureDiagram.Diagram diagram, String id) {
        return diagram.node(id).orElseThrow(() -> new AssertionError("no node " + id + " in " + diagram.nodes()));
    }

    private static boolean hasEdge(ArchitectureDiagram.Diagram diagram, String from, String to) {
        return diagram.edges().stream().anyMatch(edge -> edge.from().equals(from) && edge.to().equals(to));
    }

    @Test
    void drawsTheRequestPathOfProdFromTheLoadBalancerToTheData() throws IOException {
        var prod = ArchitectureDiagram.of(plan("prod"));

        assertThat(node(prod, "lb").label()).contains("api.kuraos.ai");
        assertThat(node(prod, "n_kura_armor").label()).startsWith("Cloud Armor");
        assertThat(hasEdge(prod, "users", "lb")).isTrue();
        assertThat(hasEdge(prod, "lb", "n_kura_armor")).isTrue();
        assertThat(hasEdge(prod, "n_kura_armor", "n_kura_backend_neg")).isTrue();
        assertThat(hasEdge(prod, "n_kura_backend_neg", "n_kura_backend")).isTrue();
        assertThat(hasEdge(prod, "lb", "n_kura_static_backend")).isTrue();
        assertThat(hasEdge(prod, "n_kura_static_backend", "n_kura_static")).isTrue();
        // Adopted, kura-backend runs its live template, which reaches the database and the secrets; Redis, Kafka and
        // the backups bucket come with backend.template: program (docs/adoption.md, the change sequence).
        for (var data : new String[] {"n_kura_primary", "secrets"}) {
            assertThat(hasEdge(prod, "n_kura_backend", data)).as("kura-backend reaches " + data).isTrue();
        }
        assertThat(hasEdge(prod, "n_kura_migrator", "n_kura_primary")).isTrue();
        assertThat(hasEdge(prod, "n_inference_deployment", "n_kafka_cluster")).isTrue();
        assertThat(hasEdge(prod, "monitoring", "lb")).isTrue();
    }

    @Test
    void putsTheKubernetesWorkloadsInsideTheCluster() throws IOException {
        var prod = ArchitectureDiagram.of(plan("prod"));

        assertThat(prod.groups()).containsEntry("gke", "GKE Autopilot kura-gke");
        assertThat(node(prod, "n_kafka_cluster").group()).contains("gke");
        assertThat(node(prod, "n_inference_deployment").group()).contains("gke");
        assertThat(node(prod, "n_kura_primary").group()).isEmpty();
    }

    @Test
    void drawsOneNodePerComponentNotOnePerIamMemberOrApi() throws IOException {
        var prod = ArchitectureDiagram.of(plan("prod"));

        assertThat(prod.nodes()).hasSizeLessThan(25);
        assertThat(prod.nodes()).noneMatch(node -> node.label().contains("IAM") || node.label().contains("googleapis.com"));
        assertThat(node(prod, "secrets").label()).isEqualTo("Secret Manager<br/>17 secrets");
    }

    @Test
    void drawsDevWithoutAnEdgeOrACluster() throws IOException {
        var dev = ArchitectureDiagram.of(plan("dev"));

        assertThat(dev.node("lb")).isEmpty();
        assertThat(dev.groups()).isEmpty();
        assertThat(hasEdge(dev, "monitoring", "n_kura_backend")).isTrue();
    }

    @Test
    void writesAMarkdownFileWithOneMermaidFlowchart() throws IOException {
        var markdown = ArchitectureMermaid.markdown("prod", plan("prod"));

        assertThat(markdown).startsWith("# Architecture of stack prod\n").contains("```mermaid\nflowchart LR\n")
                .contains("  subgraph gke[\"GKE Autopilot kura-gke\"]\n")
                .contains("  n_kura_primary[(\"Cloud SQL POSTGRES_15<br/>kura-primary: db-custom-1-3840, REGIONAL\")]\n")
                .contains("  lb -->|\"/api/*\"| n_kura_armor\n")
                .endsWith("```\n")
                .doesNotContain("classDef");
    }

    @Test
    void marksAChangedDatabaseTier() throws IOException {
        var base = plan("prod");
        var changed = JSON.readTree(base.toString().replace("\"db-custom-1-3840\"", "\"db-custom-2-7680\""));

        var picture = ArchitectureMermaid.changedFlowchart(base, changed).orElseThrow();

        assertThat(picture).contains("db-custom-2-7680").contains("classDef changed ").contains("  class n_kura_primary changed\n")
                .doesNotContain("class n_kura_cache");
    }

    @Test
    void marksAnAddedAndARemovedComponent() throws IOException {
        var base = plan("prod");
        var changed = (ObjectNode) base.deepCopy();
        var resources = (ArrayNode) changed.get("resources");
        for (int index = resources.size() - 1; index >= 0; index--) {
            if (resources.get(index).path("name").asText().equals("kura-cache")) {
                resources.remove(index);
            }
        }
        resources.addObject().put("type", "gcp:storage/bucket:Bucket").put("name", "kura-exports").putNull("parent")
                .putObject("inputs").put("name", "kura-os-kura-exports");

        var picture = ArchitectureMermaid.changedFlowchart(base, changed).orElseThrow();

        assertThat(picture).contains("n_kura_cache[(\"Memorystore Redis").contains("  class n_kura_exports added\n")
                .contains("  class n_kura_cache removed\n");
    }

    @Test
    void drawsNothingWhenThePictureDoesNotChange() throws IOException {
        assertThat(ArchitectureMermaid.changedFlowchart(plan("prod"), plan("prod"))).isEmpty();
    }

    @Test
    void givesAFencedPictureForEachStackWhosePictureChanges() throws IOException {
        var prod = Files.readString(SynthesizedStack.PROJECT.planDirectory("prod").resolve("plan.json"));
        var staging = Files.readString(SynthesizedStack.PROJECT.planDirectory("staging").resolve("plan.json"));

        var pictures = ArchitectureMermaid.changedPictures(Map.of("prod", prod, "staging", staging),
                Map.of("prod", prod.replace("\"db-custom-1-3840\"", "\"db-custom-2-7680\""), "staging", staging));

        assertThat(pictures).containsOnlyKeys("prod");
        assertThat(pictures.get("prod")).startsWith("```mermaid\nflowchart LR\n").endsWith("```\n")
                .contains("class n_kura_primary changed");
    }

    @Test
    void drawsAWholeNewStackAsAdded() throws IOException {
        var picture = ArchitectureMermaid.changedFlowchart(JSON.createObjectNode(), plan("dev")).orElseThrow();

        assertThat(picture).contains("  class ").contains(" added\n").doesNotContain(" changed\n");
    }
}
