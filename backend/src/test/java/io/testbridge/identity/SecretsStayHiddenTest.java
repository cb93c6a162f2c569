package io.testbridge.identity;

import io.testbridge.testing.ApiClient;
import io.testbridge.testing.Fixtures;
import io.testbridge.testing.LogCapture;
import io.testbridge.testing.RunningApp;
import io.testbridge.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.net.http.HttpHeaders;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** No password, password hash or session id in any API response or log line. */
class SecretsStayHiddenTest {

    @Test
    void passwords_hashes_and_session_ids_never_leave_the_server() throws Exception {
        var database = TestDatabase.freshDatabase();
        List<ApiClient> clients = new ArrayList<>();
        String sessionId;
        List<String> logs;
        try (LogCapture capture = LogCapture.begin(); RunningApp app = RunningApp.start(database, Map.of())) {
            ApiClient admin = Fixtures.adminClient(app);
            clients.add(admin);
            Fixtures.createUser(admin, "tina", "tina password 12", "Tester");
            ApiClient tina = app.client();
            clients.add(tina);
            tina.login("tina", "tina password 12");
            tina.login("tina", "wrong password 1");
            tina.get("/api/me");
            admin.get("/api/users");
            admin.get("/api/roles");
            sessionId = tina.cookies().getCookieStore().getCookies().stream()
                    .filter(cookie -> cookie.getName().equals("testbridge_session")).findFirst().orElseThrow().getValue();
            tina.delete("/api/session");
            logs = capture.lines();
        }

        List<String> secrets = new ArrayList<>(List.of(Fixtures.ADMIN_PASSWORD, "tina password 12", "wrong password 1", sessionId));
        try (Connection connection = DriverManager.getConnection(
                "jdbc:postgresql://localhost:" + database.port() + "/" + database.database(), "postgres", "");
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT password_hash FROM users")) {
            while (rows.next()) {
                String hash = rows.getString(1);
                assertThat(hash).startsWith("$argon2id$");
                secrets.add(hash);
                secrets.add(hash.substring(hash.lastIndexOf('$') + 1));
            }
        }
        assertThat(logs).isNotEmpty();
        for (ApiClient client : clients) {
            for (ApiClient.Response response : client.responses()) {
                for (String secret : secrets) {
                    assertThat(response.body()).doesNotContain(secret);
                    assertThat(headersExceptSetCookie(response.headers())).doesNotContain(secret);
                }
            }
        }
        for (String line : logs) {
            for (String secret : secrets) {
                assertThat(line).doesNotContain(secret);
            }
        }
    }

    private static String headersExceptSetCookie(HttpHeaders headers) {
        StringBuilder text = new StringBuilder();
        headers.map().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("set-cookie")) {
                text.append(name).append(": ").append(values).append('\n');
            }
        });
        return text.toString();
    }
}
