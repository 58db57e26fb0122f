package ai.kuraos.infra.plan;

import ai.kuraos.infra.architecture.ArchitectureMermaid;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The picture of each stack a change touches, with its added, changed and removed parts marked (the comment's
 * details; GitHub renders the Mermaid). It never blocks a change.
 *
 * @param pictures stack to a fenced Mermaid block, as {@link ArchitectureMermaid#changedPictures} gives them
 */
public record ArchitectureSection(SortedMap<String, String> pictures) implements ReviewSection {

    public ArchitectureSection {
        pictures = new TreeMap<>(pictures);
    }

    @Override
    public String key() {
        return "architecture";
    }

    @Override
    public String text() {
        return pictures.isEmpty() ? "" : "architecture changes: " + String.join(", ", pictures.keySet())
                + " (stacks/<stack>/architecture.md)\n";
    }

    @Override
    public String markdownSummary() {
        return "";
    }

    @Override
    public String markdownDetails(int room) {
        var details = details();
        return details.length() <= room ? details : "";
    }

    @Override
    public boolean cutAt(int room) {
        return details().length() > room;
    }

    @Override
    public JsonNode json() {
        var json = JsonNodeFactory.instance.objectNode();
        var changed = json.putArray("changed");
        pictures.keySet().forEach(changed::add);
        return json;
    }

    @Override
    public boolean blocks() {
        return false;
    }

    private String details() {
        var details = new StringBuilder();
        pictures.forEach((stack, picture) -> details.append("\n<details><summary>Architecture of ").append(stack)
                .append(": what this change touches (added, changed, removed parts marked)</summary>\n\n")
                .append(picture).append("\n</details>\n"));
        return details.toString();
    }
}
