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
        Duration loginLockDuration) {

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

    public AppConfig withHttpPort(int port) {
        return new AppConfig(httpHost, port, publicUrl, dataDir, databaseUrl, dbPoolSize, dbConnectTimeout,
                initialAdmin, sessionIdleTimeout, sessionAbsoluteTimeout, loginMaxFailures, loginLockDuration);
    }

    public AppConfig withDatabaseUrl(DatabaseUrl url) {
        return new AppConfig(httpHost, httpPort, publicUrl, dataDir, Optional.of(url), dbPoolSize, dbConnectTimeout,
                initialAdmin, sessionIdleTimeout, sessionAbsoluteTimeout, loginMaxFailures, loginLockDuration);
    }
}
