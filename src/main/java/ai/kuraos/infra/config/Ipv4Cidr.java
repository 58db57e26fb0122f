package ai.kuraos.infra.config;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** An IPv4 block such as {@code 10.10.0.0/20}, written in canonical form (no host bits set). */
public record Ipv4Cidr(long network, int prefixLength) {

    private static final Pattern FORM = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})/(\\d{1,2})");
    private static final List<Ipv4Cidr> PRIVATE_RANGES = List.of(
            new Ipv4Cidr(address(10, 0, 0, 0), 8),
            new Ipv4Cidr(address(172, 16, 0, 0), 12),
            new Ipv4Cidr(address(192, 168, 0, 0), 16));

    public static Optional<Ipv4Cidr> parse(String text) {
        var match = FORM.matcher(text.trim());
        if (!match.matches()) {
            return Optional.empty();
        }
        long value = 0;
        for (int octet = 1; octet <= 4; octet++) {
            int part = Integer.parseInt(match.group(octet));
            if (part > 255) {
                return Optional.empty();
            }
            value = (value << 8) | part;
        }
        int prefix = Integer.parseInt(match.group(5));
        if (prefix > 32 || (value & ~mask(prefix)) != 0) {
            return Optional.empty();
        }
        return Optional.of(new Ipv4Cidr(value, prefix));
    }

    public boolean isPrivate() {
        return PRIVATE_RANGES.stream().anyMatch(range -> range.contains(this));
    }

    public boolean contains(Ipv4Cidr other) {
        return other.prefixLength >= prefixLength && (other.network & mask(prefixLength)) == network;
    }

    public boolean overlaps(Ipv4Cidr other) {
        return contains(other) || other.contains(this);
    }

    private static long mask(int prefix) {
        return prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
    }

    private static long address(int a, int b, int c, int d) {
        return ((long) a << 24) | ((long) b << 16) | ((long) c << 8) | d;
    }
}
