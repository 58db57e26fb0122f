package ai.kuraos.infra.cost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The prices {@code cost} multiplies usage by, and the resource types that cost nothing by themselves, each with its
 * source and the date it was read ({@code src/main/resources/cost/prices-<region>.yaml}).
 */
public record PriceSheet(String region, int hoursPerMonth, Map<String, Price> prices, List<FreeType> free) {

    public static final String BUNDLED = "/cost/prices-europe-southwest1.yaml";

    public PriceSheet {
        prices = Map.copyOf(prices);
        free = List.copyOf(free);
    }

    /**
     * One price. {@code region} is the region the figure is documented for: when it is not the sheet's region, the
     * estimate says so; {@code confirmed} is false when the figure was not found in a source read on {@code read}.
     * {@code usd} is what the estimate charges: the sheet's figure for {@code region} times {@code uplift} (1 for a
     * figure of the sheet's own region). {@code skuId} is the Cloud Billing SKU id, empty where the source gives none.
     */
    public record Price(String key, String sku, String skuId, String unit, double usd, String region, String source,
                        String read, boolean confirmed, String note, double uplift, Optional<FreeTier> freeTier) {

        Price withUsd(double amount) {
            return new Price(key, sku, skuId, unit, amount, region, source, read, confirmed, note, uplift, freeTier);
        }
    }

    /** What Google does not bill of a price each month: {@code quantity} of its unit, per billing account or project. */
    public record FreeTier(double quantity, String per, String source) {
    }

    /** A resource type, or a family of them ({@code typePrefix}), that costs nothing by itself, and why. */
    public record FreeType(String type, String typePrefix, String reason, String source) {

        boolean matches(String resourceType) {
            return type != null ? type.equals(resourceType) : resourceType.startsWith(typePrefix);
        }
    }

    public static PriceSheet bundled() {
        try (var stream = PriceSheet.class.getResourceAsStream(BUNDLED)) {
            if (stream == null) {
                throw new IllegalStateException("the price sheet " + BUNDLED + " is missing from the jar");
            }
            return parse(new String(stream.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the price sheet " + BUNDLED, e);
        }
    }

    /** Reads a sheet; throws naming every price or free type that lacks a field. */
    public static PriceSheet parse(String yaml) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        } catch (IOException e) {
            throw new IllegalArgumentException("the price sheet is not YAML: " + e.getMessage(), e);
        }
        var problems = new ArrayList<String>();
        var prices = new TreeMap<String, Price>();
        root.path("prices").fields().forEachRemaining(entry -> {
            var node = entry.getValue();
            for (var field : List.of("sku", "unit", "usd", "region", "source", "read")) {
                if (node.path(field).asText("").isBlank()) {
                    problems.add("prices." + entry.getKey() + "." + field + " is missing");
                }
            }
            if (!node.path("usd").isNumber() || node.path("usd").asDouble() < 0) {
                problems.add("prices." + entry.getKey() + ".usd must be a number of US dollars, at least 0");
            }
            var figureRegion = node.path("region").asText();
            var exception = !figureRegion.equals(root.path("region").asText()) && !figureRegion.equals("global");
            if (exception && (!node.path("uplift").isNumber() || node.path("uplift").asDouble() < 1)) {
                problems.add("prices." + entry.getKey() + " is priced from " + figureRegion + ": it needs an uplift"
                        + " (the factor applied to that region's figure, at least 1.0)");
            }
            var tier = node.path("freeTier");
            var freeTier = Optional.<FreeTier>empty();
            if (!tier.isMissingNode()) {
                if (!tier.path("quantity").isNumber() || !List.of("billing account", "project").contains(tier.path("per").asText())
                        || tier.path("source").asText("").isBlank()) {
                    problems.add("prices." + entry.getKey() + ".freeTier needs a quantity, per (billing account or"
                            + " project) and a source");
                }
                freeTier = Optional.of(new FreeTier(tier.path("quantity").asDouble(), tier.path("per").asText(),
                        tier.path("source").asText()));
            }
            var catalog = node.path("catalog");
            if (!catalog.isMissingNode() && (catalog.path("path").asText("").isBlank() || catalog.path("field").asText("").isBlank())) {
                problems.add("prices." + entry.getKey() + ".catalog needs the path of the price in the catalogue export"
                        + " (e.g. compute.storage.ssd.cost) and its field (e.g. month)");
            }
            var uplift = node.path("uplift").asDouble(1);
            prices.put(entry.getKey(), new Price(entry.getKey(), node.path("sku").asText(), node.path("skuId").asText(""),
                    node.path("unit").asText(), node.path("usd").asDouble() * uplift, figureRegion,
                    node.path("source").asText(), node.path("read").asText(), node.path("confirmed").asBoolean(false),
                    node.path("note").asText(""), uplift, freeTier));
        });
        var free = new ArrayList<FreeType>();
        for (var node : root.path("free")) {
            var type = node.hasNonNull("type") ? node.get("type").asText() : null;
            var prefix = node.hasNonNull("typePrefix") ? node.get("typePrefix").asText() : null;
            var label = type != null ? type : prefix;
            if ((type == null) == (prefix == null)) {
                problems.add("free: each entry names either a type or a typePrefix, got " + node);
            }
            if (node.path("reason").asText("").isBlank() || node.path("source").asText("").isBlank()) {
                problems.add("free." + label + " needs a reason and a source");
            }
            free.add(new FreeType(type, prefix, node.path("reason").asText(), node.path("source").asText()));
        }
        var region = root.path("region").asText("");
        var hours = root.path("hoursPerMonth").asInt(0);
        if (region.isBlank() || hours <= 0) {
            problems.add("the sheet names its region and hoursPerMonth");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid price sheet: " + String.join("; ", problems));
        }
        return new PriceSheet(region, hours, prices, free);
    }

    /**
     * This sheet with the amounts another version of it ({@code otherYaml}, e.g. the base commit's) gives for the same
     * keys: what a review compares, since today's code prices a plan with today's keys. A key the other version lacks,
     * or gives no amount, keeps this sheet's amount; an unreadable other version changes nothing.
     */
    public PriceSheet withAmountsOf(String otherYaml) {
        JsonNode other;
        try {
            other = new ObjectMapper(new YAMLFactory()).readTree(otherYaml).path("prices");
        } catch (IOException e) {
            return this;
        }
        var amounts = new TreeMap<String, Price>();
        prices.forEach((key, price) -> {
            var usd = other.path(key).path("usd");
            amounts.put(key, usd.isNumber() ? price.withUsd(usd.asDouble() * other.path(key).path("uplift").asDouble(1)) : price);
        });
        return new PriceSheet(region, hoursPerMonth, amounts, free);
    }

    /** A price the estimators rely on; its absence is a defect of the sheet, not of a plan. */
    public Price price(String key) {
        var price = prices.get(key);
        if (price == null) {
            throw new IllegalStateException("the price sheet has no price '" + key + "'");
        }
        return price;
    }

    public Optional<FreeType> freeType(String resourceType) {
        return free.stream().filter(entry -> entry.matches(resourceType)).findFirst();
    }

    /** Whether a price's figure is for another region than the sheet's. */
    public boolean isFromOtherRegion(Price price) {
        return !price.region().equals(region) && !price.region().equals("global");
    }
}
