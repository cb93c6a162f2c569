package io.testbridge;

import io.testbridge.config.AppConfig;
import io.testbridge.config.ConfigException;
import io.testbridge.config.ConfigLoader;
import io.testbridge.crypto.KeyStore;
import io.testbridge.crypto.SecretBox;
import io.testbridge.db.DatabaseServer;
import io.testbridge.db.Migrations;
import io.testbridge.db.backup.BackupFiles;
import io.testbridge.db.backup.BackupManifest;
import io.testbridge.db.backup.BackupRefused;
import io.testbridge.db.backup.DatabaseRestore;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code java -jar testbridge.jar backup --to FILE [--include-key]} and
 * {@code restore --from FILE [--replace]}, followed by the usual settings (data dir, database URL,
 * key). A backup runs beside a running Testbridge (on its embedded database too); a restore needs
 * it stopped. Each prints what it did, or one sentence saying why it refused.
 */
public final class BackupCommands {
    public static final int OK = 0;
    public static final int REFUSED = 1;
    static final int USAGE = 2;
    static final String USAGE_TEXT = """
            Usage:
              java -jar testbridge.jar backup  --to FILE   [--include-key] [settings]
              java -jar testbridge.jar restore --from FILE [--replace]     [settings]
            Settings as for running Testbridge (e.g. --data-dir=./data or --db-url=postgresql://...).
            --include-key  also put the encryption key in the file (keep such a file as safe as the key)
            --replace      restore over a database that holds data (that data is dropped)
            """;

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;
    private final Clock clock;

    public BackupCommands(PrintStream out, PrintStream err, Map<String, String> env, Clock clock) {
        this.out = out;
        this.err = err;
        this.env = env;
        this.clock = clock;
    }

    static boolean handles(List<String> args) {
        return !args.isEmpty() && (args.get(0).equals("backup") || args.get(0).equals("restore"));
    }

    /** Runs the command; answers the process's exit code. */
    public int run(List<String> args) {
        List<String> rest = new ArrayList<>(args.subList(1, args.size()));
        try {
            if (args.get(0).equals("backup")) {
                Path file = Path.of(option(rest, "--to"));
                return backup(file, flag(rest, "--include-key"), ConfigLoader.load(rest, env));
            }
            Path file = Path.of(option(rest, "--from"));
            return restore(file, flag(rest, "--replace"), ConfigLoader.load(rest, env));
        } catch (UsageException e) {
            err.println("testbridge: " + e.getMessage());
            err.print(USAGE_TEXT);
            return USAGE;
        } catch (ConfigException e) {
            err.println("testbridge: " + e.getMessage());
            return USAGE;
        } catch (BackupRefused e) {
            err.println("testbridge: " + e.getMessage());
            return REFUSED;
        }
    }

    private int backup(Path file, boolean includeKey, AppConfig config) {
        SecretBox secrets = KeyStore.open(config.secretKey(), config.previousSecretKeys(), config.dataDir());
        Optional<String> key = includeKey ? Optional.of(KeyStore.currentKeyText(config.secretKey(), config.dataDir())) : Optional.empty();
        long started = System.nanoTime();
        try (DatabaseServer database = DatabaseServer.openForCommand(config)) {
            BackupFiles.Written written = BackupFiles.write(database.url(), file, secrets.currentKeyId(), key, clock);
            BackupManifest manifest = written.manifest();
            out.printf("Backed up %,d rows of %d tables (Testbridge %s, schema version %s%s) to %s: %s in %s.%n",
                    manifest.totalRows(), manifest.tables().size(), manifest.testbridgeVersion(), manifest.schemaVersion(),
                    database.isRunningTestbridges() ? ", online" : "", file, BackupFiles.size(written.bytes()), seconds(started));
            out.println(includeKey
                    ? "The file includes the encryption key (id " + manifest.keyId() + "): keep it as safe as the key itself."
                    : "Secrets in it are sealed with the key of id " + manifest.keyId() + "; keep that key (" + keyWhere(config) + ") to restore them.");
            return OK;
        }
    }

    private int restore(Path file, boolean replace, AppConfig config) {
        long started = System.nanoTime();
        BackupManifest manifest = BackupFiles.readManifest(file);
        try (DatabaseServer database = DatabaseServer.openForCommand(config)) {
            if (database.isRunningTestbridges()) {
                throw new BackupRefused("Testbridge is running on " + config.dataDir() + ": stop it before restoring into its database.");
            }
            requireKeyFor(manifest, file, config);
            Migrations migrations = Migrations.prepare(config.dbConnectTimeout());
            DatabaseRestore.Restored restored = DatabaseRestore.restore(file, database.url(), migrations, replace);
            out.printf("Restored %,d rows of %d tables from %s (taken %s by Testbridge %s, schema version %s, now %s) in %s.%n",
                    manifest.totalRows(), manifest.tables().size(), file, manifest.takenAt(), manifest.testbridgeVersion(),
                    manifest.schemaVersion(), restored.schemaVersionNow(), seconds(started));
            for (BackupManifest.Table table : manifest.tables()) {
                if (table.rows() > 0) {
                    out.printf("  %-24s %,12d rows%n", table.name(), table.rows());
                }
            }
            return OK;
        }
    }

    /**
     * The backup's secrets are sealed with one key: this Testbridge must hold it, or nothing sealed
     * would ever decrypt. A backup that includes its key installs it where there is none yet.
     */
    private void requireKeyFor(BackupManifest manifest, Path file, AppConfig config) {
        if (!KeyStore.exists(config.secretKey(), config.dataDir())) {
            Optional<String> included = manifest.includesKey() ? DatabaseRestore.includedKey(file) : Optional.empty();
            if (included.isEmpty()) {
                throw new BackupRefused("The backup's secrets are sealed with the key of id " + manifest.keyId() + ", and " + config.dataDir()
                        + " has no key: copy the original " + KeyStore.KEY_FILE + " there (or set TESTBRIDGE_SECRET_KEY) first.");
            }
            KeyStore.install(included.get(), config.dataDir());
            out.println("Installed the backup's encryption key (id " + manifest.keyId() + ") as " + config.dataDir().resolve(KeyStore.KEY_FILE) + ".");
        }
        SecretBox secrets = KeyStore.open(config.secretKey(), config.previousSecretKeys(), config.dataDir());
        if (!secrets.canRead(manifest.keyId())) {
            throw new BackupRefused("The backup's secrets are sealed with the key of id " + manifest.keyId() + ", but this Testbridge's key is "
                    + secrets.currentKeyId() + ": use the original key (as " + KeyStore.KEY_FILE + " or TESTBRIDGE_SECRET_KEY, or in "
                    + "TESTBRIDGE_PREVIOUS_SECRET_KEYS), or the Jira tokens and client secrets would never decrypt.");
        }
    }

    private static String keyWhere(AppConfig config) {
        return config.secretKey().isBlank() ? config.dataDir().resolve(KeyStore.KEY_FILE).toString() : "TESTBRIDGE_SECRET_KEY";
    }

    private static String seconds(long startedNanos) {
        Duration took = Duration.ofNanos(System.nanoTime() - startedNanos);
        return String.format("%.1f s", took.toMillis() / 1000.0);
    }

    private static String option(List<String> args, String name) {
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals(name) && i + 1 < args.size()) {
                args.remove(i);
                return args.remove(i);
            }
            if (arg.startsWith(name + "=")) {
                args.remove(i);
                return arg.substring(name.length() + 1);
            }
        }
        throw new UsageException(name + " FILE is required.");
    }

    private static boolean flag(List<String> args, String name) {
        return args.remove(name);
    }

    private static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
