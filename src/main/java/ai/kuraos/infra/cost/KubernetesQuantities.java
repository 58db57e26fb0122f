package ai.kuraos.infra.cost;

import java.util.Map;
import java.util.regex.Pattern;

/** Kubernetes resource quantities ("500m", "2", "512Mi", "8Gi") as vCPUs and GiB. */
final class KubernetesQuantities {

    private static final Pattern QUANTITY = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)([a-zA-Z]*)");
    private static final double GIB = 1024d * 1024 * 1024;
    private static final Map<String, Double> BYTES = Map.of(
            "", 1d, "Ki", 1024d, "Mi", 1024d * 1024, "Gi", GIB, "Ti", GIB * 1024,
            "k", 1e3, "M", 1e6, "G", 1e9, "T", 1e12);

    private KubernetesQuantities() {
    }

    static double cpus(String quantity) {
        var match = parse(quantity);
        return switch (match.unit()) {
            case "" -> match.amount();
            case "m" -> match.amount() / 1000;
            default -> throw new IllegalArgumentException("'" + quantity + "' is not a CPU quantity");
        };
    }

    static double gibibytes(String quantity) {
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
