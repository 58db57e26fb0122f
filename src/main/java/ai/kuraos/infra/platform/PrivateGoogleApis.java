package ai.kuraos.infra.platform;

import java.util.List;

/**
 * Google APIs at fixed addresses: in a VPC with a private {@code googleapis.com} zone, every {@code *.googleapis.com}
 * name resolves to {@code private.googleapis.com}, whose four addresses are only routable from inside Google Cloud and
 * stay the same, so a Kubernetes NetworkPolicy can name them (the public ones change often). Google's "Configure
 * Private Google Access", "DNS configuration" and "Domain options"
 * (https://cloud.google.com/vpc/docs/configure-private-google-access): an A record for {@code private.googleapis.com}
 * with 199.36.153.8-11 and a CNAME {@code *.googleapis.com} to it; the VIP serves "most Google APIs", every
 * {@code *.googleapis.com} name among them, over HTTPS only; the subnet needs Private Google Access and the network a
 * route to the range through the default internet gateway (its default route is one).
 * {@code restricted.googleapis.com} is not used: it refuses every API VPC Service Controls does not support, and
 * nothing here runs inside a perimeter.
 */
public final class PrivateGoogleApis {

    /** {@code private.googleapis.com}: the NetworkPolicy's one address block for Google APIs. */
    public static final String VIP_CIDR = "199.36.153.8/30";
    public static final List<String> VIP_ADDRESSES = List.of("199.36.153.8", "199.36.153.9", "199.36.153.10", "199.36.153.11");
    public static final int HTTPS_PORT = 443;
    public static final String ZONE_NAME = "kura-googleapis";
    public static final String ZONE_DNS_NAME = "googleapis.com.";
    public static final String VIP_NAME = "private.googleapis.com.";
    public static final String WILDCARD_NAME = "*.googleapis.com.";
    /** Cloud DNS's default for a new record set. */
    public static final int TTL_SECONDS = 300;

    private PrivateGoogleApis() {
    }
}
