package ai.kuraos.infra.gcp;

import com.google.auth.oauth2.GoogleCredentials;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** Access tokens from Application Default Credentials: a developer's gcloud login, or Workload Identity in CI. */
public final class GoogleAccessTokens implements Supplier<String> {

    private static final List<String> SCOPES = List.of("https://www.googleapis.com/auth/cloud-platform");

    private final GoogleCredentials credentials;

    private GoogleAccessTokens(GoogleCredentials credentials) {
        this.credentials = credentials;
    }

    public static GoogleAccessTokens fromEnvironment() {
        try {
            return new GoogleAccessTokens(GoogleCredentials.getApplicationDefault().createScoped(SCOPES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Why no credentials can be found, if none can. */
    public static Optional<String> missing() {
        try {
            GoogleCredentials.getApplicationDefault();
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("no Google Cloud credentials: run `gcloud auth application-default login`, or in CI"
                    + " authenticate through Workload Identity (google-github-actions/auth)");
        }
    }

    @Override
    public String get() {
        try {
            credentials.refreshIfExpired();
            return credentials.getAccessToken().getTokenValue();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot get a Google Cloud access token: " + e.getMessage(), e);
        }
    }
}
