package ai.kuraos.infra.data;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The Secret Manager secrets of the deployment manual, who reads each, and where its value comes from. Access is
 * granted per secret to its readers only.
 */
public final class SecretCatalogue {

    /** The identities that read secrets. */
    public enum Reader { BACKEND, MIGRATOR }

    /** GENERATED values come from this program; EXTERNAL ones from the stack's encrypted config. */
    public enum Source { GENERATED, EXTERNAL }

    /** {@code withKafka}: the secret exists only while the stack runs Kafka, which generates its value. */
    public record Entry(String name, Source source, Set<Reader> readers, String purpose, boolean withKafka) {

        Entry(String name, Source source, Set<Reader> readers, String purpose) {
            this(name, source, readers, purpose, false);
        }
    }

    public static final String DATABASE_URL = "DATABASE_URL";
    public static final String SECRET_KEY = "SECRET_KEY";
    public static final String DB_PASSWORD = "DB_PASSWORD";
    public static final String REDIS_AUTH = "REDIS_AUTH";
    public static final String KAFKA_SSL_CERT_PEM = "KAFKA_SSL_CERT_PEM";
    public static final String KAFKA_SSL_KEY_PEM = "KAFKA_SSL_KEY_PEM";
    public static final String CELERY_BROKER_AUTH = "CELERY_BROKER_AUTH";

    private static final Set<Reader> BACKEND_ONLY = Collections.unmodifiableSet(EnumSet.of(Reader.BACKEND));
    private static final Set<Reader> DATABASE_USERS = Collections.unmodifiableSet(EnumSet.of(Reader.BACKEND, Reader.MIGRATOR));

    public static final List<Entry> ALL = List.of(
            new Entry(DATABASE_URL, Source.GENERATED, DATABASE_USERS, "PostgreSQL connection string over the Cloud SQL Unix socket"),
            new Entry(SECRET_KEY, Source.GENERATED, BACKEND_ONLY, "FastAPI session signing key"),
            // The backend needs it too: the admin panel's backups run pg_dump and psql as kura_app.
            new Entry(DB_PASSWORD, Source.GENERATED, DATABASE_USERS, "password of the kura_app database user"),
            new Entry(REDIS_AUTH, Source.GENERATED, BACKEND_ONLY, "Memorystore AUTH string"),
            // The certificate is not secret, but it and its key are one credential: a renewal changes both at once.
            new Entry(KAFKA_SSL_CERT_PEM, Source.GENERATED, BACKEND_ONLY, "Kafka client certificate (mTLS, user CN=api)",
                    true),
            new Entry(KAFKA_SSL_KEY_PEM, Source.GENERATED, BACKEND_ONLY, "private key of the Kafka client certificate",
                    true),
            new Entry(CELERY_BROKER_AUTH, Source.GENERATED, BACKEND_ONLY, "AUTH string of the Celery broker's Memorystore instance"),
            new Entry("STRIPE_SECRET_KEY", Source.EXTERNAL, BACKEND_ONLY, "Stripe API key"),
            new Entry("STRIPE_WEBHOOK_SECRET", Source.EXTERNAL, BACKEND_ONLY, "Stripe webhook signature secret"),
            new Entry("TWILIO_ACCOUNT_SID", Source.EXTERNAL, BACKEND_ONLY, "Twilio account"),
            new Entry("TWILIO_AUTH_TOKEN", Source.EXTERNAL, BACKEND_ONLY, "Twilio auth token"),
            new Entry("TWILIO_WHATSAPP_NUMBER", Source.EXTERNAL, BACKEND_ONLY, "WhatsApp sender number"),
            new Entry("OPENAI_API_KEY", Source.EXTERNAL, BACKEND_ONLY, "OpenAI (text to speech for briefings)"),
            new Entry("GOOGLE_API_KEY", Source.EXTERNAL, BACKEND_ONLY, "Gemini API key"),
            new Entry("GOOGLE_CLIENT_ID", Source.EXTERNAL, BACKEND_ONLY, "Google OAuth client id"),
            new Entry("GOOGLE_CLIENT_SECRET", Source.EXTERNAL, BACKEND_ONLY, "Google OAuth client secret"),
            new Entry("BREVO_API_KEY", Source.EXTERNAL, BACKEND_ONLY, "Brevo e-mail API key"));

    private SecretCatalogue() {
    }

    public static List<Entry> bySource(Source source) {
        return ALL.stream().filter(entry -> entry.source() == source).toList();
    }

    public static List<Entry> readBy(Reader reader) {
        return ALL.stream().filter(entry -> entry.readers().contains(reader)).toList();
    }

    public static Optional<Entry> byName(String name) {
        return ALL.stream().filter(entry -> entry.name().equals(name)).findFirst();
    }
}
