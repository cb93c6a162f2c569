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
        OutboundPolicy outbound,
        Duration instanceCheckInterval) {

    /** What Testbridge may call when it talks to a Jira instance. */
    public record OutboundPolicy(boolean allowHttp, boolean allowLinkLocal, Duration timeout) {
    }

    /** The administrator created on a first start without users (headless installs). */
    public record InitialAdmin(String username, String password) {
        @Override
        public String toString() {
            return "InitialAdmin[" + username + "]";
        }
    }

    /** The public URL, defaulting to localhost on the port actually bound. */
    public URI publicUrlOr(int boundPort) {
        return publicUrl.orElse(URI.create("http://localhost:" + boundPort));
    }

    public boolean embeddedDatabase() {
        return databaseUrl.isEmpty();
    }
}
