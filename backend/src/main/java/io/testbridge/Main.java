package io.testbridge;

import io.testbridge.config.AppConfig;
import io.testbridge.config.ConfigException;
import io.testbridge.config.ConfigLoader;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;

/** {@code java -jar testbridge.jar [--setting value ...]}: configure, start, and stop cleanly on SIGTERM. */
public final class Main {
    private static final int EXIT_CONFIG = 2;

    private Main() {
    }

    public static void main(String[] args) {
        List<String> arguments = Arrays.asList(args);
        if (arguments.contains("--help") || arguments.contains("-h")) {
            System.out.print(ConfigLoader.helpText());
            return;
        }
        try {
            AppConfig config = ConfigLoader.load(arguments, System.getenv());
            // logback reads it when it starts, which is at the first log line: after this
            System.setProperty("TESTBRIDGE_LOG_FORMAT", config.logFormat());
            Application application = Application.start(config, Clock.systemUTC());
            Runtime.getRuntime().addShutdownHook(new Thread(application::stop, "testbridge-shutdown"));
        } catch (ConfigException e) {
            // one line an operator can act on, not a stack trace
            System.err.println("testbridge: " + e.getMessage());
            System.exit(EXIT_CONFIG);
        }
    }
}
