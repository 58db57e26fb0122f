package ai.kuraos.infra.plan.steps;

import ai.kuraos.infra.plan.steps.ReplacementKnowledge.Condition;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Each conditional force-new test on old and new values, as the provider source decides it. */
class ForceNewConditionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode NONE = MissingNode.getInstance();

    private static boolean holds(String when, Object before, Object after) {
        return ForceNewConditions.holds(new Condition("x", when, "test"), JSON.valueToTree(before),
                JSON.valueToTree(after), NONE);
    }

    @Test
    void aDiskReplacesOnlyWhenItShrinks() {
        assertThat(holds("shrinks", 30, 20)).isTrue();
        assertThat(holds("shrinks", 20, 30)).isFalse();
    }

    @Test
    void redisReplacesOnlyOnADowngrade() {
        assertThat(holds("downgrades", "REDIS_7_0", "REDIS_6_X")).isFalse(); // REDIS_6_X does not parse: no replace
        assertThat(holds("downgrades", "REDIS_7_0", "REDIS_5_0")).isTrue();
        assertThat(holds("downgrades", "REDIS_6_0", "REDIS_7_0")).isFalse();
    }

    @Test
    void aSubnetReplacesOnlyWhenTheNewRangeNoLongerContainsTheOld() {
        assertThat(holds("rangeNoLongerContainsOld", "10.10.0.0/20", "10.10.0.0/19")).isFalse();
        assertThat(holds("rangeNoLongerContainsOld", "10.10.0.0/20", "10.10.0.0/21")).isTrue();
        assertThat(holds("rangeNoLongerContainsOld", "10.10.0.0/20", "10.20.0.0/16")).isTrue();
    }

    @Test
    void aPrivateNetworkReplacesOnlyWhenUnset() {
        assertThat(holds("becomesUnset", "projects/p/global/networks/a", "")).isTrue();
        assertThat(holds("becomesUnset", "projects/p/global/networks/a", "projects/p/global/networks/b")).isFalse();
    }

    @Test
    void aFlagReplacesOnlyWhenTurnedOff() {
        assertThat(holds("turnsOff", true, false)).isTrue();
        assertThat(holds("turnsOff", false, true)).isFalse();
    }

    @Test
    void aMasterInstanceNameReplacesWhenSet() {
        assertThat(holds("becomesSet", "", "primary")).isTrue();
        assertThat(holds("becomesSet", "primary", "")).isFalse();
    }

    @Test
    void configMapDataReplacesOnlyWithoutEnableConfigMapMutable() {
        var condition = new Condition("data", "providerLacks:enableConfigMapMutable", "test");
        assertThat(ForceNewConditions.holds(condition, NONE, NONE, JSON.createObjectNode())).isTrue();
        assertThat(ForceNewConditions.holds(condition, NONE, NONE,
                JSON.createObjectNode().put("enableConfigMapMutable", "true"))).isFalse();
    }
}
