package io.testbridge.audit;

import io.testbridge.config.DatabaseUrl;
import io.testbridge.testing.ApiClient;
import io.testbridge.testing.Fixtures;
import io.testbridge.testing.RunningApp;
import io.testbridge.testing.Simulator;
import io.testbridge.testing.TestDatabase;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The OAuth history, live: rows committed on any node reach the history streams open on every node. */
class LiveHistoryTest {

    @Test
    void a_row_committed_on_one_node_reaches_a_stream_open_on_the_other_and_only_for_its_instance() throws Exception {
        DatabaseUrl database = TestDatabase.freshDatabase();
        try (Simulator jira = Simulator.start(List.of("http://127.0.0.1/unused"));
             RunningApp nodeA = RunningApp.start(database, Map.of());
             RunningApp nodeB = RunningApp.start(database, Map.of())) {
            ApiClient adminOnA = Fixtures.adminClient(nodeA);
            ApiClient adminOnB = Fixtures.adminClient(nodeB);
            long acme = register(adminOnA, "Acme", jira.jira().siteUrl("acme"));
            long globex = register(adminOnA, "Globex", jira.jira().siteUrl("globex"));

            try (EventStream stream = EventStream.open(adminOnA, nodeA.baseUrl() + "/api/integrations/" + acme + "/history/stream")) {
                assertThat(stream.next()).as("the subscription is live").startsWith("event: ready");

                assertThat(adminOnB.patch("/api/integrations/" + globex, new JsonObject().put("name", "Globex Corp")).status()).isEqualTo(200);
                assertThat(adminOnB.patch("/api/integrations/" + acme, new JsonObject().put("name", "Acme Inc")).status()).isEqualTo(200);

                String event = stream.next();
                assertThat(event).as("the first event the stream shows is Acme's: Globex's row is not for this stream").startsWith("event: recorded");
                JsonObject recorded = new JsonObject(event.substring(event.indexOf("data: ") + 6).strip());
                assertThat(recorded.getLong("instanceId")).isEqualTo(acme);
                assertThat(recorded.getString("eventType")).isEqualTo("INSTANCE_UPDATED");
                JsonObject newest = adminOnA.get("/api/integrations/" + acme + "/history").json().getJsonArray("items").getJsonObject(0);
                assertThat(recorded.getLong("id")).as("the event names the row the history shows first").isEqualTo(newest.getLong("id"));
            }
        }
    }

    @Test
    void the_stream_needs_the_right_to_read_the_history() {
        try (RunningApp app = RunningApp.start()) {
            ApiClient admin = Fixtures.adminClient(app);
            Fixtures.createUser(admin, "tess", "tester password 123", "Tester");
            ApiClient tess = app.client();
            tess.login("tess", "tester password 123");
            ApiClient.Response refused = tess.get("/api/integrations/1/history/stream");
            assertThat(refused.status()).isEqualTo(403);
            assertThat(app.client().get("/api/integrations/1/history/stream").status()).isEqualTo(401);
            assertThat(admin.get("/api/integrations/999/history/stream").status()).isEqualTo(404);
        }
    }

    private static long register(ApiClient admin, String name, String url) {
        ApiClient.Response created = admin.post("/api/integrations", new JsonObject().put("name", name).put("baseUrl", url).put("deployment", "CLOUD"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().getLong("id");
    }

    /** A Server-Sent Events stream read event by event (blank-line separated), keep-alive comments skipped. */
    private static final class EventStream implements AutoCloseable {
        private final InputStream body;
        private final BlockingQueue<String> events = new LinkedBlockingQueue<>();

        private EventStream(InputStream body) {
            this.body = body;
            Thread reader = new Thread(this::read, "sse-reader");
            reader.setDaemon(true);
            reader.start();
        }

        static EventStream open(ApiClient client, String url) throws Exception {
            HttpClient http = HttpClient.newBuilder().cookieHandler(client.cookies()).connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream").build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
            return new EventStream(response.body());
        }

        private void read() {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                StringBuilder event = new StringBuilder();
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (!line.isEmpty()) {
                        if (!line.startsWith(":")) {
                            event.append(line).append('\n');
                        }
                    } else if (!event.isEmpty()) {
                        events.add(event.toString());
                        event.setLength(0);
                    }
                }
            } catch (java.io.IOException closed) {
                // the stream was closed
            }
        }

        /** The next event, waiting at most 2 s (the live history's promise). */
        String next() throws InterruptedException {
            String event = events.poll(2, TimeUnit.SECONDS);
            assertThat(event).as("an event within 2 s").isNotNull();
            return event;
        }

        @Override
        public void close() throws Exception {
            body.close();
        }
    }
}
