package io.testbridge.testing;

import io.testbridge.jirasim.JiraSimulator;
import io.testbridge.jirasim.SimulatorOptions;
import io.vertx.core.Vertx;

import java.util.List;

/** The Jira simulator with its demo world (Cloud sites acme and globex, Data Center dc912 and dc820) on 127.0.0.1. */
public final class Simulator implements AutoCloseable {
    private final Vertx vertx;
    private final JiraSimulator jira;

    private Simulator(Vertx vertx, JiraSimulator jira) {
        this.vertx = vertx;
        this.jira = jira;
    }

    public static Simulator start(List<String> redirectUris) {
        Vertx vertx = Vertx.vertx();
        try {
            JiraSimulator jira = JiraSimulator.start(vertx, SimulatorOptions.demo(redirectUris).host("127.0.0.1").port(0))
                    .toCompletionStage().toCompletableFuture().get();
            return new Simulator(vertx, jira);
        } catch (Exception e) {
            vertx.close();
            throw new IllegalStateException("The Jira simulator did not start", e);
        }
    }

    public JiraSimulator jira() {
        return jira;
    }

    @Override
    public void close() {
        recordIssuedSecrets();
        try {
            jira.close().toCompletionStage().toCompletableFuture().get();
        } catch (Exception ignored) {
            // closing anyway
        }
        vertx.close();
    }

    /** For the suite-wide secret scan (scripts/reliability-summary): everything this simulator issued. */
    private void recordIssuedSecrets() {
        try {
            java.nio.file.Path file = java.nio.file.Path.of(System.getProperty("testbridge.test.workdir", "target/test-work"), "issued-secrets.txt");
            java.nio.file.Files.createDirectories(file.getParent());
            java.nio.file.Files.write(file, jira.issuedSecrets(), java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
