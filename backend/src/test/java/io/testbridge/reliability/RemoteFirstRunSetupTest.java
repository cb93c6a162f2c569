package io.testbridge.reliability;

import io.testbridge.http.FirstRunSetup;
import io.testbridge.testing.ReliabilityReport;
import io.testbridge.testing.RunningApp;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The first-run setup while no administrator exists: open to the server itself (the README's first
 * run), closed to everyone else without the one-time setup token. The test server listens on
 * loopback only, so "everyone else" arrives as a reverse proxy on the same machine delivers it: a
 * public Host, or the client's address in a forwarding header. Requests are written by hand on a
 * socket, since Java's HTTP client will not send a Host of our choosing.
 */
class RemoteFirstRunSetupTest {
    private static final AtomicInteger TRIED = new AtomicInteger();
    private static final AtomicInteger HELD = new AtomicInteger();
    private static final String ADMIN = new JsonObject().put("username", "admin").put("displayName", "Ada Admin")
            .put("email", "ada@example.com").put("password", "admin password 123").encode();
    private RunningApp app;

    @BeforeEach
    void start() {
        app = RunningApp.start();
    }

    @AfterEach
    void stop() {
        app.close();
    }

    @AfterAll
    static void report() {
        ReliabilityReport.write("first-run-setup", new JsonObject().put("tried", TRIED.get()).put("held", HELD.get()));
    }

    private record Answer(int status, String head, String body) {
        String errorCode() {
            return new JsonObject(body).getJsonObject("error").getString("code");
        }
    }

    private Answer send(String method, String path, Map<String, String> headers, String body) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", app.application().port())) {
            StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
            Map<String, String> all = new LinkedHashMap<>();
            all.put("Host", "127.0.0.1:" + app.application().port());
            all.putAll(headers);
            all.put("Connection", "close");
            byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            if (body != null) {
                all.put("Content-Type", "application/json");
                all.put("Content-Length", String.valueOf(content.length));
            }
            all.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
            OutputStream out = socket.getOutputStream();
            out.write(request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(content);
            out.flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int split = response.indexOf("\r\n\r\n");
            return new Answer(Integer.parseInt(response.substring(9, 12)), response.substring(0, split), response.substring(split + 4));
        }
    }

    private Answer createAdmin(Map<String, String> headers) throws IOException {
        return send("POST", "/api/setup/admin", headers, ADMIN);
    }

    private boolean needsAdmin() throws IOException {
        return new JsonObject(send("GET", "/api/setup", Map.of(), null).body()).getBoolean("needsAdmin");
    }

    private String setupToken() throws IOException {
        return Files.readString(tokenFile()).strip();
    }

    private Path tokenFile() {
        return app.dataDir().resolve(FirstRunSetup.FILE_NAME);
    }

    @Test
    void from_the_server_itself_the_first_run_needs_no_token() throws IOException {
        TRIED.incrementAndGet();
        assertThat(Files.getPosixFilePermissions(tokenFile())).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        // as the browser tests' load balancer on this machine forwards it
        Map<String, String> throughLocalBalancer = Map.of("X-Forwarded-For", "127.0.0.1", "X-Forwarded-Host", "127.0.0.1:8080");
        assertThat(createAdmin(throughLocalBalancer).status()).isEqualTo(201);
        assertThat(tokenFile()).as("the token is spent").doesNotExist();
        HELD.incrementAndGet();
    }

    @Test
    void from_elsewhere_through_a_proxy_the_setup_is_refused_without_the_token() throws IOException {
        TRIED.incrementAndGet();
        for (Map<String, String> fromElsewhere : java.util.List.of(
                Map.of("Host", "testbridge.example.com"),
                Map.of("X-Forwarded-For", "203.0.113.9"),
                Map.of("X-Forwarded-For", "127.0.0.1, 203.0.113.9"),
                Map.of("X-Real-IP", "203.0.113.9"),
                Map.of("Forwarded", "for=203.0.113.9"),
                Map.of("X-Forwarded-Host", "testbridge.example.com"),
                Map.of("Host", "testbridge.example.com", FirstRunSetup.HEADER, "not-the-token"))) {
            Answer refused = createAdmin(fromElsewhere);
            assertThat(refused.status()).as(fromElsewhere.toString()).isEqualTo(403);
            assertThat(refused.errorCode()).isEqualTo("forbidden");
            assertThat(refused.body()).contains(FirstRunSetup.FILE_NAME).doesNotContain(setupToken());
        }
        assertThat(needsAdmin()).isTrue();

        Answer created = createAdmin(Map.of("Host", "testbridge.example.com", "X-Forwarded-For", "203.0.113.9", FirstRunSetup.HEADER, setupToken()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(needsAdmin()).isFalse();
        assertThat(tokenFile()).doesNotExist();
        HELD.incrementAndGet();
    }

    @Test
    void the_setup_link_with_the_token_lets_the_setup_page_create_the_administrator_from_elsewhere() throws IOException {
        TRIED.incrementAndGet();
        String token = setupToken();
        Answer link = send("GET", "/setup?token=" + token, Map.of("Host", "testbridge.example.com"), null);
        assertThat(link.status()).isEqualTo(303);
        assertThat(link.head()).contains("Location: /setup\r\n").containsIgnoringCase("Set-Cookie: testbridge_setup=" + token)
                .containsIgnoringCase("HttpOnly").contains("Path=/api/setup");

        Answer created = createAdmin(Map.of("Host", "testbridge.example.com", "Cookie", "testbridge_setup=" + token));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        HELD.incrementAndGet();
    }
}
