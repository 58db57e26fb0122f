package ai.kuraos.infra.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The coverage map: each catalogue check (Checkov's policy index, {@value #CATALOGUE}) that applies to a resource type
 * of the plans, and how the policy covers it ({@value #FILE}): a rule, a waiver with its reason, or "not applicable"
 * with why. A planned type is matched to the catalogue's resource types and kinds by {@value #TYPES}.
 */
public final class Coverage {

    public static final String FILE = "policy/coverage.yaml";
    static final String CATALOGUE = "/policy/checkov-catalogue.tsv";
    static final String TYPES = "/policy/catalogue-types.tsv";
    public static final String BEGIN = "<!-- BEGIN GENERATED COVERAGE: policy --write-docs -->";
    public static final String END = "<!-- END GENERATED COVERAGE -->";

    private Coverage() {
    }

    /** A check of the catalogue: its id, the resource type or entity it applies to, its title. */
    record Check(String id, String entity, String title) {
    }

    /** How some checks are covered: exactly one of rule, waiver (the reason) and notApplicable (why). */
    record Entry(List<String> checks, String rule, String waiver, String notApplicable) {

        String shown() {
            return !rule.isEmpty() ? "rule " + rule : !waiver.isEmpty() ? "waived: " + waiver
                    : "not applicable: " + notApplicable;
        }
    }

    /** A planned type's applicable check and its entry (null when the coverage map lacks one). */
    record Row(String type, Check check, Entry entry) {
    }

    static List<Check> catalogue() {
        var checks = new ArrayList<Check>();
        for (var line : lines(CATALOGUE)) {
            var fields = line.split("\t", 3);
            checks.add(new Check(fields[0], fields[1], fields[2]));
        }
        return checks;
    }

    /** The catalogue entities (Terraform types, Kubernetes kinds, workflow keys) that a planned type is. */
    static Map<String, Set<String>> entitiesByType() {
        var entities = new TreeMap<String, Set<String>>();
        for (var line : lines(TYPES)) {
            var fields = line.split("\t", 2);
            entities.computeIfAbsent(fields[0], type -> new TreeSet<>()).add(fields[1]);
        }
        return entities;
    }

    private static List<String> lines(String resource) {
        try (InputStream in = Coverage.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /**
     * The entries of {@code yaml} by check id.
     *
     * @throws IllegalArgumentException listing every bad entry: not exactly one of rule, waiver and notApplicable, an
     *                                  unknown rule or check, a check covered twice
     */
    static Map<String, Entry> parse(String yaml, Set<String> knownRules) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        } catch (IOException unreadable) {
            throw new IllegalArgumentException(FILE + " is not valid YAML: " + unreadable.getMessage());
        }
        var known = new TreeSet<String>();
        catalogue().forEach(check -> known.add(check.id()));
        var entries = new LinkedHashMap<String, Entry>();
        var errors = new ArrayList<String>();
        var list = root == null ? null : root.path("coverage");
        if (list == null || !list.isArray()) {
            throw new IllegalArgumentException(FILE + " must hold a list under 'coverage:'");
        }
        for (int i = 0; i < list.size(); i++) {
            var node = list.get(i);
            var where = FILE + " entry " + (i + 1);
            var entry = new Entry(Json.texts(node.path("checks")), Json.text(node.path("rule")),
                    Json.text(node.path("waiver")).strip(), Json.text(node.path("notApplicable")).strip());
            var kinds = (entry.rule().isEmpty() ? 0 : 1) + (entry.waiver().isEmpty() ? 0 : 1)
                    + (entry.notApplicable().isEmpty() ? 0 : 1);
            if (entry.checks().isEmpty() || kinds != 1) {
                errors.add(where + ": needs checks and exactly one of rule, waiver (the reason) and notApplicable"
                        + " (why)");
            }
            if (!entry.rule().isEmpty() && !knownRules.contains(entry.rule())) {
                errors.add(where + ": rule " + entry.rule() + " does not exist");
            }
            for (var check : entry.checks()) {
                if (!known.contains(check)) {
                    errors.add(where + ": check " + check + " is not in the catalogue (" + CATALOGUE + ")");
                } else if (entries.putIfAbsent(check, entry) != null) {
                    errors.add(where + ": check " + check + " is covered by an earlier entry too");
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", errors));
        }
        return entries;
    }

    /** Every applicable check of every planned type, with its entry; types the catalogue has no check for are left out. */
    static List<Row> rows(Collection<String> plannedTypes, Map<String, Entry> entries) {
        var byEntity = new TreeMap<String, List<Check>>();
        catalogue().forEach(check -> byEntity.computeIfAbsent(check.entity(), entity -> new ArrayList<>()).add(check));
        var entitiesByType = entitiesByType();
        var rows = new ArrayList<Row>();
        for (var type : new TreeSet<>(plannedTypes)) {
            var seen = new TreeSet<String>();
            for (var entity : entities(type, entitiesByType)) {
                for (var check : byEntity.getOrDefault(entity, List.of())) {
                    if (seen.add(check.id())) {
                        rows.add(new Row(type, check, entries.get(check.id())));
                    }
                }
            }
        }
        return rows;
    }

    /** Planned gcp types the type map does not know: their checks could not be matched. */
    static List<String> unmappedTypes(Collection<String> plannedTypes) {
        var known = entitiesByType().keySet();
        return new TreeSet<>(plannedTypes).stream()
                .filter(type -> type.startsWith("gcp:") && !known.contains(type)).toList();
    }

    private static Set<String> entities(String type, Map<String, Set<String>> entitiesByType) {
        var entities = new TreeSet<>(entitiesByType.getOrDefault(type, Set.of()));
        if (type.startsWith("kubernetes:")) {
            entities.add(type.substring(type.lastIndexOf(':') + 1));
        }
        return entities;
    }

    /** The generated section: per planned type, each applicable check and how it is covered. */
    static String table(List<Row> rows) {
        var table = new StringBuilder("| Type | Check | Title | Coverage |\n|---|---|---|---|\n");
        for (var row : rows) {
            table.append("| `").append(row.type()).append("` | ").append(row.check().id()).append(" | ")
                    .append(PolicyOutput.Markdown.cell(row.check().title())).append(" | ")
                    .append(row.entry() == null ? "**none**" : PolicyOutput.Markdown.cell(row.entry().shown()))
                    .append(" |\n");
        }
        return table.toString();
    }

    /** {@code doc} with the coverage section replaced by {@link #table} of {@code rows}. */
    public static String regenerate(String doc, Collection<String> plannedTypes, String coverageYaml) {
        var rows = rows(plannedTypes, parse(coverageYaml, PolicyReport.waivableRules()));
        var start = doc.indexOf(BEGIN);
        var stop = doc.indexOf(END);
        if (start < 0 || stop < start) {
            throw new IllegalArgumentException(RulesDoc.DOC + " lacks the markers " + BEGIN + " ... " + END);
        }
        return doc.substring(0, start + BEGIN.length()) + "\n" + table(rows) + doc.substring(stop);
    }

    /** The resource types of {@code plans}. */
    public static Set<String> plannedTypes(List<StackPlan> plans) {
        var types = new TreeSet<String>();
        plans.forEach(plan -> plan.resources().forEach(resource -> types.add(resource.type())));
        return types;
    }
}
