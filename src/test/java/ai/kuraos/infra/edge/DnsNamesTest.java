package ai.kuraos.infra.edge;

import ai.kuraos.infra.config.Labels;
import ai.kuraos.infra.testing.StackConfigErrors;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DnsNamesTest {

    /** Labels of 63 characters and dots, {@code length} characters in all. */
    private static String domainOf(int length) {
        var label = "a".repeat(62) + ".";
        var text = new StringBuilder();
        while (text.length() + label.length() < length - 2) {
            text.append(label);
        }
        text.append("b".repeat(length - 3 - text.length())).append(".ai");
        return text.toString();
    }

    @Test
    void failsWhenTheDomainLeavesNoRoomForTheEdgesHostNames() {
        var domain = domainOf(250);

        var error = StackConfigErrors.only("kura-infra:edge", "{\"domain\":\"" + domain + "\"}");

        assertThat(error.key()).isEqualTo("kura-infra:edge.domain");
        assertThat(error.problem()).contains("got \"" + domain + "\"").contains("of at most 249 characters")
                .contains("at most 253");
    }

    @Test
    void acceptsTheLongestDomainThatFits() {
        assertThat(StackConfigErrors.of("kura-infra:edge", "{\"domain\":\"" + domainOf(249) + "\"}")).isEmpty();
    }

    @Test
    void failsOnAnMqttHostLongerThanDnsAllows() {
        var host = domainOf(254);

        var error = StackConfigErrors.only("kura-infra:inference", "{\"enabled\":true,\"image\":"
                + "\"europe-southwest1-docker.pkg.dev/kura-os/kura/adeline:2.7\",\"mqtt\":{\"host\":\"" + host + "\"}}");

        assertThat(error.key()).isEqualTo("kura-infra:inference.mqtt.host");
        assertThat(error.problem()).contains("got \"" + host + "\"").contains("of at most 253 characters");
    }
}
