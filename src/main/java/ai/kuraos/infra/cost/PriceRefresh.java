package ai.kuraos.infra.cost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Regenerates a price sheet's figures from a published export of the Cloud Billing catalogue (the generated
 * {@code pricing.yml} of Cyclenerd/google-cloud-pricing-cost-calculator): every entry with a {@code catalog} path takes
 * the export's figure for the sheet's region. The sheet's text is kept as it is around the lines it rewrites (its
 * comments, order and the entries without a catalogue path), so a refresh reviews as a diff of figures.
 */
public final class PriceRefresh {

    private static final Pattern ENTRY = Pattern.compile("(?m)^  ([a-z0-9-]+):\\n((?:    .*\\n|      .*\\n)*)");

    private PriceRefresh() {
    }

    /** What one entry became: its new figure, or why it kept the old one. */
    public record Outcome(String key, boolean refreshed, String detail) {
    }

    /** The sheet's new text and what happened to each entry that names a catalogue path. */
    public record Result(String sheet, List<Outcome> outcomes) {
    }

    /**
     * @param sheetYaml   the sheet as it stands
     * @param exportYaml  the catalogue export
     * @param source      where the export was read (a URL naming its commit), written as each refreshed entry's source
     * @param read        the date the export was read (yyyy-mm-dd)
     */
    public static Result refresh(String sheetYaml, String exportYaml, String source, String read) {
        var region = PriceSheet.parse(sheetYaml).region();
        JsonNode export;
        try {
            // The export is about 4 MB, above the YAML reader's default limit of 3 MB.
            var yaml = YAMLFactory.builder().loaderOptions(exportLoaderOptions()).build();
            export = new ObjectMapper(yaml).readTree(exportYaml);
        } catch (IOException e) {
            throw new IllegalArgumentException("the catalogue export is not YAML: " + e.getMessage(), e);
        }
        var outcomes = new ArrayList<Outcome>();
        var pricesStart = sheetYaml.indexOf("\nprices:\n");
        var out = new StringBuilder();
        var matcher = ENTRY.matcher(sheetYaml);
        int last = 0;
        while (matcher.find()) {
            if (matcher.start() < pricesStart) {
                continue;
            }
            out.append(sheetYaml, last, matcher.start());
            last = matcher.end();
            var key = matcher.group(1);
            var body = matcher.group(2);
            var path = nested(body, "catalog", "path");
            var field = nested(body, "catalog", "field");
            if (path == null || field == null) {
                out.append(matcher.group());
                continue;
            }
            var figure = at(export, path).path(region).path(field);
            if (!figure.isNumber()) {
                outcomes.add(new Outcome(key, false, "the export has no " + region + " figure at " + path + "." + region
                        + "." + field + "; the entry keeps its figure"));
                out.append(matcher.group());
                continue;
            }
            var usd = figure.decimalValue().stripTrailingZeros().toPlainString();
            var updated = body;
            updated = withField(updated, "usd", usd);
            updated = withField(updated, "region", region);
            updated = withField(updated, "source", source);
            updated = withField(updated, "read", read);
            updated = withField(updated, "confirmed", "true");
            updated = updated.replaceAll("(?m)^    uplift: .*\\n", "");
            outcomes.add(new Outcome(key, true, String.format(Locale.ROOT, "%s %s per %s (%s.%s.%s)", usd, region,
                    field, path, region, field)));
            out.append("  ").append(key).append(":\n").append(updated);
        }
        out.append(sheetYaml.substring(last));
        var text = out.toString();
        PriceSheet.parse(text);
        return new Result(text, outcomes);
    }

    private static org.yaml.snakeyaml.LoaderOptions exportLoaderOptions() {
        var options = new org.yaml.snakeyaml.LoaderOptions();
        options.setCodePointLimit(64 * 1024 * 1024);
        return options;
    }

    private static JsonNode at(JsonNode root, String dottedPath) {
        var node = root;
        for (var part : dottedPath.split("\\.")) {
            node = node.path(part);
        }
        return node;
    }

    /** A two-level field of an entry's body ({@code catalog: / path: ...}), or null. */
    private static String nested(String body, String parent, String child) {
        var block = Pattern.compile("(?m)^    " + parent + ":\\n((?:      .*\\n)*)").matcher(body);
        if (!block.find()) {
            return null;
        }
        var value = Pattern.compile("(?m)^      " + child + ": *(.+)$").matcher(block.group(1));
        return value.find() ? value.group(1).trim() : null;
    }

    private static String withField(String body, String field, String value) {
        var line = "    " + field + ": " + value + "\n";
        var existing = Pattern.compile("(?m)^    " + field + ": .*\\n").matcher(body);
        if (existing.find()) {
            return body.substring(0, existing.start()) + line + body.substring(existing.end());
        }
        return line + body;
    }

    /** The report a person reads after a refresh: one line per catalogue entry. */
    public static String report(Result result) {
        var text = new StringBuilder();
        for (var outcome : result.outcomes()) {
            text.append(outcome.refreshed() ? "refreshed " : "KEPT      ").append(outcome.key()).append(": ")
                    .append(outcome.detail()).append('\n');
        }
        return text.toString();
    }
}
