package ai.kuraos.infra.config;

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
}
