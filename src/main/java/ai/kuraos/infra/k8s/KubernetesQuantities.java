package ai.kuraos.infra.k8s;

import ai.kuraos.infra.config.TextRule;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Kubernetes resource quantities: the CPU and memory amounts the slices that run on the cluster accept, and their
 * value in vCPUs and GiB.
 */
public final class KubernetesQuantities {

    public static final TextRule CPU = new TextRule(
            text -> text.matches("[1-9][0-9]{2,4}m") ? Integer.parseInt(text.substring(0, text.length() - 1)) >= 250
                    : text.matches("[1-9][0-9]?(\\.5)?"),
            "a CPU amount of at least 250m (Autopilot's minimum), such as 500m, 1, 1.5 or 2");
    public static final TextRule MEMORY = TextRule.matching("[1-9][0-9]{0,5}(Mi|Gi)", "a memory size such as 512Mi or 4Gi");

    private static final Pattern QUANTITY = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)([a-zA-Z]*)");
    private static final double GIB = 1024d * 1024 * 1024;
    private static final Map<String, Double> BYTES = Map.of(
            "", 1d, "Ki", 1024d, "Mi", 1024d * 1024, "Gi", GIB, "Ti", GIB * 1024,
            "k", 1e3, "M", 1e6, "G", 1e9, "T", 1e12);

    private KubernetesQuantities() {
    }

    /** A CPU quantity ("500m", "2") as vCPUs. */
    public static double cpus(String quantity) {
        var match = parse(quantity);
        return switch (match.unit()) {
            case "" -> match.amount();
            case "m" -> match.amount() / 1000;
            default -> throw new IllegalArgumentException("'" + quantity + "' is not a CPU quantity");
        };
    }

    /** A memory or storage quantity ("512Mi", "8Gi", "1G") as GiB. */
    public static double gibibytes(String quantity) {
        var match = parse(quantity);
        var factor = BYTES.get(match.unit());
        if (factor == null) {
            throw new IllegalArgumentException("'" + quantity + "' is not a memory or storage quantity");
        }
        return match.amount() * factor / GIB;
    }

    private record Parsed(double amount, String unit) {
    }

    private static Parsed parse(String quantity) {
        var match = QUANTITY.matcher(quantity.strip());
        if (!match.matches()) {
            throw new IllegalArgumentException("'" + quantity + "' is not a Kubernetes quantity");
        }
        return new Parsed(Double.parseDouble(match.group(1)), match.group(2));
    }
}
