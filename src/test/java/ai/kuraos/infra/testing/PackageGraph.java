package ai.kuraos.infra.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which package of a source tree uses which, read from the sources: imports (static and wildcard ones too) and names
 * written in full anywhere in the code, whatever the spacing around their dots. Comments and literals are not code.
 * Sources rather than class files, because the compiler inlines constants: {@code KuraProgram.PROJECT} used elsewhere
 * leaves no trace in the bytecode. Packages are named below {@code base}, the base itself as {@link #ROOT}.
 */
public final class PackageGraph {

    public static final String ROOT = "(root)";

    private static final Pattern PACKAGE = Pattern.compile("\\bpackage\\s+([\\w.\\s]+?)\\s*;");

    private final String base;
    /** package to the packages it uses, each with where (file and name). */
    private final Map<String, Map<String, Set<String>>> uses = new TreeMap<>();

    private PackageGraph(String base) {
        this.base = base;
    }

    public static PackageGraph of(Path sourceRoot, String base) {
        var graph = new PackageGraph(base);
        try (Stream<Path> files = Files.walk(sourceRoot)) {
            for (var file : files.filter(path -> path.toString().endsWith(".java")).sorted().toList()) {
                graph.add(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + sourceRoot, e);
        }
        return graph;
    }

    private void add(String fileName, String source) {
        var code = withoutSpacesAroundDots(codeOnly(source));
        var declared = PACKAGE.matcher(code);
        if (!declared.find()) {
            throw new IllegalArgumentException(fileName + " declares no package");
        }
        var own = relative(declared.group(1).replaceAll("\\s", ""));
        var used = uses.computeIfAbsent(own, ignored -> new TreeMap<>());
        var reference = Pattern.compile("(?<![\\w$.])" + Pattern.quote(base)
                + "((?:\\.[a-z_][a-z0-9_]*)*)\\.([A-Z_$][\\w$]*|\\*)").matcher(code.substring(declared.end()));
        while (reference.find()) {
            var other = reference.group(1).isEmpty() ? ROOT : reference.group(1).substring(1);
            if (!other.equals(own)) {
                used.computeIfAbsent(other, ignored -> new TreeSet<>())
                        .add(fileName + ": " + base + reference.group(1) + "." + reference.group(2));
            }
        }
    }

    private String relative(String javaPackage) {
        if (javaPackage.equals(base)) {
            return ROOT;
        }
        if (!javaPackage.startsWith(base + ".")) {
            throw new IllegalArgumentException("package " + javaPackage + " is not under " + base);
        }
        return javaPackage.substring(base.length() + 1);
    }

    public Set<String> packages() {
        return uses.keySet();
    }

    /** The packages {@code from} uses, each with where. */
    public Map<String, Set<String>> uses(String from) {
        return uses.getOrDefault(from, Map.of());
    }

    /** Each set of packages that reach each other through their uses (strongly connected, two or more), sorted. */
    public List<Set<String>> cycles() {
        var cycles = new ArrayList<Set<String>>();
        new Object() {
            final Map<String, Integer> index = new HashMap<>();
            final Map<String, Integer> low = new HashMap<>();
            final Deque<String> stack = new ArrayDeque<>();
            final Set<String> onStack = new HashSet<>();

            void visit(String node) {
                index.put(node, index.size());
                low.put(node, index.get(node));
                stack.push(node);
                onStack.add(node);
                for (var next : uses(node).keySet()) {
                    if (!index.containsKey(next)) {
                        visit(next);
                        low.put(node, Math.min(low.get(node), low.get(next)));
                    } else if (onStack.contains(next)) {
                        low.put(node, Math.min(low.get(node), index.get(next)));
                    }
                }
                if (low.get(node).equals(index.get(node))) {
                    var component = new TreeSet<String>();
                    String member;
                    do {
                        member = stack.pop();
                        onStack.remove(member);
                        component.add(member);
                    } while (!member.equals(node));
                    if (component.size() > 1) {
                        cycles.add(component);
                    }
                }
            }

            void run() {
                packages().forEach(node -> {
                    if (!index.containsKey(node)) {
                        visit(node);
                    }
                });
            }
        }.run();
        return cycles;
    }

    /**
     * What breaks {@code order} (lowest first; a package may use only those before it): a use of a package listed
     * after the user, a package missing from the order, a listed package that does not exist.
     */
    public List<String> violations(List<String> order) {
        var violations = new ArrayList<String>();
        order.stream().filter(listed -> !packages().contains(listed)).forEach(listed ->
                violations.add("the order lists " + listed + ", which has no source"));
        for (var from : packages()) {
            if (!order.contains(from)) {
                violations.add(from + " is missing from the order");
                continue;
            }
            uses(from).forEach((to, where) -> {
                if (!order.contains(to) || order.indexOf(to) > order.indexOf(from)) {
                    violations.add(from + " uses " + to + ", which comes after it (" + String.join("; ", where) + ")");
                }
            });
        }
        return violations;
    }

    private static String withoutSpacesAroundDots(String code) {
        return code.replaceAll("\\s*\\.\\s*", ".");
    }

    /** The source with each comment replaced by a space and each string, text block and char literal emptied. */
    static String codeOnly(String source) {
        var code = new StringBuilder(source.length());
        var i = 0;
        while (i < source.length()) {
            var c = source.charAt(i);
            if (source.startsWith("//", i)) {
                var end = source.indexOf('\n', i);
                i = end < 0 ? source.length() : end;
                code.append(' ');
            } else if (source.startsWith("/*", i)) {
                var end = source.indexOf("*/", i + 2);
                i = end < 0 ? source.length() : end + 2;
                code.append(' ');
            } else if (source.startsWith("\"\"\"", i)) {
                var end = i + 3;
                while (end < source.length() && !source.startsWith("\"\"\"", end)) {
                    end += source.charAt(end) == '\\' ? 2 : 1;
                }
                i = Math.min(source.length(), end + 3);
                code.append("\"\"");
            } else if (c == '"' || c == '\'') {
                var end = i + 1;
                while (end < source.length() && source.charAt(end) != c) {
                    end += source.charAt(end) == '\\' ? 2 : 1;
                }
                i = Math.min(source.length(), end + 1);
                code.append(c).append(c);
            } else {
                code.append(c);
                i++;
            }
        }
        return code.toString();
    }
}
