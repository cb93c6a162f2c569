package io.testbridge.reliability;

import io.testbridge.config.AppConfig;
import io.testbridge.jira.JiraCallFailed;
import io.testbridge.jira.Deployment;
import io.testbridge.jira.JiraHttp;
import io.testbridge.oauth.JiraOAuthClient;
import io.testbridge.oauth.TokenEndpointException;
import io.testbridge.jirasim.OAuthClientRegistration;
import io.testbridge.testing.ApiClient;
import io.testbridge.testing.Fixtures;
import io.testbridge.testing.OAuthDriver;
import io.testbridge.testing.ReliabilityReport;
import io.testbridge.testing.RunningApp;
import io.testbridge.testing.Simulator;
import io.testbridge.testing.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Something posing as Jira at a configured URL: Atlassian's API gateway is a server of this test
 * that passes everything to the simulator until it turns hostile, answering 700 MB (streamed, or
 * declared up front), one byte at a time, or garbage instead of JSON. The answer is cut off by the
 * size cap or the deadline, in the API's error shape without quoting what was sent, and the hostile
 * server sees its connection closed long before it has said everything.
 */
class HostileJiraTest {
    private static final long HUGE = 700L * 1024 * 1024;
    private static final int CAP_MB = 1;
    /** What the kernel's socket buffers on loopback can hold between the two ends when the client stops reading. */
    private static final long SOCKET_BUFFERS = 16L * 1024 * 1024;
    private static final int DRIP_BYTES = 120;

    enum Mode { HONEST, HUGE_STREAMED, HUGE_DECLARED, DRIP, NOT_JSON }

    /** What a confused or hostile server says instead of JSON: binary, markup, terminal escapes. */
    private static final String GARBAGE = "\u0016\u0003\u0001<html><script>x</script>\u001b[31mDEADBEEF";

    @Test
    void a_700_mb_or_dripping_jira_answer_is_cut_off_by_the_cap_or_the_deadline_with_a_clear_error() throws Exception {
        Vertx vertx = Vertx.vertx();
        try (Simulator simulator = Simulator.start(List.of("http://127.0.0.1/unused"));
             HostileGateway gateway = HostileGateway.start(vertx, URI.create(simulator.jira().cloudApiUrl()))) {
            try (RunningApp app = RunningApp.start(TestDatabase.freshDatabase(), Map.of(
                    "TESTBRIDGE_ATLASSIAN_AUTH_URL", simulator.jira().cloudAuthUrl(),
                    "TESTBRIDGE_ATLASSIAN_API_URL", gateway.url(),
                    "TESTBRIDGE_JIRA_TIMEOUT_SECONDS", "1",
                    "TESTBRIDGE_JIRA_MAX_ANSWER_MB", Integer.toString(CAP_MB)))) {
                simulator.jira().registerClient(OAuthClientRegistration.cloud("hostile-app", "hostile-secret", "Testbridge",
                        List.of(app.baseUrl() + "/oauth/callback"), Set.of("read:jira-work", "read:jira-user", "write:jira-work")));
                ApiClient admin = Fixtures.adminClient(app);
                long id = admin.post("/api/integrations", new JsonObject().put("name", "Acme").put("baseUrl", simulator.jira().siteUrl("acme"))
                        .put("deployment", "CLOUD")).json().getLong("id");
                ApiClient.Response connected = new OAuthDriver(admin).connect(id, "hostile-app", "hostile-secret", "alice", "acme");
                assertThat(connected.status()).as(connected.body()).isEqualTo(200);
                String projects = "/api/jira/" + id + "/projects";
                assertThat(admin.get(projects).status()).as("through the gateway while it is honest").isEqualTo(200);

                record Case(Mode mode, int status, String code, String messagePart, boolean cutOff) {
                }
                List<Case> cases = List.of(
                        new Case(Mode.HUGE_STREAMED, 502, "jira_error", "larger than " + CAP_MB + " MB", true),
                        new Case(Mode.HUGE_DECLARED, 502, "jira_error", "larger than " + CAP_MB + " MB", true),
                        new Case(Mode.DRIP, 503, "jira_unavailable", "no complete answer within 1 s", true),
                        new Case(Mode.NOT_JSON, 502, "jira_error", "something other than a JSON", false));
                int held = 0;
                long mostBytesSent = 0;
                for (Case hostile : cases) {
                    gateway.turn(hostile.mode());
                    ApiClient.Response answer = admin.get(projects);
                    gateway.turn(Mode.HONEST);
                    assertThat(answer.status()).as(hostile.mode() + ": " + answer.body()).isEqualTo(hostile.status());
                    assertThat(answer.errorCode()).as(hostile.mode().name()).isEqualTo(hostile.code());
                    String message = answer.json().getJsonObject("error").getString("message");
                    assertThat(message).as(hostile.mode().name()).contains(hostile.messagePart()).doesNotContain("DEADBEEF").doesNotContain("<html").hasSizeLessThan(300);
                    Hostility seen = gateway.awaitClosed();
                    if (!hostile.cutOff()) {
                        held++;
                        continue;
                    }
                    assertThat(message).as(hostile.mode() + " names the instance").contains("Acme");
                    assertThat(seen.answers()).as(hostile.mode() + ": asked once, so the API answered when the one deadline or cap fired")
                            .isEqualTo(1);
                    assertThat(seen.closedEarly()).as(hostile.mode() + ": every hostile answer was cut off by Testbridge").isEqualTo(seen.answers());
                    assertThat(seen.mostBytesSent()).as(hostile.mode() + ": what the client took (at most the cap and the socket buffers)")
                            .isLessThanOrEqualTo(CAP_MB * 1024L * 1024 + SOCKET_BUFFERS);
                    mostBytesSent = Math.max(mostBytesSent, seen.mostBytesSent());
                    assertThat(admin.get("/health").status()).as("Jira's hostility is not Testbridge's trouble").isEqualTo(200);
                    assertThat(admin.get(projects).status()).as("honest again after " + hostile.mode()).isEqualTo(200);
                    held++;
                }
                ReliabilityReport.write("hostile-jira", new JsonObject().put("tried", cases.size()).put("held", held)
                        .put("claimedBytes", HUGE).put("mostBytesSent", mostBytesSent));
            }
        } finally {
            vertx.close().await();
        }
    }

    @Test
    void a_call_to_a_link_local_or_metadata_address_is_refused_before_anything_is_sent() {
        Vertx vertx = Vertx.vertx();
        try {
            JiraHttp http = new JiraHttp(vertx, new AppConfig.OutboundPolicy(true, false, Duration.ofSeconds(5), 1024 * 1024));
            Future<?> call = http.get("http://169.254.169.254/latest/meta-data/").bearer("a token that must not leave").send();
            Throwable failure = call.toCompletionStage().toCompletableFuture().handle((ok, error) -> error).join();
            assertThat(failure).isInstanceOf(JiraCallFailed.class);
            JiraCallFailed refused = (JiraCallFailed) failure;
            assertThat(refused.reason()).isEqualTo(JiraCallFailed.Reason.REFUSED);
            assertThat(refused.detail()).contains("link-local or cloud-metadata");
        } finally {
            vertx.close().await();
        }
    }

    @Test
    void a_refresh_token_and_client_secret_are_not_sent_to_a_token_endpoint_at_a_link_local_address() {
        Vertx vertx = Vertx.vertx();
        try {
            JiraHttp http = new JiraHttp(vertx, new AppConfig.OutboundPolicy(true, false, Duration.ofSeconds(5), 1024 * 1024));
            JiraOAuthClient client = JiraOAuthClient.create(vertx, http, Deployment.DATA_CENTER, "http://169.254.169.254:8080",
                    "client", "a secret that must not leave", "http://localhost/oauth/callback", new io.testbridge.oauth.ClientAuthentications(),
                    java.time.Clock.systemUTC());
            Throwable failure = client.refresh("a refresh token that must not leave").toCompletionStage().toCompletableFuture()
                    .handle((ok, error) -> error).join();
            assertThat(failure).isInstanceOf(TokenEndpointException.class);
            assertThat(((TokenEndpointException) failure).isTransient()).as("the tokens are kept").isTrue();
            assertThat(failure.getMessage()).contains("link-local or cloud-metadata");
        } finally {
            vertx.close().await();
        }
    }

    @Test
    void a_call_connects_to_the_address_the_guard_checked_and_still_names_the_host() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            // the address the guard gets for the name (the JDK's first answer) is where the server listens
            String checked = java.net.InetAddress.getAllByName("localhost")[0].getHostAddress();
            AtomicReference<String> host = new AtomicReference<>();
            HttpServer server = vertx.createHttpServer().requestHandler(request -> {
                host.set(request.getHeader("Host"));
                request.response().putHeader("Content-Type", "application/json").end("{\"ok\":true}");
            }).listen(0, checked).await();
            // a deadline far from the point: this test is about where the call goes (5 s once ran out on a loaded CI machine)
            JiraHttp http = new JiraHttp(vertx, new AppConfig.OutboundPolicy(false, false, Duration.ofSeconds(30), 1024 * 1024));
            io.testbridge.jira.JiraResponse answer = http.get("http://localhost:" + server.actualPort() + "/rest/api/2/serverInfo").send()
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            assertThat(answer.bodyAsJsonObject().getBoolean("ok")).isTrue();
            assertThat(host.get()).as("the Host header names the host, not the address connected to").isEqualTo("localhost:" + server.actualPort());
        } finally {
            vertx.close().await();
        }
    }

    @Test
    void a_server_that_answers_something_other_than_http_is_named_not_quoted() {
        Vertx vertx = Vertx.vertx();
        try {
            // a TLS record and binary where the status line should be: the parser's message would carry these bytes
            io.vertx.core.net.NetServer garbage = vertx.createNetServer().connectHandler(socket -> socket.handler(request ->
                    socket.write(Buffer.buffer(new byte[] {0x16, 0x03, 0x01, 0x00, (byte) 0xde, (byte) 0xad}).appendString("BEEF\r\n\r\n"))))
                    .listen(0, "127.0.0.1").await();
            JiraHttp http = new JiraHttp(vertx, new AppConfig.OutboundPolicy(false, false, Duration.ofSeconds(30), 1024 * 1024));
            Throwable failure = http.get("http://127.0.0.1:" + garbage.actualPort() + "/rest/api/2/serverInfo").send()
                    .toCompletionStage().toCompletableFuture().handle((ok, error) -> error).join();
            assertThat(failure).isInstanceOf(JiraCallFailed.class);
            assertThat(failure.getMessage()).contains("not valid HTTP").doesNotContain("BEEF").doesNotContain("\u0016").doesNotContain("0x").doesNotContain("16 03");
        } finally {
            vertx.close().await();
        }
    }

    /** What the hostile answers of one request saw. */
    record Hostility(int answers, int closedEarly, long mostBytesSent) {
    }

    /** Atlassian's API gateway as a hostile party would run it: honest (a proxy to the simulator) until turned. */
    static final class HostileGateway implements AutoCloseable {
        private final Vertx vertx;
        private final HttpServer server;
        private final HttpClient upstream;
        private final URI simulatorApi;
        private final AtomicReference<Mode> mode = new AtomicReference<>(Mode.HONEST);
        private final AtomicInteger answers = new AtomicInteger();
        private final AtomicInteger open = new AtomicInteger();
        private final AtomicInteger closedEarly = new AtomicInteger();
        private final AtomicLong mostBytesSent = new AtomicLong();

        private HostileGateway(Vertx vertx, HttpServer server, HttpClient upstream, URI simulatorApi) {
            this.vertx = vertx;
            this.server = server;
            this.upstream = upstream;
            this.simulatorApi = simulatorApi;
        }

        static HostileGateway start(Vertx vertx, URI simulatorApi) {
            HttpServer server = vertx.createHttpServer();
            HostileGateway gateway = new HostileGateway(vertx, server, vertx.createHttpClient(), simulatorApi);
            server.requestHandler(gateway::handle).listen(0, "127.0.0.1").await();
            return gateway;
        }

        String url() {
            return "http://127.0.0.1:" + server.actualPort() + simulatorApi.getPath();
        }

        /** Changes what the next requests get; turning hostile starts the counts afresh. */
        void turn(Mode next) {
            if (next != Mode.HONEST) {
                answers.set(0);
                closedEarly.set(0);
                mostBytesSent.set(0);
            }
            mode.set(next);
        }

        /** Waits for the event of Testbridge closing the hostile connections (bounded, so a broken client fails instead of hanging). */
        Hostility awaitClosed() throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (open.get() > 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            return new Hostility(answers.get(), closedEarly.get(), mostBytesSent.get());
        }

        private void handle(HttpServerRequest request) {
            Mode now = mode.get();
            if (now == Mode.HONEST || !request.path().contains("/ex/jira/")) {
                forward(request);
                return;
            }
            if (now == Mode.NOT_JSON) {
                request.response().putHeader("Content-Type", "application/json").end(GARBAGE);
                return;
            }
            answers.incrementAndGet();
            open.incrementAndGet();
            HttpServerResponse response = request.response().setStatusCode(200).putHeader("Content-Type", "application/json");
            AtomicLong sent = new AtomicLong();
            AtomicLong timer = new AtomicLong(-1);
            long total = now == Mode.DRIP ? DRIP_BYTES : HUGE;
            request.connection().closeHandler(closed -> {
                vertx.cancelTimer(timer.get());
                mostBytesSent.accumulateAndGet(sent.get(), Math::max);
                if (sent.get() < total) {
                    closedEarly.incrementAndGet();
                }
                open.decrementAndGet();
            });
            if (now == Mode.HUGE_DECLARED) {
                response.putHeader("Content-Length", Long.toString(HUGE));
            } else {
                response.setChunked(true);
            }
            if (now == Mode.DRIP) {
                timer.set(vertx.setPeriodic(250, id -> {
                    if (sent.get() < total) {
                        response.write(sent.getAndIncrement() == 0 ? "[" : " ");
                    }
                }));
            } else {
                pour(response, sent, total);
            }
        }

        /** Writes as fast as the client reads (back-pressure), never holding the 700 MB. */
        private void pour(HttpServerResponse response, AtomicLong sent, long total) {
            Buffer chunk = Buffer.buffer(new byte[64 * 1024]);
            while (!response.writeQueueFull() && sent.get() < total && !response.closed()) {
                response.write(chunk);
                sent.addAndGet(chunk.length());
            }
            if (sent.get() < total && !response.closed()) {
                response.drainHandler(more -> pour(response, sent, total));
            }
        }

        private void forward(HttpServerRequest request) {
            MultiMap headers = MultiMap.caseInsensitiveMultiMap().addAll(request.headers()).remove("Host");
            request.body()
                    .compose(body -> upstream.request(new RequestOptions().setMethod(request.method()).setHost(simulatorApi.getHost())
                                    .setPort(simulatorApi.getPort()).setURI(request.uri()).setHeaders(headers))
                            .compose(out -> out.send(body)))
                    .compose(in -> in.body().map(body -> {
                        HttpServerResponse response = request.response().setStatusCode(in.statusCode());
                        in.headers().forEach((name, value) -> {
                            if (!name.equalsIgnoreCase("Content-Length") && !name.equalsIgnoreCase("Transfer-Encoding")
                                    && !name.equalsIgnoreCase("Connection")) {
                                response.headers().add(name, value);
                            }
                        });
                        return response.end(body);
                    }))
                    .onFailure(failure -> request.response().setStatusCode(502).end());
        }

        @Override
        public void close() {
            server.close().await();
            upstream.close().await();
        }
    }
}
