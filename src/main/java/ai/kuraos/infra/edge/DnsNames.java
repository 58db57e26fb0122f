package ai.kuraos.infra.edge;

import ai.kuraos.infra.config.TextRule;

import java.util.Optional;

/** The length limit of DNS names, for the domain and the host names the edge derives from it. */
public final class DnsNames {

    /** A DNS name is at most 253 characters in its text form (RFC 1035 section 2.3.4: 255 octets on the wire). */
    public static final int MAX_NAME_LENGTH = 253;
    /** The longest label the edge puts before the domain: api. and app. */
    static final String LONGEST_PREFIX = "api.";

    private DnsNames() {
    }

    /** A domain, as {@code domain} reads it, short enough for the host names under it; the text names the limit. */
    public static TextRule domain(TextRule domain) {
        return new TextRule(domain.accepts().and(text -> domainProblem(text).isEmpty()), domain.expected()
                + ", of at most " + (MAX_NAME_LENGTH - LONGEST_PREFIX.length()) + " characters (api.<domain> is a DNS"
                + " name, at most " + MAX_NAME_LENGTH + ")");
    }

    /** A host name, as {@code host} reads it, within the DNS limit. */
    public static TextRule host(TextRule host) {
        return new TextRule(host.accepts().and(text -> hostProblem(text).isEmpty()), host.expected()
                + ", of at most " + MAX_NAME_LENGTH + " characters (a DNS name)");
    }

    /** A domain too long for the host names served under it (api.&lt;domain&gt;, app.&lt;domain&gt;), if it is. */
    public static Optional<String> domainProblem(String domain) {
        var longest = LONGEST_PREFIX.length() + domain.length();
        return longest > MAX_NAME_LENGTH
                ? Optional.of("got a domain of " + domain.length() + " characters; DNS names are at most " + MAX_NAME_LENGTH
                + " characters, so the domain is at most " + (MAX_NAME_LENGTH - LONGEST_PREFIX.length())
                + " (the edge serves api.<domain> and app.<domain>)")
                : Optional.empty();
    }

    /** A host name over the DNS limit, if it is. */
    public static Optional<String> hostProblem(String host) {
        return host.length() > MAX_NAME_LENGTH
                ? Optional.of("got a host name of " + host.length() + " characters; DNS names are at most " + MAX_NAME_LENGTH)
                : Optional.empty();
    }
}
