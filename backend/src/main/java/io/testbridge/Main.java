package io.testbridge;

import io.testbridge.config.AppConfig;
import io.testbridge.config.ConfigException;
import io.testbridge.config.ConfigLoader;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * {@code java -jar testbridge.jar [--setting value ...]}: configure, start, and stop cleanly on SIGTERM;
 * {@code backup} and {@code restore} as first argument: see {@link BackupCommands}.
 */
public final class Main {
    private static final int EXIT_CONFIG = 2;

    private Main() {
    }

    public static void main(String[] args) {
        List<String> arguments = Arrays.asList(args);
        if (BackupCommands.handles(arguments)) {
            // a command prints what it did; the embedded database's start-up lines would only bury it
            if (System.getProperty("TESTBRIDGE_LOG_LEVEL") == null && System.getenv("TESTBRIDGE_LOG_LEVEL") == null) {
                System.setProperty("TESTBRIDGE_LOG_LEVEL", "WARN");
            }
            System.exit(new BackupCommands(System.out, System.err, System.getenv(), Clock.systemUTC()).run(arguments));
        }
        if (arguments.contains("--help") || arguments.contains("-h")) {
            System.out.print(ConfigLoader.helpText());
            System.out.print(BackupCommands.USAGE_TEXT);
            return;
        }
        // Registered before starting, so that a SIGTERM during start-up also stops what has started:
        // the hook waits for start-up to end (a failed start cleans up after itself).
        CompletableFuture<Application> started = new CompletableFuture<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopOnceStarted(started), "testbridge-shutdown"));
        try {
            AppConfig config = ConfigLoader.load(arguments, System.getenv());
            // logback reads it when it starts, which is at the first log line: after this
            System.setProperty("TESTBRIDGE_LOG_FORMAT", config.logFormat());
            started.complete(Application.start(config, Clock.systemUTC()));
        } catch (ConfigException e) {
            started.completeExceptionally(e);
            // one line an operator can act on, not a stack trace
            System.err.println("testbridge: " + e.getMessage());
            System.exit(EXIT_CONFIG);
        } catch (RuntimeException | Error e) {
            started.completeExceptionally(e);
            throw e;
        }
    }

    private static void stopOnceStarted(CompletableFuture<Application> started) {
        Application application;
        try {
            application = started.join();
        } catch (CompletionException | CancellationException startFailed) {
            return;
        }
        application.stop();
    }
}
