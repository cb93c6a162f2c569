package io.testbridge.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The Jira simulator's own jar in a process of its own (its demo world: Cloud site acme, users
 * alice and bob), driven through its control API, so a benchmark measures Testbridge and not the
 * simulator's work sharing Testbridge's JVM.
 */
final class JiraSimulatorProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Process process;
    private final String baseUrl;
    private final JsonObject summary;

    private JiraSimulatorProcess(Process process, String baseUrl, JsonObject summary) {
        this.process = process;
        this.baseUrl = baseUrl;
        this.summary = summary;
    }

    static JiraSimulatorProcess start(Path jar, int port) throws Exception {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it with mvn -pl jira-sim package");
        }
        Process process = new ProcessBuilder(List.of("java", "-Xmx512m", "-jar", jar.toString(), "--port", Integer.toString(port)))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String baseUrl = "http://127.0.0.1:" + port;
        try {
            Benchmarks.waitUntil(() -> !process.isAlive() || Benchmarks.get(baseUrl + "/_control") == 200);
        } catch (IllegalStateException notReady) {
            process.destroyForcibly();
            throw notReady;
        }
        if (!process.isAlive()) {
            throw new IllegalStateException("the Jira simulator did not start on " + baseUrl);
        }
        HttpResponse<String> summary = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "/_control")).build(),
                HttpResponse.BodyHandlers.ofString());
        return new JiraSimulatorProcess(process, baseUrl, new JsonObject(summary.body()));
    }

    long pid() {
        return process.pid();
    }

    String cloudAuthUrl() {
        return summary.getString("cloudAuthUrl");
    }

    String cloudApiUrl() {
        return summary.getString("cloudApiUrl");
    }

    String siteUrl(String site) {
        return site(site).getString("url");
    }

    String cloudId(String site) {
        return site(site).getString("cloudId");
    }

    private JsonObject site(String name) {
        JsonArray sites = summary.getJsonArray("sites");
        return sites.stream().map(JsonObject.class::cast).filter(site -> name.equals(site.getString("name"))).findFirst()
                .orElseThrow(() -> new IllegalStateException("the simulator has no site " + name));
    }

    /** Calls made to the simulator since the last reset, by "METHOD /path". */
    JsonObject counters() throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "/_control/counters")).build(),
                HttpResponse.BodyHandlers.ofString());
        return new JsonObject(answer.body()).getJsonObject("calls");
    }

    /** POSTs to the control API (e.g. {@code /clients}, {@code /clock/advance}); fails on anything but 200. */
    JsonObject control(String path, JsonObject body) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "/_control" + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.encode())).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("simulator " + path + ": " + answer.statusCode() + " " + answer.body());
        }
        return new JsonObject(answer.body());
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
