package ai.kuraos.infra.plan.steps;

import ai.kuraos.infra.plan.PlanDiff;
import ai.kuraos.infra.plan.PlanValues;
import ai.kuraos.infra.plan.steps.ReplacementKnowledge.Condition;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * The providers' conditional force-new tests, on the old and new value of one input, as the cited source decides them
 * (terraform-provider-google-beta v5.0.0: {@code compute.IsDiskShrinkage}, {@code isRedisVersionDecreasing},
 * {@code IsShrinkageIpCidr}, {@code isBeenEnabled}/{@code isPolicyLocked}, {@code isMasterInstanceNameSet},
 * {@code privateNetworkCustomizeDiff}; pulumi-kubernetes v4.5.5: ConfigMap data unless
 * {@code enableConfigMapMutable}).
 */
public final class ForceNewConditions {

    private ForceNewConditions() {
    }

    /**
     * True when the provider replaces the resource for this change.
     *
     * @param providerInputs the inputs of the resource's explicit provider, or a missing node
     */
    public static boolean holds(Condition condition, JsonNode before, JsonNode after, JsonNode providerInputs) {
        var when = condition.when();
        if (when.startsWith("providerLacks:")) {
            return !providerInputs.path(when.substring("providerLacks:".length())).asText("false").equals("true");
        }
        return switch (when) {
            case "shrinks" -> number(before) != null && number(after) != null && number(after) < number(before);
            case "downgrades" -> version(before) != null && version(after) != null && version(after) < version(before);
            case "rangeNoLongerContainsOld" -> !text(before).isEmpty() && !text(after).isEmpty()
                    && !contains(text(after), text(before));
            case "turnsOff" -> before.asText().equals("true") && after.asText().equals("false");
            case "becomesSet" -> !text(after).isEmpty();
            case "becomesUnset" -> !text(before).isEmpty() && text(after).isEmpty();
            case "activeClusterChanges" -> text(after).contains(PlanValues.UNKNOWN)
                    || !activeCluster(text(before)).equals(activeCluster(text(after)));
            default -> throw new IllegalArgumentException("unknown force-new condition '" + when + "' on "
                    + condition.path() + " (" + condition.source() + ")");
        };
    }

    private static final ObjectMapper KUBECONFIG = new ObjectMapper(new YAMLFactory());

    /**
     * The entry of the cluster a kubeconfig's current context names, as pulumi-kubernetes v4.5.5 compares it
     * (provider.go DiffConfig, getActiveClusterFromConfig): the provider is replaced only when that entry changes, or
     * when the kubeconfig is not known yet. An unreadable kubeconfig is its own text, so any change of it counts.
     */
    private static JsonNode activeCluster(String kubeconfig) {
        try {
            var config = KUBECONFIG.readTree(kubeconfig);
            var context = PlanDiff.named(config.path("contexts"), config.path("current-context").asText());
            var cluster = PlanDiff.named(config.path("clusters"), context.path("context").path("cluster").asText());
            return cluster.isMissingNode() ? TextNode.valueOf(kubeconfig) : cluster;
        } catch (JsonProcessingException e) {
            return TextNode.valueOf(kubeconfig);
        }
    }


    private static String text(JsonNode value) {
        return value == null || value.isMissingNode() || value.isNull() ? "" : value.asText("");
    }

    private static Long number(JsonNode value) {
        try {
            return text(value).isEmpty() ? null : Long.parseLong(text(value));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static final Pattern REDIS_VERSION = Pattern.compile("REDIS_(\\d+)_(\\d+)");

    /** REDIS_7_0 as 7.0; REDIS_6_X has none (isRedisVersionDecreasingFunc parses "major.minor" as a float). */
    private static Double version(JsonNode value) {
        var matcher = REDIS_VERSION.matcher(text(value));
        return matcher.find() ? Double.parseDouble(matcher.group(1) + "." + matcher.group(2)) : null;
    }

    /** True when the IPv4 range {@code outer} contains all of {@code inner}. */
    static boolean contains(String outer, String inner) {
        var outerBits = Integer.parseInt(outer.substring(outer.indexOf('/') + 1));
        var innerBits = Integer.parseInt(inner.substring(inner.indexOf('/') + 1));
        if (innerBits < outerBits) {
            return false;
        }
        var mask = BigInteger.ONE.shiftLeft(32).subtract(BigInteger.ONE.shiftLeft(32 - outerBits));
        return address(outer).and(mask).equals(address(inner).and(mask));
    }

    private static BigInteger address(String cidr) {
        var value = BigInteger.ZERO;
        for (var octet : cidr.substring(0, cidr.indexOf('/')).split("\\.")) {
            value = value.shiftLeft(8).add(BigInteger.valueOf(Integer.parseInt(octet)));
        }
        return value;
    }
}
