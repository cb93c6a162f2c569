package io.testbridge.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** The application's settings, read once at start-up (see {@link Setting} and {@link ConfigLoader}). */
public record AppConfig(
        String httpHost,
        int httpPort,
        Optional<URI> publicUrl,
        Path dataDir,
        Optional<DatabaseUrl> databaseUrl,
        int dbPoolSize,
        Duration dbConnectTimeout,
        Optional<InitialAdmin> initialAdmin,
        Duration sessionIdleTimeout,
        Duration sessionAbsoluteTimeout,
        int loginMaxFailures,
        Duration loginLockDuration,
        int apiTokenRequestsPerMinute,
        TrustedProxies trustedProxies,
        String secretKey,
        String previousSecretKeys,
        String atlassianAuthUrl,
        String atlassianApiUrl,
        OutboundPolicy outbound,
        Duration instanceCheckInterval,
        Duration historyRetention,
        BackupSchedule backups,
        long attachmentMaxBytes,
        long resultsMaxBytes,
        MetricsSettings metrics,
        String logFormat) {

    public enum MetricsMode { OFF, TOKEN, PORT }

    /** Scheduled backups: every day at {@code time} (empty: none), into {@code folder}, keeping the newest {@code keep}. */
    public record BackupSchedule(Optional<java.time.LocalTime> time, Path folder, int keep) {
    }

    /** How /metrics is exposed. */
    public record MetricsSettings(MetricsMode mode, String token, int port) {
        @Override
        public String toString() {
            return "MetricsSettings[" + mode + ", port " + port + "]";
        }
    }

    /**
     * What Testbridge may call when it talks to a Jira instance, and how much it takes from it:
     * {@code timeout} bounds a whole call (connect, headers, body), {@code maxAnswerBytes} its answer.
     */
    public record OutboundPolicy(boolean allowHttp, boolean allowLinkLocal, Duration timeout, long maxAnswerBytes) {
    }

    @Override
    public String toString() {
        return "AppConfig[host=" + httpHost + ", port=" + httpPort + ", dataDir=" + dataDir + ", database="
                + databaseUrl.map(Object::toString).orElse("embedded") + "]";
    }

    /** The administrator created on a first start without users (headless installs). */
    public record InitialAdmin(String username, String password) {
        @Override
        public String toString() {
            return "InitialAdmin[" + username + "]";
        }
    }

    /** The public URL; by default the address listened on (localhost when that is every address) and the port bound. */
    public URI publicUrlOr(int boundPort) {
        String host = httpHost.equals("0.0.0.0") || httpHost.equals("::") ? "localhost" : httpHost;
        return publicUrl.orElse(URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + boundPort));
    }

    public boolean embeddedDatabase() {
        return databaseUrl.isEmpty();
    }
}
