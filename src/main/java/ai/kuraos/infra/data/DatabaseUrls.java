package ai.kuraos.infra.data;

/** How the backend and the migrator reach Postgres: the Cloud SQL Unix socket Cloud Run mounts under /cloudsql. */
public final class DatabaseUrls {

    private DatabaseUrls() {
    }

    /** {@code postgresql://<user>:<password>@/<database>?host=/cloudsql/<project>:<region>:<instance>} */
    public static String unixSocket(String user, String password, String database, String connectionName) {
        return "postgresql://" + user + ":" + password + "@/" + database + "?host=/cloudsql/" + connectionName;
    }
}
