package ai.kuraos.infra.cost;

import ai.kuraos.infra.config.Environment;
import ai.kuraos.infra.config.StackConfigValues;
import ai.kuraos.infra.testing.SynthesizedStack;
import ai.kuraos.infra.usage.CostAssumptions;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the worked examples of docs/cost.md true: one line of the committed plans' estimates per kind of line (each
 * price the estimates use), and the credits, rendered here again and compared. Run with {@code -Dkura.updateDocs=true}
 * to write them into the doc.
 */
class CostDocTest {

    private static final Path DOC = SynthesizedStack.PROJECT_ROOT.resolve("docs/cost.md");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PriceSheet SHEET = PriceSheet.bundled();

    /** The stacks `cost --all` estimates, prod first: an example is taken from the first stack that has the line. */
    private static List<StackCost> estimates() throws IOException {
        var estimates = new ArrayList<StackCost>();
        for (var stack : List.of("prod", "staging", "dev")) {
            var plan = JSON.readTree(SynthesizedStack.PROJECT.planDirectory(stack).resolve("plan.json").toFile());
            estimates.add(CostEstimator.estimate(stack, plan, CostAssumptions.defaults(Environment.byId(stack).orElseThrow()), SHEET));
        }
        for (var nested : SynthesizedStack.PROJECT.nestedProjects()) {
            for (var stack : nested.stacks()) {
                var plan = JSON.readTree(nested.planDirectory(stack).resolve("plan.json").toFile());
                var assumptions = CostAssumptions.ofStackConfig(stack, StackConfigValues.fromStackFile(nested.stackConfigFile(stack)));
                estimates.add(CostEstimator.estimate(nested.root().getFileName() + "/" + stack, plan, assumptions, SHEET));
            }
        }
        return estimates;
    }

    static String workedExamples(List<StackCost> estimates) {
        var examples = new LinkedHashMap<String, CostLine>();
        var stackOf = new LinkedHashMap<String, String>();
        for (var estimate : estimates) {
            estimate.lines().stream()
                    .sorted(java.util.Comparator.comparing(CostLine::resourceType).thenComparing(line -> line.price().key())
                            .thenComparing(CostLine::resourceName))
                    .forEach(line -> {
                        if (examples.putIfAbsent(line.price().key(), line) == null) {
                            stackOf.put(line.price().key(), estimate.stack());
                        }
                    });
        }
        var sorted = new ArrayList<>(examples.values());
        sorted.sort(java.util.Comparator.comparing(CostLine::resourceType).thenComparing(line -> line.price().key()));
        var text = new StringBuilder("| Resource type | Line (price) | Example | Computed as | Depends on |\n|---|---|---|---|---|\n");
        for (var line : sorted) {
            var price = line.price();
            text.append("| `").append(line.resourceType()).append("` | `").append(price.key()).append("` | ")
                    .append(stackOf.get(price.key())).append(" `").append(line.resourceName()).append("`: ")
                    .append(line.item().replace("|", "\\|")).append(" | ")
                    .append(ResourcePricing.format(line.quantity())).append(' ').append(unit(price)).append(" x ")
                    .append(unitPrice(price)).append(" = ").append(money(line.monthlyUsd())).append(" | ")
                    .append(line.assumptions().isEmpty() ? "the plan" : "`" + String.join("`, `", line.assumptions()) + "`")
                    .append(" |\n");
        }
        return text.toString();
    }

    static String credits(List<StackCost> estimates) {
        var text = new StringBuilder("| Stack | Free tier (price) | Used, up to the tier | Credit |\n|---|---|---:|---:|\n");
        for (var estimate : estimates) {
            for (var credit : estimate.credits()) {
                var tier = credit.price().freeTier().orElseThrow();
                text.append("| ").append(estimate.stack()).append(" | `").append(credit.price().key()).append("`: ")
                        .append(ResourcePricing.format(tier.quantity())).append(' ').append(unit(credit.price()))
                        .append(" a month per ").append(tier.per()).append(" | ")
                        .append(ResourcePricing.format(credit.quantity())).append(" | -").append(money(credit.usd())).append(" |\n");
            }
        }
        return text.toString();
    }

    /** A unit that starts with a number ("10,000 requests") in brackets, so that it does not read as one with the quantity. */
    private static String unit(PriceSheet.Price price) {
        return Character.isDigit(price.unit().charAt(0)) ? "(" + price.unit() + ")" : price.unit();
    }

    private static String unitPrice(PriceSheet.Price price) {
        var amount = "$" + new java.math.BigDecimal(Double.toString(price.usd())).round(new java.math.MathContext(6))
                .stripTrailingZeros().toPlainString();
        if (!SHEET.isFromOtherRegion(price)) {
            return amount + " (" + price.region() + ")";
        }
        var figure = new java.math.BigDecimal(Double.toString(price.usd() / price.uplift())).round(new java.math.MathContext(6))
                .stripTrailingZeros().toPlainString();
        return amount + " (" + price.region() + " $" + figure + " x " + price.uplift() + ")";
    }

    private static String money(double usd) {
        return String.format(Locale.ROOT, "$%,.2f", usd);
    }

    @Test
    void theWorkedExamplesAreTheCommittedPlansEstimates() throws IOException {
        var estimates = estimates();
        var doc = Files.readString(DOC);
        var updated = section(section(doc, "worked examples", workedExamples(estimates)), "credits", credits(estimates));
        if (Boolean.getBoolean("kura.updateDocs")) {
            Files.writeString(DOC, updated);
        } else {
            assertThat(doc).as("docs/cost.md's generated sections; rerun with -Dkura.updateDocs=true").isEqualTo(updated);
        }
    }

    private static String section(String doc, String name, String body) {
        var pattern = Pattern.compile("(<!-- generated by CostDocTest: " + Pattern.quote(name) + " -->\n)(.*?)(<!-- end -->)",
                Pattern.DOTALL);
        var match = pattern.matcher(doc);
        assertThat(match.find()).as("docs/cost.md has the section " + name).isTrue();
        return doc.substring(0, match.end(1)) + body + doc.substring(match.start(3));
    }
}
