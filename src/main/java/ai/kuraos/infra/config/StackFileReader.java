package ai.kuraos.infra.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads a {@code Pulumi.<stack>.yaml} file the way the Pulumi CLI does, so that the offline plan sees the values
 * {@code pulumi up} will see, and refuses what the CLI would refuse or silently misread.
 *
 * <p>The CLI reads stack files with gopkg.in/yaml.v3 into {@code workspace.ProjectStack}
 * (pulumi/pulumi sdk/go/common/workspace/project.go) and each config value with {@code config.Value.UnmarshalYAML}
 * (sdk/go/common/resource/config/value.go): a value that decodes as a string is passed as that text (a scalar's
 * own text, whatever it looks like); anything else is an object passed as JSON, except a one-key mapping
 * {@code secure: <text>}, which is a ciphertext. Inside objects, scalars resolve as yaml.v3 resolves them into
 * {@code interface{}}: only true/false are booleans (on, off, yes and no stay words), {@code 010} is octal 8,
 * {@code 1e3} is a number, and {@code .inf}/{@code .nan} cannot become JSON at all. Anchors, aliases and
 * {@code <<} merge keys resolve as yaml.v3 resolves them (a key written in the mapping wins over a merged one, and
 * an earlier merged mapping over a later one); a key defined twice in one mapping is an error there
 * ("mapping key already defined at line N"), and so it is here.
 *
 * <p>Every problem is gathered, named by the key it belongs to and its line, and never shows a value: a stack
 * file holds secrets.
 */
final class StackFileReader {

    /** {@code workspace.ProjectStack}'s fields: what a stack file's top level may hold. */
    static final Set<String> TOP_LEVEL_KEYS = Set.of("config", "secretsprovider", "encryptedkey", "encryptionsalt",
            "environment", "mainEnvironment");
    /** How deep a stack file may nest (the root mapping is level 1); ours nest five levels at most. */
    static final int MAX_DEPTH = 32;
    /** How many values aliases may expand to; yaml.v3 likewise refuses "excessive aliasing". */
    static final int MAX_VALUES = 100_000;

    private static final String CORE_TAG = "tag:yaml.org,2002:";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** yaml.v3's {@code yamlStyleFloat} (resolve.go). */
    private static final Pattern YAML_FLOAT = Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
    /** What the Pulumi secrets providers write: base64 text, the passphrase provider's with {@code v1:} parts. */
    private static final Pattern CIPHERTEXT = Pattern.compile("[A-Za-z0-9+/=:_-]+");

    private sealed interface YNode permits Scalar, Mapping, Sequence {
        int line();
    }

    private record Scalar(String value, String tag, boolean plain, int line) implements YNode {
    }

    private record Entry(YNode key, YNode value) {
    }

    private record Mapping(List<Entry> entries, int line) implements YNode {
    }

    private record Sequence(List<YNode> items, int line) implements YNode {
    }

    private final String fileName;
    private final Set<ConfigError> errors = new java.util.LinkedHashSet<>();
    private final Map<String, String> values = new TreeMap<>();
    private final Set<String> secretPaths = new TreeSet<>();
    private int produced;

    private StackFileReader(String fileName) {
        this.fileName = fileName;
    }

    /** The stack's config values, or an {@link InvalidConfigException} naming every problem. */
    static StackConfigValues read(Path stackFile) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(stackFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + stackFile + ": " + e.getMessage(), e);
        }
        var fileName = stackFile.getFileName().toString();
        var stack = fileName.matches("Pulumi\\..+\\.ya?ml") ? fileName.substring(7, fileName.lastIndexOf('.')) : fileName;
        return parse(stack, fileName, bytes);
    }

    static StackConfigValues parse(String stack, String fileName, byte[] bytes) {
        var reader = new StackFileReader(fileName);
        reader.readFile(bytes);
        if (!reader.errors.isEmpty()) {
            throw new InvalidConfigException(stack, List.copyOf(reader.errors));
        }
        return new StackConfigValues(reader.values, reader.secretPaths);
    }

    private void readFile(byte[] bytes) {
        var text = utf8(bytes);
        if (text.isEmpty()) {
            return;
        }
        compose(text.get()).ifPresent(this::readRoot);
    }

    private Optional<String> utf8(byte[] bytes) {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        var buffer = ByteBuffer.wrap(bytes);
        try {
            var text = decoder.decode(buffer).toString();
            return Optional.of(text.startsWith("\uFEFF") ? text.substring(1) : text);
        } catch (CharacterCodingException notUtf8) {
            // The decoder stops at the first bad byte: count the lines before it.
            var offset = firstInvalidByte(bytes);
            int line = 1;
            for (int i = 0; i < offset; i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            errors.add(new ConfigError(fileName, "line " + line + ": not UTF-8 (byte 0x"
                    + String.format("%02X", bytes[offset] & 0xFF) + "); the Pulumi CLI reads stack files as UTF-8,"
                    + " so save the file in that encoding"));
            return Optional.empty();
        }
    }

    private static int firstInvalidByte(byte[] bytes) {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        var in = ByteBuffer.wrap(bytes);
        var out = java.nio.CharBuffer.allocate(bytes.length + 1);
        var result = decoder.decode(in, out, true);
        return result.isError() ? in.position() : bytes.length - 1;
    }

    // ---- composing: events to a tree, with anchors, depth and documents checked ----

    private final class Frame {
        final YNode node;
        final String anchor;
        /** For a mapping: the key read, waiting for its value. */
        YNode pendingKey;
        final String path;

        Frame(YNode node, String anchor, String path) {
            this.node = node;
            this.anchor = anchor;
            this.path = path;
        }
    }

    private Optional<YNode> compose(String text) {
        var options = new LoaderOptions();
        options.setProcessComments(false);
        var parser = new ParserImpl(new StreamReader(text), options);
        var anchors = new HashMap<String, YNode>();
        var inProgress = new HashSet<String>();
        Deque<Frame> stack = new ArrayDeque<>();
        YNode root = null;
        int documents = 0;
        try {
            while (true) {
                var event = parser.getEvent();
                switch (event.getEventId()) {
                    case StreamStart, StreamEnd, DocumentEnd, Comment -> {
                        if (event.getEventId() == Event.ID.StreamEnd) {
                            return Optional.ofNullable(root);
                        }
                    }
                    case DocumentStart -> {
                        documents++;
                        if (documents > 1) {
                            errors.add(new ConfigError(fileName, "line " + line(event) + ": a second YAML document;"
                                    + " a stack file is one document (the Pulumi CLI would ignore everything after"
                                    + " the first), so remove the '---' and what follows or merge it into the first"));
                            return Optional.empty();
                        }
                    }
                    case Alias -> {
                        var anchor = ((AliasEvent) event).getAnchor();
                        var target = anchors.get(anchor);
                        if (target == null) {
                            errors.add(new ConfigError(pathOf(stack), "line " + line(event) + ": "
                                    + (inProgress.contains(anchor) ? "the alias *" + anchor + " refers to the value that"
                                    + " contains it" : "the alias *" + anchor + " refers to no anchor (&" + anchor
                                    + " is not defined before it)")));
                            return Optional.empty();
                        }
                        root = attach(stack, target, root);
                    }
                    case Scalar -> {
                        var scalar = (ScalarEvent) event;
                        YNode node = new Scalar(scalar.getValue(), scalar.getTag(), scalar.isPlain(), line(event));
                        remember(anchors, scalar.getAnchor(), node);
                        root = attach(stack, node, root);
                    }
                    case MappingStart, SequenceStart -> {
                        var start = (CollectionStartEvent) event;
                        if (stack.size() + 1 > MAX_DEPTH) {
                            errors.add(new ConfigError(pathOf(stack), "line " + line(event) + ": nested more than "
                                    + MAX_DEPTH + " levels deep; stack file values are a few levels of settings"));
                            return Optional.empty();
                        }
                        YNode node = event instanceof MappingStartEvent ? new Mapping(new ArrayList<>(), line(event))
                                : new Sequence(new ArrayList<>(), line(event));
                        if (start.getAnchor() != null) {
                            inProgress.add(start.getAnchor());
                        }
                        stack.push(new Frame(node, start.getAnchor(), childPath(stack)));
                    }
                    case MappingEnd, SequenceEnd -> {
                        var done = stack.pop();
                        if (done.anchor != null) {
                            inProgress.remove(done.anchor);
                        }
                        remember(anchors, done.anchor, done.node);
                        root = attach(stack, done.node, root);
                    }
                }
            }
        } catch (MarkedYAMLException syntax) {
            // Only the problem and where: the exception's message quotes the line, which may hold a secret.
            var mark = syntax.getProblemMark() != null ? syntax.getProblemMark() : syntax.getContextMark();
            errors.add(new ConfigError(pathOf(stack), (mark == null ? "" : "line " + (mark.getLine() + 1) + ", column "
                    + (mark.getColumn() + 1) + ": ") + "not valid YAML: " + syntax.getProblem()));
        } catch (YAMLException unreadable) {
            errors.add(new ConfigError(pathOf(stack), "not valid YAML: "
                    + unreadable.getClass().getSimpleName().replace("Exception", "").toLowerCase() + " error"));
        }
        return Optional.empty();
    }

    private static void remember(Map<String, YNode> anchors, String anchor, YNode node) {
        if (anchor != null) {
            anchors.put(anchor, node);
        }
    }

    /** Adds a finished node to the collection being read, or makes it the root. */
    private static YNode attach(Deque<Frame> stack, YNode node, YNode root) {
        var parent = stack.peek();
        if (parent == null) {
            return node;
        }
        if (parent.node instanceof Sequence sequence) {
            sequence.items().add(node);
        } else if (parent.pendingKey == null) {
            parent.pendingKey = node;
        } else {
            ((Mapping) parent.node).entries().add(new Entry(parent.pendingKey, node));
            parent.pendingKey = null;
        }
        return root;
    }

    /** The path of the value being read, as far as the events tell it: for errors found while composing. */
    private String pathOf(Deque<Frame> stack) {
        var path = childPath(stack);
        return path.isEmpty() ? fileName : path;
    }

    private static String childPath(Deque<Frame> stack) {
        var parent = stack.peek();
        if (parent == null) {
            return "";
        }
        if (parent.node instanceof Sequence sequence) {
            return parent.path + "[" + sequence.items().size() + "]";
        }
        if (parent.pendingKey instanceof Scalar key) {
            // The root's keys are the file's sections; config's keys are full keys; deeper ones are fields.
            if (stack.size() == 1) {
                return key.value();
            }
            return stack.size() == 2 ? key.value() : parent.path + "." + key.value();
        }
        return parent.path;
    }

    private static int line(Event event) {
        return event.getStartMark() == null ? 0 : event.getStartMark().getLine() + 1;
    }

    // ---- reading: the tree to Pulumi's config values ----

    private void readRoot(YNode root) {
        if (isNull(root)) {
            return;
        }
        if (!(root instanceof Mapping mapping)) {
            errors.add(new ConfigError(fileName, "line " + root.line() + ": expected a mapping with a config: section"));
            return;
        }
        var sections = entries(mapping, "");
        sections.forEach((name, entry) -> {
            if (!TOP_LEVEL_KEYS.contains(name)) {
                var hint = Suggestions.closest(name, TOP_LEVEL_KEYS).map(match -> "did you mean " + match + "?")
                        .orElse("a stack file holds " + String.join(", ", new TreeSet<>(TOP_LEVEL_KEYS)));
                errors.add(new ConfigError(name, "line " + entry.key().line() + ": unknown top-level key of a stack"
                        + " file; " + hint));
            }
        });
        var config = sections.get("config");
        if (config == null || isNull(config.value())) {
            return;
        }
        if (!(config.value() instanceof Mapping configMapping)) {
            errors.add(new ConfigError("config", "line " + config.value().line() + ": expected a mapping of keys to"
                    + " values, e.g. gcp:project: kura-os"));
            return;
        }
        entries(configMapping, "").forEach((key, entry) -> readValue(key, entry.value()));
    }

    /** A top-level config value, as {@code config.Value.UnmarshalYAML} takes it. */
    private void readValue(String key, YNode node) {
        if (node instanceof Scalar scalar) {
            // Decoded into a Go string: the scalar's own text; null is the empty string.
            values.put(key, isNull(scalar) ? "" : scalar.value());
            return;
        }
        var json = toJson(key, node, 3);
        if (json == null) {
            return;
        }
        if (json.isTextual() && StackConfigValues.UNREADABLE_SECRET.equals(json.asText()) && secretPaths.contains(key)) {
            values.put(key, json.asText());
        } else {
            values.put(key, serialize(json));
        }
    }

    /** A nested value as JSON, secure values replaced by {@code [secret]} with their path marked; null on error. */
    private JsonNode toJson(String path, YNode node, int depth) {
        if (++produced > MAX_VALUES) {
            if (produced == MAX_VALUES + 1) {
                errors.add(new ConfigError(path, "line " + node.line() + ": aliases expand to more than " + MAX_VALUES
                        + " values; write the value out instead"));
            }
            return null;
        }
        if (depth > MAX_DEPTH) {
            errors.add(new ConfigError(path, "line " + node.line() + ": nested more than " + MAX_DEPTH + " levels deep"));
            return null;
        }
        if (node instanceof Scalar scalar) {
            return scalar(path, scalar);
        }
        if (node instanceof Sequence sequence) {
            var array = JsonNodeFactory.instance.arrayNode();
            for (int i = 0; i < sequence.items().size(); i++) {
                // As before: a secret element makes the list secret as a whole.
                var element = toJson(path, sequence.items().get(i), depth + 1);
                array.add(element == null ? JsonNodeFactory.instance.nullNode() : element);
            }
            return array;
        }
        var fields = entries((Mapping) node, path);
        if (fields.size() == 1 && fields.containsKey("secure")) {
            return secure(path, fields.get("secure").value());
        }
        var object = JsonNodeFactory.instance.objectNode();
        fields.forEach((name, entry) -> {
            var value = toJson(path + "." + name, entry.value(), depth + 1);
            object.set(name, value == null ? JsonNodeFactory.instance.nullNode() : value);
        });
        return object;
    }

    /** {@code secure: <ciphertext>}; anything else under secure: cannot have come from {@code pulumi config set --secret}. */
    private JsonNode secure(String path, YNode value) {
        var shape = value instanceof Mapping ? "a mapping" : value instanceof Sequence ? "a list"
                : isNull(value) ? "nothing" : null;
        if (shape == null) {
            var scalar = (Scalar) value;
            var resolved = scalar(path, scalar);
            if (resolved == null) {
                return null;
            }
            if (!resolved.isTextual()) {
                shape = resolved.isNumber() ? "a number" : "a boolean";
            } else if (!CIPHERTEXT.matcher(resolved.asText()).matches()) {
                shape = resolved.asText().isBlank() ? "an empty text" : "a text that is not ciphertext";
            }
        }
        if (shape != null) {
            errors.add(new ConfigError(path, "line " + value.line() + ": got " + shape + " under secure:; expected the"
                    + " ciphertext `pulumi config set --secret` writes. Nothing was decrypted: set the value again with"
                    + " `pulumi config set --secret --path '" + path.substring(path.indexOf(':') + 1) + "' <value>`"));
            return null;
        }
        secretPaths.add(path);
        return JsonNodeFactory.instance.textNode(StackConfigValues.UNREADABLE_SECRET);
    }

    /** A scalar inside an object, resolved as yaml.v3 resolves it into {@code interface{}} (resolve.go). */
    private JsonNode scalar(String path, Scalar scalar) {
        var text = scalar.value();
        var tag = scalar.tag() == null ? "" : scalar.tag();
        // Quoted, !!str, the non-specific "!" and any tag of one's own keep the text; plain and core-tagged resolve.
        var resolves = tag.isEmpty() ? scalar.plain() : tag.startsWith(CORE_TAG) && !tag.equals(CORE_TAG + "str");
        if (!resolves) {
            return JsonNodeFactory.instance.textNode(text);
        }
        var resolved = resolvePlain(text);
        if (resolved instanceof Double number && (number.isInfinite() || number.isNaN())) {
            errors.add(new ConfigError(path, "line " + scalar.line() + ": got " + text + ", which YAML reads as "
                    + (number.isNaN() ? "not-a-number" : "infinity") + "; expected a finite number, or a quoted text"
                    + " (Pulumi passes config as JSON, which has neither)"));
            return null;
        }
        if (!tag.isEmpty() && !tag.equals(CORE_TAG + kindOf(resolved))) {
            errors.add(new ConfigError(path, "line " + scalar.line() + ": cannot read this value as !!"
                    + tag.substring(CORE_TAG.length()) + "; it reads as " + kindOf(resolved)));
            return null;
        }
        if (resolved == null) {
            return JsonNodeFactory.instance.nullNode();
        }
        if (resolved instanceof Boolean bool) {
            return JsonNodeFactory.instance.booleanNode(bool);
        }
        if (resolved instanceof java.math.BigInteger whole) {
            return JsonNodeFactory.instance.numberNode(whole);
        }
        if (resolved instanceof Double number) {
            // Go's json.Marshal writes the shortest text that reads back as the same float64: 1.0 is 1.
            var decimal = new java.math.BigDecimal(Double.toString(number)).stripTrailingZeros();
            return JsonNodeFactory.instance.numberNode(new java.math.BigDecimal(decimal.toPlainString()));
        }
        return JsonNodeFactory.instance.textNode(text);
    }

    private static String kindOf(Object resolved) {
        if (resolved == null) {
            return "null";
        }
        if (resolved instanceof Boolean) {
            return "bool";
        }
        if (resolved instanceof java.math.BigInteger) {
            return "int";
        }
        return resolved instanceof Double ? "float" : "str";
    }

    /** null, Boolean, BigInteger (int64 or uint64), Double, or the text itself. */
    static Object resolvePlain(String text) {
        switch (text) {
            case "", "~", "null", "Null", "NULL":
                return null;
            case "true", "True", "TRUE":
                return Boolean.TRUE;
            case "false", "False", "FALSE":
                return Boolean.FALSE;
            case ".nan", ".NaN", ".NAN":
                return Double.NaN;
            case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF":
                return Double.POSITIVE_INFINITY;
            case "-.inf", "-.Inf", "-.INF":
                return Double.NEGATIVE_INFINITY;
            case "-0", "-0.0":
                return -0.0;
            default:
                break;
        }
        var first = text.charAt(0);
        if (!(Character.isDigit(first) || first == '-' || first == '+' || first == '.')) {
            return text;
        }
        var plain = text.replace("_", "");
        var whole = goParseInt(plain);
        if (whole != null) {
            return whole;
        }
        if (YAML_FLOAT.matcher(plain).matches()) {
            try {
                return Double.parseDouble(plain);
            } catch (NumberFormatException notAFloat) {
                return text;
            }
        }
        return text;
    }

    private static final java.math.BigInteger INT64_MIN = java.math.BigInteger.valueOf(Long.MIN_VALUE);
    private static final java.math.BigInteger UINT64_MAX = java.math.BigInteger.ONE.shiftLeft(64).subtract(java.math.BigInteger.ONE);

    /** Go's {@code strconv.ParseInt(s, 0, 64)}, then {@code ParseUint}: 0x, 0o, 0b and a leading 0 (octal) prefixes. */
    private static java.math.BigInteger goParseInt(String text) {
        var negative = text.startsWith("-");
        var digits = text.startsWith("-") || text.startsWith("+") ? text.substring(1) : text;
        int radix = 10;
        var lower = digits.toLowerCase();
        if (lower.startsWith("0x")) {
            radix = 16;
            digits = digits.substring(2);
        } else if (lower.startsWith("0o")) {
            radix = 8;
            digits = digits.substring(2);
        } else if (lower.startsWith("0b")) {
            radix = 2;
            digits = digits.substring(2);
        } else if (digits.length() > 1 && digits.startsWith("0")) {
            radix = 8;
            digits = digits.substring(1);
        }
        for (int i = 0; i < digits.length(); i++) {
            var digit = Character.digit(digits.charAt(i), radix);
            if (digit < 0 || digits.charAt(i) >= 128) {
                return null;
            }
        }
        if (digits.isEmpty()) {
            return null;
        }
        var value = new java.math.BigInteger(digits, radix);
        value = negative ? value.negate() : value;
        return value.compareTo(INT64_MIN) >= 0 && value.compareTo(UINT64_MAX) <= 0 ? value : null;
    }

    /**
     * A mapping's entries by key, with {@code <<} merges resolved the way yaml.v3 resolves them, and every key
     * defined twice reported with both lines.
     */
    private Map<String, Entry> entries(Mapping mapping, String path) {
        produced++;
        var explicit = new LinkedHashMap<String, Entry>();
        var merges = new ArrayList<YNode>();
        var firstLines = new HashMap<String, Integer>();
        for (var entry : mapping.entries()) {
            if (!(entry.key() instanceof Scalar key)) {
                errors.add(new ConfigError(path.isEmpty() ? fileName : path, "line " + entry.key().line()
                        + ": a key must be a name, not a list or a mapping"));
                continue;
            }
            var name = key.value();
            var first = firstLines.putIfAbsent(name, key.line());
            if (first != null) {
                errors.add(new ConfigError(path.isEmpty() ? name : path + "." + name, "line " + key.line()
                        + ": defined twice in the same mapping (first at line " + first + "); the Pulumi CLI refuses"
                        + " this too (mapping key already defined), so keep one"));
            } else if (isMerge(key)) {
                merges.add(entry.value());
            } else {
                explicit.put(name, entry);
            }
        }
        var all = new LinkedHashMap<>(explicit);
        for (var merge : merges) {
            var sources = merge instanceof Sequence sequence ? sequence.items() : List.of(merge);
            for (var source : sources) {
                if (!(source instanceof Mapping merged)) {
                    errors.add(new ConfigError(path.isEmpty() ? fileName : path, "line " + source.line() + ": a <<"
                            + " merge takes a mapping (or a list of them), such as <<: *defaults"));
                } else if (produced <= MAX_VALUES) {
                    entries(merged, path).forEach(all::putIfAbsent);
                }
            }
        }
        return all;
    }

    private static boolean isMerge(Scalar key) {
        return key.plain() && key.value().equals("<<") && (key.tag() == null || key.tag().equals(CORE_TAG + "merge"));
    }

    private static boolean isNull(YNode node) {
        return node instanceof Scalar scalar && scalar.plain() && (scalar.tag() == null || scalar.tag().equals(CORE_TAG + "null"))
                && resolvePlain(scalar.value()) == null;
    }

    private static String serialize(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
