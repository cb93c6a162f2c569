package io.testbridge.http;

import io.testbridge.config.DatabaseUrl;
import io.testbridge.testing.ApiClient;
import io.testbridge.testing.RunningApp;
import io.testbridge.testing.Soon;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** /health must tell the truth when the database goes away under a running server. */
class HealthWhenDatabaseDownTest {

    @Test
    void health_answers_503_with_the_reason_once_the_database_stops() throws Exception {
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
        DatabaseUrl url = new DatabaseUrl("localhost", postgres.getPort(), "postgres", "postgres", "");
        try (RunningApp app = RunningApp.start(url, Map.of())) {
            ApiClient client = app.client();
            assertThat(client.get("/health").status()).isEqualTo(200);

            postgres.close();

            // probes are answered from a check a timer runs every second: the next one sees the database gone
            assertThat(Soon.value(() -> client.get("/health").status(), 503)).isEqualTo(503);
            ApiClient.Response down = client.get("/health");
            assertThat(down.status()).isEqualTo(503);
            assertThat(down.json().getString("status")).isEqualTo("DOWN");
            assertThat(down.json().getString("database")).isEqualTo("DOWN");
            assertThat(down.json().getString("reason")).startsWith("database: ").hasSizeGreaterThan("database: ".length());
        }
    }
}
