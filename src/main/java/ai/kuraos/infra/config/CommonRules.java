package ai.kuraos.infra.config;

/** The text rules more than one slice reads values with. */
public final class CommonRules {

    public static final TextRule PROJECT_ID = TextRule.matching("[a-z][a-z0-9-]{4,28}[a-z0-9]",
            "a Google Cloud project id: 6 to 30 lowercase letters, digits or hyphens, starting with a letter, e.g. kura-os");
    public static final TextRule REGION = TextRule.matching("[a-z]+-[a-z]+[1-9][0-9]?",
            "a Google Cloud region such as europe-southwest1");
    public static final TextRule BILLING_ACCOUNT = TextRule.matching("[0-9A-F]{6}-[0-9A-F]{6}-[0-9A-F]{6}",
            "a billing account id such as 01A2B3-C4D5E6-F7A8B9");
    public static final TextRule PRIVATE_SUBNET = new TextRule(
            text -> Ipv4Cidr.parse(text).filter(Ipv4Cidr::isPrivate)
                    .filter(cidr -> cidr.prefixLength() >= 8 && cidr.prefixLength() <= 29).isPresent(),
            "an IPv4 CIDR block without host bits, inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16,"
                    + " with a prefix from /8 to /29, e.g. 10.10.0.0/20");
    public static final TextRule HOUR_AND_MINUTE = TextRule.matching("([01][0-9]|2[0-3]):[0-5][0-9]",
            "a time of day as HH:MM (24-hour clock, UTC), e.g. 03:00");
    public static final TextRule IMAGE = TextRule.matching(
            "[a-z0-9.-]+(:[0-9]+)?/[a-z0-9._/-]+(:[A-Za-z0-9._-]{1,128}|@sha256:[a-f0-9]{64})",
            "a full image reference with a tag or digest, e.g."
                    + " europe-southwest1-docker.pkg.dev/kura-os/kura/kura-backend:v1-3-7");
    public static final TextRule ENV_NAME = TextRule.matching("[A-Z_][A-Z0-9_]*",
            "an environment variable name in upper case, e.g. FRONTEND_URL");
    public static final TextRule ANY_TEXT = new TextRule(value -> true, "a text value");

    private CommonRules() {
    }
}
