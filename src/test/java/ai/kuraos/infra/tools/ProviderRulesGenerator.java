package ai.kuraos.infra.tools;

import ai.kuraos.infra.tools.GoLiterals.Element;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes {@code src/main/resources/plan/provider-rules.yaml}: for every resource type the rendered plans use, the
 * input paths whose change makes the provider the engine runs replace it, read from that provider's source at the
 * pinned commit in the git mirrors. Not part of the build: run it when a provider pin changes (docs/reviewing.md).
 * <pre>
 * mvn -B -q -o test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=ai.kuraos.infra.tools.ProviderRulesGenerator -Dexec.args=/work/.mirror
 * </pre>
 */
public final class ProviderRulesGenerator {

    static final String OUTPUT = "src/main/resources/plan/provider-rules.yaml";

    /** CustomizeDiff's ForceNewIfChange functions, by what they test (their bodies are cited in the file). */
    private static final Map<String, String> FORCE_NEW_IF_CHANGE = Map.of(
            "IsDiskShrinkage", "shrinks",
            "isRedisVersionDecreasing", "downgrades",
            "IsShrinkageIpCidr", "rangeNoLongerContainsOld",
            "isBeenEnabled", "turnsOff",
            "isPolicyLocked", "turnsOff",
            "isMasterInstanceNameSet", "becomesSet");

    private static final Pattern GCP_MODULE = Pattern.compile("(gcp\\w+)\\s*=\\s*\"(\\w+)\"");
    private static final Pattern GCP_TOKEN = Pattern.compile(
            "\"(google_\\w+)\":\\s*\\{\\s*Tok:\\s*gcpResource\\((gcp\\w+),\\s*\"(\\w+)\"\\)");
    private static final Pattern GCP_RENAMED = Pattern.compile("RenameResourceWithAlias\\(\"(google_\\w+)\",\\s*"
            + "gcpResource\\(gcp\\w+,\\s*\"\\w+\"\\),\\s*gcpResource\\((gcp\\w+),\\s*\"(\\w+)\"\\)");
    private static final Pattern FORCE_NEW_IF = Pattern.compile(
            "customdiff\\.ForceNewIfChange\\(\"([\\w.]+)\",\\s*(?:\\w+\\.)?(\\w+)\\)");

    private final Path mirrors;
    private final Map<String, String> googleFiles = new LinkedHashMap<>();

    private ProviderRulesGenerator(Path mirrors) {
        this.mirrors = mirrors;
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        var mirrors = Path.of(args.length > 0 ? args[0] : "/work/.mirror");
        var generator = new ProviderRulesGenerator(mirrors);
        var yaml = generator.generate(Path.of("."));
        Files.writeString(Path.of(OUTPUT), yaml, StandardCharsets.UTF_8);
        System.out.println("wrote " + OUTPUT);
    }

    private String generate(Path project) throws IOException, InterruptedException {
        var types = plannedTypes(project);
        var yaml = new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));
        var root = yaml.createObjectNode();
        var providers = root.putObject("providers");
        var rules = new TreeMap<String, ObjectNode>();

        var gcp = new Git(mirrors.resolve("pulumi+pulumi-gcp/repo"), "v7.0.0");
        var upstream = gcp.submoduleCommit("upstream");
        var google = new Git(mirrors.resolve("hashicorp+terraform-provider-google-beta/repo"), upstream);
        var bridge = GoLiterals.first(Pattern.compile("pulumi-terraform-bridge/v3 (\\S+)"), gcp.show("provider/go.mod"));
        providers.putObject("gcp").put("plugin", "7.0.0").put("pulumiCommit", gcp.commit())
                .put("bridges", "hashicorp/terraform-provider-google-beta").put("commit", upstream)
                .put("bridge", "pulumi-terraform-bridge " + bridge);
        var resourcesGo = gcp.show("provider/resources.go");
        var modules = new LinkedHashMap<String, String>();
        GCP_MODULE.matcher(resourcesGo).results().forEach(match -> modules.put(match.group(1), match.group(2)));
        var tfNames = new LinkedHashMap<String, String>();
        Stream.concat(GCP_TOKEN.matcher(resourcesGo).results(), GCP_RENAMED.matcher(resourcesGo).results()).forEach(match -> tfNames.put("gcp:" + modules.get(match.group(2))
                .toLowerCase() + "/" + lowerFirst(match.group(3)) + ":" + match.group(3), match.group(1)));
        var registrations = google.grep("\"google_[a-z0-9_]+\":[[:space:]]+[A-Za-z0-9_.]+\\(", "google-beta/provider/");
        for (var type : types) {
            if (!type.startsWith("gcp:")) {
                continue;
            }
            var tfName = tfNames.get(type);
            if (tfName == null) {
                throw new IllegalStateException("pulumi-gcp v7.0.0 provider/resources.go maps no TF resource to " + type);
            }
            rules.put(type, gcpRule(yaml, google, registrations, tfName, renames(resourcesGo, tfName)));
        }

        var kubernetes = new Git(mirrors.resolve("pulumi+pulumi-kubernetes/repo"), "v4.5.5");
        providers.putObject("kubernetes").put("plugin", "4.5.5").put("commit", kubernetes.commit())
                .put("source", "pulumi/pulumi-kubernetes provider/pkg/provider/diff.go");
        var diffGo = kubernetes.show("provider/pkg/provider/diff.go");
        for (var type : types) {
            if (type.startsWith("kubernetes:")) {
                rules.put(type, kubernetesRule(yaml, diffGo, type));
            }
        }
        rules.put("pulumi:providers:kubernetes", yaml.createObjectNode().put("provider", "kubernetes")
                .put("source", "provider/pkg/provider/provider.go DiffConfig (the active cluster of kubeconfig, cluster,"
                        + " context, renderYamlToDirectory)")
                .<com.fasterxml.jackson.databind.node.ObjectNode>set("replaceOn",
                        strings(yaml, List.of("cluster", "context", "renderYamlToDirectory")))
                .set("replaceWhen", yaml.createArrayNode().add(yaml.createObjectNode().put("path", "kubeconfig")
                        .put("when", "activeClusterChanges")
                        .put("source", "provider.go DiffConfig getActiveClusterFromConfig (an unknown kubeconfig replaces)"))));

        framework(yaml, providers, rules, types, "random", "4.18.4", "pulumi+pulumi-random/repo",
                "hashicorp+terraform-provider-random/repo", "terraform-provider-random");
        framework(yaml, providers, rules, types, "tls", "5.0.9", "pulumi+pulumi-tls/repo",
                "hashicorp+terraform-provider-tls/repo", "terraform-provider-tls");

        var missing = new TreeSet<>(types);
        missing.remove("pulumi:providers:kubernetes");
        missing.removeIf(type -> rules.containsKey(type) || type.startsWith("kura:"));
        if (!missing.isEmpty()) {
            throw new IllegalStateException("no provider rules found for " + missing);
        }
        var body = root.putObject("types");
        rules.forEach(body::set);
        return "# Generated by ai.kuraos.infra.tools.ProviderRulesGenerator from the providers' source at the commits below;\n"
                + "# do not edit (docs/reviewing.md says how to regenerate it).\n" + yaml.writeValueAsString(root);
    }

    // --- gcp: terraform-provider-google-beta's SDKv2 schemas -------------------------------------------------------

    private ObjectNode gcpRule(ObjectMapper yaml, Git google, List<String> registrations, String tfName,
                               Map<String, String> renames) throws IOException, InterruptedException {
        var registration = registrations.stream().filter(line -> line.contains("\"" + tfName + "\":"))
                .filter(line -> line.contains(".Resource")).findFirst()
                .orElseThrow(() -> new IllegalStateException("google-beta registers no " + tfName));
        var call = registration.substring(registration.indexOf("\"" + tfName + "\":") + tfName.length() + 3).strip();
        var replaceOn = new TreeSet<String>();
        var conditions = new ArrayList<ObjectNode>();
        String file;
        if (call.startsWith("tpgiamresource.ResourceIamMember(")) {
            var parent = call.substring(call.indexOf('(') + 1, call.indexOf(','));
            file = "google-beta/tpgiamresource/resource_iam_member.go + " + parent;
            walk(google, "tpgiamresource", varLiteral(google, "tpgiamresource", "IamMemberBaseSchema"), "", replaceOn, renames);
            var pkg = parent.substring(0, parent.indexOf('.'));
            walk(google, pkg, varLiteral(google, pkg, parent.substring(pkg.length() + 1)), "", replaceOn, renames);
        } else {
            var pkg = call.substring(0, call.indexOf('.'));
            var function = call.substring(pkg.length() + 1, call.indexOf('('));
            var located = google.function(servicePath(pkg), function);
            file = located.file();
            var resource = GoLiterals.elements(GoLiterals.braced(located.body(), located.body().indexOf("&schema.Resource{")));
            for (var element : resource) {
                if (element.key().equals("Schema")) {
                    walk(google, pkg, element.value(), "", replaceOn, renames);
                } else if (element.key().equals("CustomizeDiff")) {
                    conditions.addAll(customizeDiff(yaml, google, pkg, element.value(), located.text()));
                }
            }
        }
        var rule = yaml.createObjectNode().put("provider", "gcp").put("tf", tfName)
                .put("source", file + "@" + google.commit().substring(0, 8));
        rule.set("replaceOn", strings(yaml, List.copyOf(replaceOn)));
        if (!conditions.isEmpty()) {
            rule.putArray("replaceWhen").addAll(conditions);
        }
        return rule;
    }

    /** ForceNew fields of a schema map (a literal, or a call returning one), recursively through nested blocks. */
    private void walk(Git google, String pkg, String schemaMap, String prefix, TreeSet<String> replaceOn,
                      Map<String, String> renames) throws IOException, InterruptedException {
        var literal = schemaMap.strip();
        if (!literal.contains("{")) {
            var name = literal.replaceAll("\\(.*", "");
            var owner = name.contains(".") ? name.substring(0, name.indexOf('.')) : pkg;
            var simple = name.substring(name.indexOf('.') + 1);
            if (literal.contains("(")) {
                var located = google.function(servicePath(owner), simple);
                literal = located.body().substring(located.body().indexOf("return") + "return".length());
            } else {
                literal = varLiteral(google, owner, simple);
            }
        }
        for (var field : GoLiterals.elements(GoLiterals.braced(literal, 0))) {
            if (!field.value().contains("{")) {
                continue; // a shared schema by call (labels, project); none of those the plans use force a new one
            }
            var path = prefix + (prefix.isEmpty() ? renames.getOrDefault(field.key(), camel(field.key())) : camel(field.key()));
            var attributes = GoLiterals.elements(GoLiterals.braced(field.value(), 0));
            var single = attributes.stream().anyMatch(a -> a.key().equals("MaxItems") && a.value().equals("1"));
            for (var attribute : attributes) {
                if (attribute.key().equals("ForceNew") && attribute.value().equals("true")) {
                    replaceOn.add(path);
                }
                if (attribute.key().equals("Elem") && attribute.value().contains("schema.Resource")) {
                    var nested = attribute.value().contains("{")
                            ? GoLiterals.elements(GoLiterals.braced(attribute.value(), 0)).stream()
                                    .filter(e -> e.key().equals("Schema")).map(Element::value).findFirst().orElse(null)
                            : null;
                    if (nested != null) {
                        walk(google, pkg, nested, path + (single ? "." : "[*]."), replaceOn, renames);
                    }
                } else if (attribute.key().equals("Elem") && attribute.value().matches("[\\w.]+\\(\\)")) {
                    var name = attribute.value().replace("()", "");
                    var owner = name.contains(".") ? name.substring(0, name.indexOf('.')) : pkg;
                    var located = google.function(servicePath(owner), name.substring(name.indexOf('.') + 1));
                    var body = located.body();
                    var resource = GoLiterals.elements(GoLiterals.braced(body, body.indexOf("&schema.Resource{")));
                    for (var element : resource) {
                        if (element.key().equals("Schema")) {
                            walk(google, owner, element.value(), path + (single ? "." : "[*]."), replaceOn, renames);
                        }
                    }
                }
            }
        }
    }

    private List<ObjectNode> customizeDiff(ObjectMapper yaml, Git google, String pkg, String value, String fileText)
            throws IOException, InterruptedException {
        var conditions = new ArrayList<ObjectNode>();
        var matcher = FORCE_NEW_IF.matcher(value);
        while (matcher.find()) {
            var when = FORCE_NEW_IF_CHANGE.get(matcher.group(2));
            if (when == null) {
                throw new IllegalStateException("ForceNewIfChange with an unknown test " + matcher.group(2)
                        + ": read it and add it to FORCE_NEW_IF_CHANGE");
            }
            conditions.add(yaml.createObjectNode().put("path", tfPath(matcher.group(1))).put("when", when)
                    .put("source", matcher.group()));
        }
        for (var function : FORCE_NEW_IF.matcher(value).replaceAll("").split("[^\\w.]+")) {
            if (function.isBlank() || function.contains(".") || function.equals("customdiff") || !fileText.contains("func " + function + "(")) {
                continue;
            }
            var body = GoLiterals.braced(fileText, fileText.indexOf("{\n", fileText.indexOf("func " + function + "(")));
            var forced = GoLiterals.first(Pattern.compile("\\.ForceNew\\(\"([\\w.]+)\"\\)"), body);
            if (forced != null && body.contains("old != \"\" && new == \"\"")) {
                conditions.add(yaml.createObjectNode().put("path", tfPath(forced)).put("when", "becomesUnset")
                        .put("source", function));
            }
        }
        return conditions;
    }

    private static String servicePath(String pkg) {
        return pkg.startsWith("tpg") ? "google-beta/" + pkg + "/" : "google-beta/services/" + pkg + "/";
    }

    private static String varLiteral(Git google, String pkg, String name) throws IOException, InterruptedException {
        var located = google.declaration(servicePath(pkg), "var " + name + " = ");
        return located.text().substring(located.text().indexOf("var " + name + " = "));
    }

    /** pulumi-gcp's {@code Fields} renames of a resource's top-level TF fields. */
    private static Map<String, String> renames(String resourcesGo, String tfName) {
        var renames = new LinkedHashMap<String, String>();
        var at = resourcesGo.indexOf("\"" + tfName + "\":");
        var entry = GoLiterals.braced(resourcesGo, at);
        var fields = entry.indexOf("Fields:");
        if (fields >= 0) {
            for (var field : GoLiterals.elements(GoLiterals.braced(entry, fields))) {
                var name = GoLiterals.first(Pattern.compile("Name:\\s*\"(\\w+)\""), field.value());
                if (name != null) {
                    renames.put(field.key(), name);
                }
            }
        }
        return renames;
    }

    // --- kubernetes: pulumi-kubernetes' forceNew table -------------------------------------------------------------

    private static ObjectNode kubernetesRule(ObjectMapper yaml, String diffGo, String type) {
        var token = type.substring("kubernetes:".length());
        var group = token.substring(0, token.indexOf('/'));
        var version = token.substring(token.indexOf('/') + 1, token.indexOf(':'));
        var kind = token.substring(token.indexOf(':') + 1);
        var rule = yaml.createObjectNode().put("provider", "kubernetes");
        if (type.equals("kubernetes:helm.sh/v3:Release")) {
            var helm = "helm_release.go Diff: forceNewFields .name, .namespace; DeleteBeforeReplace: false";
            rule.put("source", "provider/pkg/provider/" + helm).put("deletesFirst", "never");
            rule.set("replaceOn", strings(yaml, List.of("name", "namespace")));
            return rule;
        }
        var paths = new ArrayList<>(List.of("metadata.name", "metadata.namespace"));
        var source = "provider/pkg/provider/diff.go metadataForceNewProperties";
        var groups = elementsOf(diffGo, "var forceNew = _groups{");
        var versions = groups.stream().filter(e -> e.key().equals(group.equals("core") ? "core" : group)).findFirst()
                .map(e -> e.value().contains("{") ? GoLiterals.elements(GoLiterals.braced(e.value(), 0))
                        : elementsOf(diffGo, "var " + e.value() + " = _versions{"))
                .orElse(List.of());
        var kinds = versions.stream().filter(e -> e.key().equals(version)).findFirst()
                .map(e -> GoLiterals.elements(GoLiterals.braced(e.value(), 0))).orElse(List.of());
        var own = kinds.stream().filter(e -> e.key().equals(kind)).findFirst();
        if (own.isPresent()) {
            var value = own.get().value();
            var text = value.matches("\\w+") ? GoLiterals.braced(diffGo, diffGo.indexOf("var " + value + " = ")) : value;
            GoLiterals.strings(text).stream().filter(path -> path.startsWith(".")).map(path -> path.substring(1))
                    .distinct().forEach(paths::add);
            source += " + forceNew[" + group + "][" + version + "][" + kind + "]";
        } else if (kind.equals("ConfigMap") && !kinds.isEmpty()) {
            rule.putArray("replaceWhen").add(yaml.createObjectNode().put("path", "data").put("when", "providerLacks:enableConfigMapMutable")
                    .put("source", "forceNewProperties: IsConfigMap && !k.enableConfigMapMutable"))
                    .add(yaml.createObjectNode().put("path", "binaryData").put("when", "providerLacks:enableConfigMapMutable")
                            .put("source", "forceNewProperties: IsConfigMap && !k.enableConfigMapMutable"));
        }
        rule.put("source", source).put("deletesFirst", "whenNameAndNamespaceKept");
        rule.set("replaceOn", strings(yaml, paths));
        return rule;
    }

    private static List<Element> elementsOf(String text, String declaration) {
        return GoLiterals.elements(GoLiterals.braced(text, text.indexOf(declaration)));
    }

    // --- random, tls: plugin-framework schemas ---------------------------------------------------------------------

    private void framework(ObjectMapper yaml, ObjectNode providers, Map<String, ObjectNode> rules, TreeSet<String> types,
                           String provider, String plugin, String pulumiRepo, String upstreamRepo, String module)
            throws IOException, InterruptedException {
        var pulumi = new Git(mirrors.resolve(pulumiRepo), "v" + plugin);
        var pseudo = GoLiterals.first(Pattern.compile(module + " \\S+-([0-9a-f]{12})"), pulumi.show("provider/go.mod"));
        var upstream = new Git(mirrors.resolve(upstreamRepo), pseudo);
        providers.putObject(provider).put("plugin", plugin).put("pulumiCommit", pulumi.commit())
                .put("bridges", "hashicorp/" + module).put("commit", upstream.commit());
        for (var type : types) {
            if (!type.startsWith(provider + ":")) {
                continue;
            }
            var snake = snake(type.substring(type.indexOf('/') + 1, type.lastIndexOf(':'))).replaceFirst("^random_", "");
            var file = "internal/provider/resource_" + snake + ".go";
            var text = upstream.show(file);
            var schemaAt = text.indexOf("func " + snake.replace("_", "") + "SchemaV");
            var replaceOn = new TreeSet<String>();
            attributes(text.substring(Math.max(0, schemaAt)), "", replaceOn);
            var rule = yaml.createObjectNode().put("provider", provider).put("source", file + "@" + upstream.commit().substring(0, 8));
            rule.set("replaceOn", strings(yaml, List.copyOf(replaceOn)));
            rules.put(type, rule);
        }
    }

    /** Attributes carrying a RequiresReplace plan modifier, through nested blocks. */
    private static void attributes(String text, String prefix, TreeSet<String> replaceOn) {
        var at = text.indexOf("Attributes: map[string]schema.Attribute{");
        if (at < 0) {
            return;
        }
        var schema = GoLiterals.braced(text, at);
        for (var attribute : GoLiterals.elements(schema)) {
            if (attribute.value().contains("RequiresReplace")) {
                replaceOn.add(prefix + camel(attribute.key()));
            }
        }
        var blocks = text.indexOf("Blocks: map[string]schema.Block{", at + schema.length());
        if (blocks >= 0 && prefix.isEmpty()) {
            for (var block : GoLiterals.elements(GoLiterals.braced(text, blocks))) {
                attributes(block.value(), camel(block.key()) + ".", replaceOn);
            }
        }
    }

    // --- names -----------------------------------------------------------------------------------------------------

    private static String tfPath(String tf) {
        var steps = new ArrayList<String>();
        for (var step : tf.split("\\.")) {
            if (!step.matches("\\d+")) {
                steps.add(camel(step));
            }
        }
        return String.join(".", steps);
    }

    static String camel(String snake) {
        var out = new StringBuilder();
        var upper = false;
        for (var c : snake.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }

    private static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
    }

    private static String lowerFirst(String name) {
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    private static com.fasterxml.jackson.databind.node.ArrayNode strings(ObjectMapper yaml, List<String> values) {
        var array = yaml.createArrayNode();
        values.forEach(array::add);
        return array;
    }

    private static TreeSet<String> plannedTypes(Path project) throws IOException {
        var types = new TreeSet<String>();
        var json = new ObjectMapper();
        try (Stream<Path> plans = Stream.concat(Files.list(project.resolve("stacks")), Files.list(project.resolve("bootstrap/stacks")))) {
            for (var plan : plans.map(stack -> stack.resolve("plan.json")).filter(Files::exists).toList()) {
                json.readTree(plan.toFile()).path("resources").forEach(r -> types.add(r.path("type").asText()));
            }
        }
        // and those the hand-kept facts name (a type only some settings declare, e.g. a billing grant)
        new ObjectMapper(new YAMLFactory()).readTree(project.resolve("src/main/resources/plan/replacements.yaml").toFile())
                .fieldNames().forEachRemaining(type -> {
                    if (!type.endsWith("*")) {
                        types.add(type);
                    }
                });
        return types;
    }

    /** A bare mirror read at one revision. */
    private record Git(Path repository, String revision) {

        record Located(String file, String text, String body) {
        }

        String commit() throws IOException, InterruptedException {
            return run("rev-parse", revision + "^{commit}").strip();
        }

        String submoduleCommit(String path) throws IOException, InterruptedException {
            return run("ls-tree", revision, path).split("\\s+")[2];
        }

        String show(String path) throws IOException, InterruptedException {
            return run("show", revision + ":" + path);
        }

        List<String> grep(String regex, String under) throws IOException, InterruptedException {
            return run("grep", "-h", "-E", regex, revision, "--", under).lines().toList();
        }

        /** The Go function {@code name} declared under {@code under}. */
        Located function(String under, String name) throws IOException, InterruptedException {
            var declaration = declaration(under, "func " + name + "(");
            return new Located(declaration.file(), declaration.text(),
                    "{" + GoLiterals.braced(declaration.text(), declaration.text().indexOf("{\n",
                            declaration.text().indexOf("func " + name + "("))) + "}");
        }

        Located declaration(String under, String start) throws IOException, InterruptedException {
            var hits = run("grep", "-l", "-F", start, revision, "--", under).lines().toList();
            if (hits.isEmpty()) {
                throw new IllegalStateException("no '" + start + "' under " + under + " at " + revision);
            }
            var file = hits.get(0).substring(revision.length() + 1);
            var text = show(file);
            return new Located(file, text, text);
        }

        private String run(String... args) throws IOException, InterruptedException {
            var command = new ArrayList<>(List.of("git", "--git-dir", repository.toString()));
            command.addAll(List.of(args));
            var process = new ProcessBuilder(command).redirectErrorStream(false).start();
            var out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IOException(String.join(" ", command) + ": " + new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
            }
            return out;
        }
    }
}
