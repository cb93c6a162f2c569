package io.testbridge.config;

/**
 * Every setting Testbridge reads, with its default and meaning. The README's configuration table
 * and {@code --help} are printed from this list, so it is the one place a setting is declared.
 *
 * <p>Each setting is read from, in order of precedence: a command-line flag
 * ({@code --http-port=8080}), an environment variable ({@code TESTBRIDGE_HTTP_PORT}), a line of
 * the optional config file ({@code TESTBRIDGE_HTTP_PORT=8080}), then the default.
 */
public enum Setting {
    HTTP_HOST("0.0.0.0", "Address the HTTP server listens on."),
    HTTP_PORT("8080", "HTTP port; 0 picks a free one."),
    PUBLIC_URL("", "URL users reach Testbridge at (behind a proxy: the proxy's URL). OAuth callback URLs are built from it. Default: http://localhost:<port>."),
    DATA_DIR("./data", "Folder for the embedded database and the generated encryption key."),
    DB_URL("", "External PostgreSQL, as postgresql://user:password@host:port/database. Empty: start the embedded PostgreSQL in <data dir>/postgres."),
    DB_POOL_SIZE("8", "Maximum connections in the application's database pool."),
    DB_CONNECT_TIMEOUT_SECONDS("10", "How long start-up waits for the database before giving up."),
    INITIAL_ADMIN_USERNAME("", "Headless set-up: on a start with no users, create this administrator."),
    INITIAL_ADMIN_PASSWORD("", "Password for INITIAL_ADMIN_USERNAME (at least 12 characters). Remove it from the environment once the administrator exists."),
    SESSION_IDLE_MINUTES("480", "A session ends after this many minutes without a request."),
    SESSION_ABSOLUTE_HOURS("168", "A session ends this many hours after login, whatever its use."),
    LOGIN_MAX_FAILURES("5", "Failed logins for one username (or 4x this from one address) before a temporary lock."),
    LOGIN_LOCK_SECONDS("60", "How long a login lock lasts; it doubles on each further lock, up to 15 minutes."),
    API_TOKEN_REQUESTS_PER_MINUTE("600", "Requests one personal API token may make per minute on each node (as many at once, then evenly); more are answered 429 with Retry-After."),
    TRUSTED_PROXIES("", "Comma-separated addresses or CIDR ranges of your reverse proxies (e.g. 127.0.0.1,10.0.0.0/8). Only from these is X-Forwarded-For believed: the client is its right-most address that is not one of them. Empty: the client is the connection's peer."),
    SECRET_KEY("", "Encryption key for client secrets and tokens at rest: base64 of 32 random bytes (openssl rand -base64 32). Empty: a key file <data dir>/secret.key is generated (0600)."),
    PREVIOUS_SECRET_KEYS("", "Comma-separated older keys, still accepted for reading while values are re-encrypted with the current key."),
    ATLASSIAN_AUTH_URL("https://auth.atlassian.com", "Atlassian's OAuth 2.0 authorization server (Jira Cloud)."),
    ATLASSIAN_API_URL("https://api.atlassian.com", "Atlassian's API gateway (Jira Cloud REST calls and accessible-resources)."),
    JIRA_ALLOW_HTTP("false", "Allow plain-http Jira URLs on other hosts than loopback (loopback is always allowed, for development)."),
    JIRA_ALLOW_LINK_LOCAL("false", "Allow Jira URLs that resolve to link-local or cloud-metadata addresses (169.254.0.0/16, fe80::/10)."),
    JIRA_TIMEOUT_SECONDS("10", "How long one call to Jira may take, from connecting to the last byte of the answer, before it is abandoned."),
    JIRA_MAX_ANSWER_MB("8", "Largest answer Testbridge reads from Jira, in MB (1 to 100); a larger one is cut off while it streams in."),
    INSTANCE_CHECK_MINUTES("15", "How often every registered Jira instance is checked in the background."),
    HISTORY_RETENTION_DAYS("365", "Delete OAuth history rows older than this many days; 0 keeps them forever."),
    BACKUP_TIME("", "Take a backup of the database every day at this time of the server's day (HH:MM, e.g. 02:30), into BACKUP_DIR. Empty: no scheduled backups."),
    BACKUP_DIR("", "Folder for scheduled backups. Empty: <data dir>/backups."),
    BACKUP_KEEP("7", "How many scheduled backups to keep in BACKUP_DIR; older ones are deleted after each new one."),
    ATTACHMENT_MAX_MB("10", "Largest file of evidence (a screenshot, a log) a tester can attach to a step result, in MB (1 to 100)."),
    RESULTS_MAX_MB("50", "Largest upload of automation results (JUnit, TestNG, Cucumber reports; all files of one upload together), in MB (1 to 1024); larger uploads get 413 as soon as they pass it."),
    METRICS("off", "Prometheus metrics at /metrics: off, token (on the main port, with Authorization: Bearer TESTBRIDGE_METRICS_TOKEN) or port (open, on TESTBRIDGE_METRICS_PORT)."),
    METRICS_TOKEN("", "The bearer token /metrics requires when TESTBRIDGE_METRICS=token."),
    METRICS_PORT("9464", "The port of the open /metrics endpoint when TESTBRIDGE_METRICS=port."),
    LOG_FORMAT("text", "Log lines as text (for people) or json (one JSON object per line)."),
    CONFIG_FILE("", "Optional file of KEY=value lines using the environment variable names.");

    public static final String ENV_PREFIX = "TESTBRIDGE_";

    private final String defaultValue;
    private final String description;

    Setting(String defaultValue, String description) {
        this.defaultValue = defaultValue;
        this.description = description;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    /** The environment variable and config-file key, e.g. {@code TESTBRIDGE_HTTP_PORT}. */
    public String envName() {
        return ENV_PREFIX + name();
    }

    /** The command-line flag, e.g. {@code --http-port}. */
    public String flag() {
        return "--" + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
