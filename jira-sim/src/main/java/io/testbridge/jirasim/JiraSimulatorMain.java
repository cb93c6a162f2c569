package io.testbridge.jirasim;

import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar testbridge-jira-sim.jar [--port 8090] [--host 127.0.0.1] [--redirect-uri URL]...}
 * starts the demo world of {@link DemoSetup} and prints its URLs and credentials.
 */
public final class JiraSimulatorMain {

    private JiraSimulatorMain() {
    }

    public static void main(String[] args) throws Exception {
        // Before any logger exists: the stand-alone jar uses its own config, never a consumer's logback.xml.
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "jira-sim-logback.xml");
        }
        CommandLine line;
        try {
            line = CommandLine.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("jira-sim: " + e.getMessage());
            System.err.println("usage: jira-sim [--port N] [--host ADDRESS] [--redirect-uri URL]...");
            System.exit(2);
            return;
        }
        Vertx vertx = Vertx.vertx();
        SimulatorOptions options = SimulatorOptions.demo(line.redirectUris).host(line.host).port(line.port);
        JiraSimulator simulator;
        try {
            simulator = JiraSimulator.start(vertx, options).toCompletionStage().toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            System.err.println("jira-sim: could not start on " + line.host + ":" + line.port + ": " + e.getMessage());
            vertx.close();
            System.exit(1);
            return;
        }
        System.out.println(DemoBanner.render(simulator));
        System.out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close().compose(v -> vertx.close()).onComplete(done -> stopped.countDown());
            try {
                stopped.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "jira-sim-shutdown"));
    }

    private record CommandLine(int port, String host, List<String> redirectUris) {

        static CommandLine parse(String[] args) {
            int port = 8090;
            String host = "127.0.0.1";
            List<String> redirectUris = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (arg) {
                    case "--port" -> port = Integer.parseInt(require(arg, value));
                    case "--host" -> host = require(arg, value);
                    case "--redirect-uri" -> redirectUris.add(require(arg, value));
                    case "--help", "-h" -> throw new IllegalArgumentException("help requested");
                    default -> throw new IllegalArgumentException("unknown argument " + arg);
                }
                i++;
            }
            return new CommandLine(port, host, redirectUris);
        }

        private static String require(String flag, String value) {
            if (value == null) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            return value;
        }
    }
}
