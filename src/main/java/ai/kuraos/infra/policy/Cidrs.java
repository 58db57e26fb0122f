package ai.kuraos.infra.policy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Address ranges as rules judge them: whether a set of CIDR blocks, together, admits the whole internet. */
final class Cidrs {

    private static final long IPV4_SIZE = 1L << 32;

    private Cidrs() {
    }

    private record Span(long first, long last) {
    }

    /**
     * Whether {@code ranges} cover every address of IPv4 ({@code 0.0.0.0/1} and {@code 128.0.0.0/1} do) or of IPv6
     * ({@code ::/0}). Ranges that are not CIDR blocks are ignored.
     */
    static boolean coverTheInternet(List<String> ranges) {
        if (ranges.stream().anyMatch(range -> range.strip().equals("::/0"))) {
            return true;
        }
        var spans = new ArrayList<Span>();
        ranges.forEach(range -> ipv4(range.strip()).ifPresent(spans::add));
        spans.sort(Comparator.comparingLong(Span::first));
        long next = 0;
        for (var span : spans) {
            if (span.first() > next) {
                return false;
            }
            next = Math.max(next, span.last() + 1);
        }
        return next >= IPV4_SIZE;
    }

    private static Optional<Span> ipv4(String cidr) {
        var parts = cidr.split("/");
        var octets = parts[0].split("\\.");
        if (parts.length != 2 || octets.length != 4) {
            return Optional.empty();
        }
        try {
            long address = 0;
            for (var octet : octets) {
                var value = Integer.parseInt(octet);
                if (value < 0 || value > 255) {
                    return Optional.empty();
                }
                address = address << 8 | value;
            }
            var prefix = Integer.parseInt(parts[1]);
            if (prefix < 0 || prefix > 32) {
                return Optional.empty();
            }
            var size = 1L << (32 - prefix);
            var first = address & ~(size - 1) & (IPV4_SIZE - 1);
            return Optional.of(new Span(first, first + size - 1));
        } catch (NumberFormatException notAnAddress) {
            return Optional.empty();
        }
    }
}
