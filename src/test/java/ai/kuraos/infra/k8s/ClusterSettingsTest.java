package ai.kuraos.infra.k8s;

import ai.kuraos.infra.config.ConfigError;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.util.List;
import java.util.Map;

import static ai.kuraos.infra.testing.MinimalConfig.onlyError;
import static ai.kuraos.infra.testing.MinimalConfig.read;
import static org.assertj.core.api.Assertions.assertThat;

class ClusterSettingsTest {

    private static final String OFFICE = "\"authorizedNetworks\":{\"office-vpn\":\"203.0.113.0/24\"}";

    @Test
    void failsWhenThePodsRangeOverlapsTheSubnet() {
        var error = onlyError("prod", "kura-infra:cluster", "{\"podsCidr\":\"10.10.0.0/16\"," + OFFICE + "}");

        assertThat(error.key()).isEqualTo("kura-infra:cluster.podsCidr");
        assertThat(error.problem()).isEqualTo("got \"10.10.0.0/16\", which overlaps kura-infra:network.subnetCidr"
                + " (10.10.0.0/20); expected a private range of its own");
    }

    @Test
    void failsWhenTheServicesRangeOverlapsThePodsRange() {
        var error = onlyError("prod", "kura-infra:cluster", "{\"servicesCidr\":\"10.11.4.0/22\"}");

        assertThat(error.key()).isEqualTo("kura-infra:cluster.servicesCidr");
        assertThat(error.problem()).contains("overlaps kura-infra:cluster.podsCidr (10.11.0.0/17)");
    }

    @Test
    void failsWhenAClusterRangeOverlapsThePrivateServicesRange() {
        var error = onlyError("prod",
                "kura-infra:network", "{\"privateServicesAddress\":\"10.100.0.0\"}",
                "kura-infra:cluster", "{\"podsCidr\":\"10.100.0.0/17\"}");

        assertThat(error.key()).isEqualTo("kura-infra:cluster.podsCidr");
        assertThat(error.problem()).contains("overlaps kura-infra:network.privateServicesAddress (10.100.0.0/16)");
    }

    @Test
    void failsWhenTheControlPlaneRangeIsNotASlash28() {
        var error = onlyError("prod", "kura-infra:cluster", "{\"controlPlaneCidr\":\"172.16.0.0/24\"}");

        assertThat(error.toString()).isEqualTo("kura-infra:cluster.controlPlaneCidr: got \"172.16.0.0/24\"; expected a"
                + " prefix from /28 to /28");
    }

    @Test
    void failsWhenAClusterRangeIsPublic() {
        var error = onlyError("prod", "kura-infra:cluster", "{\"podsCidr\":\"100.64.0.0/16\"}");

        assertThat(error.key()).isEqualTo("kura-infra:cluster.podsCidr");
        assertThat(error.problem()).contains("got \"100.64.0.0/16\"", "inside 10.0.0.0/8, 172.16.0.0/12");
    }

    @Test
    void failsWhenTheMaintenanceWindowIsTooShortForGke() {
        var error = onlyError("prod", "kura-infra:cluster",
                "{\"maintenance\":{\"days\":[\"sunday\"],\"durationHours\":4}}");

        assertThat(error.key()).isEqualTo("kura-infra:cluster.maintenance.durationHours");
        assertThat(error.problem()).isEqualTo("got 4 hours on 1 day(s) a week, which leaves some 32 days with only"
                + " 16 hours of window; GKE needs at least 48, so lengthen the window or add days");
    }

    @Test
    void failsWhenOneDayAWeekFallsShortInSome32Days() {
        var error = onlyError("prod", "kura-infra:cluster", "{\"maintenance\":{\"days\":[\"sunday\"],\"durationHours\":11}}");

        assertThat(error.key()).isEqualTo("kura-infra:cluster.maintenance.durationHours");
        assertThat(error.problem()).contains("only 44 hours");
    }

    @Test
    void failsWhenTheMaintenanceWindowHasNoDays() {
        var error = onlyError("prod", "kura-infra:cluster", "{\"maintenance\":{\"days\":[]}}");

        assertThat(error.key()).isEqualTo("kura-infra:cluster.maintenance.days");
        assertThat(error.problem()).contains("at least one day a week");
    }

    @Test
    void countsTheFewestOccurrencesOfWeekdaysIn32Days() {
        assertThat(ClusterSettings.leastOccurrencesIn32Days(1)).isEqualTo(4);
        assertThat(ClusterSettings.leastOccurrencesIn32Days(2)).isEqualTo(8);
        assertThat(ClusterSettings.leastOccurrencesIn32Days(3)).isEqualTo(12);
        assertThat(ClusterSettings.leastOccurrencesIn32Days(5)).isEqualTo(22);
        assertThat(ClusterSettings.leastOccurrencesIn32Days(7)).isEqualTo(32);
    }

    @Test
    void acceptsAMaintenanceWindowOfFourHoursOnWeekdays() {
        var prod = read("prod", "kura-infra:cluster", "{\"maintenance\":{\"days\":[\"monday\",\"tuesday\","
                + "\"wednesday\",\"thursday\",\"friday\"],\"startTime\":\"22:30\",\"durationHours\":4}}");

        assertThat(prod.errors()).isEmpty();
        assertThat(prod.settings().cluster().orElseThrow().maintenance()).isEqualTo(new ClusterSettings.Maintenance(
                List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
                        DayOfWeek.FRIDAY), "22:30", 4));
    }

    @Test
    void failsWhenAMaintenanceDayIsNotADay() {
        var error = onlyError("prod", "kura-infra:cluster", "{\"maintenance\":{\"days\":[\"saturday\",\"sat\"],"
                + "\"durationHours\":12}}");

        assertThat(error.key()).isEqualTo("kura-infra:cluster.maintenance.days[1]");
        assertThat(error.problem()).contains("got \"sat\"", "one of monday, tuesday");
    }

    @Test
    void keepsTheEndpointPrivateWithoutWarningWhenTheControlPlaneHasNoAuthorizedNetworks() {
        var prod = read("prod");

        assertThat(prod.errors()).isEmpty();
        assertThat(prod.settings().cluster().orElseThrow().privateEndpointOnly()).isTrue();
        assertThat(prod.settings().configWarnings()).noneMatch(warning -> warning.contains("authorizedNetworks"));
    }

    @Test
    void doesNotWarnWhenTheControlPlaneHasAuthorizedNetworks() {
        var prod = read("prod", "kura-infra:cluster", "{" + OFFICE + "}");
        var cluster = prod.settings().cluster().orElseThrow();

        assertThat(prod.errors()).isEmpty();
        assertThat(cluster.authorizedNetworks()).isEqualTo(Map.of("office-vpn", "203.0.113.0/24"));
        assertThat(cluster.privateEndpointOnly()).isFalse();
        assertThat(prod.settings().configWarnings()).noneMatch(warning -> warning.contains("authorizedNetworks"));
    }

    @Test
    void failsWhenAnAuthorizedNetworkIsNotACidr() {
        var error = onlyError("prod", "kura-infra:cluster",
                "{\"authorizedNetworks\":{\"office-vpn\":\"203.0.113.7\"}}");

        assertThat(error.key()).isEqualTo("kura-infra:cluster.authorizedNetworks.office-vpn");
        assertThat(error.problem()).contains("got \"203.0.113.7\"", "an IPv4 CIDR block without host bits");
    }

    @Test
    void checksTheClusterSectionEvenWhenNoClusterIsNeeded() {
        var dev = read("dev", "kura-infra:cluster", "{\"releaseChannel\":\"BETA\"}");

        assertThat(dev.settings().cluster()).isEmpty();
        assertThat(dev.errors()).containsExactly(new ConfigError("kura-infra:cluster.releaseChannel",
                "got \"BETA\"; expected one of RAPID, REGULAR, STABLE"));
    }

    @Test
    void checksTheClusterRangesEvenWhenNoClusterIsNeeded() {
        var error = onlyError("dev", "kura-infra:cluster", "{\"podsCidr\":\"10.30.0.0/17\"}");

        assertThat(error.key()).isEqualTo("kura-infra:cluster.podsCidr");
        assertThat(error.problem()).contains("overlaps kura-infra:network.subnetCidr (10.30.0.0/20)");
    }

    @Test
    void failsWhenTheClusterSectionHasAnUnknownKey() {
        var error = onlyError("prod", "kura-infra:cluster", "{\"releaseChanel\":\"RAPID\"}");

        assertThat(error.key()).isEqualTo("kura-infra:cluster.releaseChanel");
        assertThat(error.problem()).contains("did you mean kura-infra:cluster.releaseChannel?");
    }
}
