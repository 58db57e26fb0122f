package ai.kuraos.infra.platform;

import ai.kuraos.infra.config.CommonRules;
import ai.kuraos.infra.config.ConfigReader;
import ai.kuraos.infra.config.ConfigSection;
import ai.kuraos.infra.config.Environment;
import ai.kuraos.infra.config.Ipv4Cidr;
import ai.kuraos.infra.config.TextRule;

import java.util.Optional;

/**
 * The VPC's regional subnet and the private-services-access range peered to Google's producer network (Cloud SQL
 * private IP, Memorystore). Without an explicit address, Google picks a free block of the given size.
 */
public record NetworkSettings(
        String subnetCidr,
        Optional<String> privateServicesAddress,
        int privateServicesPrefixLength,
        double flowLogSampling) {

    static final TextRule IPV4_ADDRESS = new TextRule(
            text -> Ipv4Cidr.parse(text + "/32").isPresent(), "an IPv4 address such as 10.100.0.0");

    /** The {@code network} section. */
    public static NetworkSettings read(ConfigSection section, Environment environment, ConfigReader config) {
        var subnet = section.value("subnetCidr", "The range of subnet `kura-<region>`.")
                .text(environment.pick("10.30.0.0/20", "10.20.0.0/20", "10.10.0.0/20"), CommonRules.PRIVATE_SUBNET);
        var addressValue = section.value("privateServicesAddress", "The start of the range peered for Cloud SQL and"
                + " Memorystore. It must not overlap the subnet.").defaultShown("Google picks a free block");
        var address = Optional.of(addressValue.text("", IPV4_ADDRESS)).filter(text -> !text.isEmpty());
        var prefixLength = section.value("privateServicesPrefixLength", "The size of that range.").integer(16, 8, 24);
        var sampling = section.value("flowLogSampling", "The share of flows recorded in the subnet's VPC flow logs.")
                .decimal(environment.pick(0.1, 0.25, 0.5), 0.01, 1.0);
        address.ifPresent(start -> {
            var block = start + "/" + prefixLength;
            var range = Ipv4Cidr.parse(block);
            var subnetRange = Ipv4Cidr.parse(subnet);
            if (range.isEmpty() || !range.get().isPrivate()) {
                config.reject(addressValue.key(), "got \"" + start + "\", which with prefix /" + prefixLength + " is not a"
                        + " private CIDR block; expected the first address of a private block of that size");
            } else if (subnetRange.isPresent() && range.get().overlaps(subnetRange.get())) {
                config.reject(addressValue.key(), "got \"" + start + "\": " + block + " overlaps the subnet " + subnet
                        + "; expected a private block that does not overlap kura-infra:network.subnetCidr");
            }
        });
        return new NetworkSettings(subnet, address, prefixLength, sampling);
    }
}
