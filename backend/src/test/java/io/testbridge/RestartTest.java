package io.testbridge;

import io.testbridge.testing.ApiClient;
import io.testbridge.testing.Fixtures;
import io.testbridge.testing.RunningApp;
import io.testbridge.testing.TestClock;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** With nothing configured, data lives in the embedded PostgreSQL under the data dir and survives restarts. */
class RestartTest {

    @Test
    void data_and_sessions_survive_a_restart_of_the_embedded_mode_and_logout_ends_the_session() {
        Path dataDir = RunningApp.newWorkDir("restart");
        Map<String, String> embedded = Map.of("TESTBRIDGE_DATA_DIR", dataDir.toString());
        TestClock clock = new TestClock();

        ApiClient browser;
        try (RunningApp first = RunningApp.startWith(embedded, clock)) {
            browser = Fixtures.adminClient(first);
            Fixtures.createUser(browser, "tess", "tester password 1", "Tester");
        }
        assertThat(Files.isDirectory(dataDir.resolve("postgres"))).isTrue();

        try (RunningApp second = RunningApp.startWith(embedded, clock)) {
            ApiClient sameBrowser = browser.rebase(second.baseUrl());
            assertThat(sameBrowser.get("/api/setup").json().getBoolean("needsAdmin")).isFalse();
            ApiClient.Response me = sameBrowser.get("/api/me");
            assertThat(me.status()).as("the session cookie from before the restart").isEqualTo(200);
            assertThat(me.json().getJsonObject("user").getString("username")).isEqualTo(Fixtures.ADMIN);
            assertThat(sameBrowser.get("/api/users").json().getJsonArray("items")).hasSize(2);

            assertThat(sameBrowser.delete("/api/session").status()).isEqualTo(204);
            assertThat(sameBrowser.get("/api/me").status()).isEqualTo(401);
        }
    }
}
