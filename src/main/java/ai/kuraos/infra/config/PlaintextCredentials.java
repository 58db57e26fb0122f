package ai.kuraos.infra.config;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Plaintext that looks like a credential: the published formats of API keys and tokens, a private key, or a long,
 * unbroken value under a name that says it is secret. A plaintext setting is rendered into the plans, the review and
 * the cloud's console; a credential belongs in Secret Manager. What it found is described by its kind, never quoted.
 */
public final class PlaintextCredentials {

    private record Shape(String kind, Pattern pattern) {

        /** Found anywhere in a value (a key inside a header or a URL), but not inside a longer word. */
        Shape(String kind, String regex) {
            this(kind, Pattern.compile("(?<![A-Za-z0-9_])" + regex));
        }
    }

    /** Published key formats (each vendor's documentation of its key prefixes). */
    private static final List<Shape> SHAPES = List.of(
            new Shape("a Stripe secret or restricted key", "(sk|rk)_(live|test)_[A-Za-z0-9]{8,}"),
            new Shape("an AWS access key id", "(AKIA|ASIA)[0-9A-Z]{16}"),
            new Shape("a Google API key", "AIza[0-9A-Za-z_-]{35}"),
            new Shape("a GitHub token", "(gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})"),
            new Shape("a Slack token", "xox[abposr]-[A-Za-z0-9-]{10,}"),
            new Shape("an OpenAI key", "sk-(proj-)?[A-Za-z0-9_-]{20,}"),
            new Shape("a Twilio auth token or API key", "SK[0-9a-f]{32}"),
            new Shape("a SendGrid or Brevo key", "(SG\\.[A-Za-z0-9_-]{16,}\\.[A-Za-z0-9_-]{16,}|xkeysib-[A-Za-z0-9-]{20,})"),
            new Shape("a JSON Web Token", "eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}"),
            new Shape("a private key", "-----BEGIN [A-Z ]*PRIVATE KEY-----"),
            new Shape("a URL with a password", "[a-z][a-z0-9+.-]*://[^/\\s:@]+:[^/\\s@]+@"));
    /** Names that say the value is secret: FOO_SECRET, FOO_PASSWORD, FOO_TOKEN, FOO_API_KEY, STRIPE_KEY … */
    private static final Pattern SECRET_NAME =
            Pattern.compile("(.*_)?(SECRET|PASSWORD|PASSWD|TOKEN|API_KEY|APIKEY|PRIVATE_KEY|CREDENTIALS?)(_.*)?|.*_KEY");
    /** A value under a secret name that reads as a key: 16 or more characters without spaces. */
    private static final Pattern KEY_LIKE = Pattern.compile("\\S{16,}");

    private PlaintextCredentials() {
    }

    /** What {@code value}, set as {@code name}, looks like when it looks like a credential. */
    public static Optional<String> kind(String name, String value) {
        var text = value.strip();
        for (var shape : SHAPES) {
            if (shape.pattern().matcher(text).find()) {
                return Optional.of(shape.kind());
            }
        }
        if (SECRET_NAME.matcher(name).matches() && KEY_LIKE.matcher(text).matches()) {
            return Optional.of("a credential (the name says it is secret and the value reads as a key)");
        }
        return Optional.empty();
    }
}
