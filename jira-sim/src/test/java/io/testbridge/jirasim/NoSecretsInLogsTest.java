package io.testbridge.jirasim;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class NoSecretsInLogsTest extends SimulatorTestSupport {

    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    private Logger logger;
    private Level previousLevel;

    @BeforeEach
    void capture() {
        logger = (Logger) LoggerFactory.getLogger("io.testbridge.jirasim");
        previousLevel = logger.getLevel();
        logger.setLevel(Level.DEBUG);
        ((Logger) LoggerFactory.getLogger("io.testbridge.jirasim.access")).setLevel(Level.DEBUG);
        captured.start();
        logger.addAppender(captured);
    }

    @AfterEach
    void release() {
        logger.detachAppender(captured);
        logger.setLevel(previousLevel);
        ((Logger) LoggerFactory.getLogger("io.testbridge.jirasim.access")).setLevel(Level.WARN);
    }

    @Test
    void request_logs_carry_paths_but_no_codes_tokens_states_or_secrets() {
        Map<String, String> redirect = cloudConsent(CLOUD_APP, ALL_CLOUD_SCOPES, "alice", "acme", "accept");
        JsonObject cloud = exchangeCloudCode(CLOUD_APP, redirect.get("code"));
        JsonObject refreshed = refreshCloud(cloud.getString("refresh_token")).bodyAsJsonObject();
        get(cloudRest(ACME) + "/myself", refreshed.getString("access_token"));
        JsonObject dc = dcTokens(DC_CLIENT, "WRITE");

        List<String> lines = captured.list.stream().map(ILoggingEvent::getFormattedMessage).toList();

        assertThat(lines).anyMatch(line -> line.contains("path=/cloud/auth/oauth/token"));
        List<String> secrets = List.of(redirect.get("code"), redirect.get("state"), cloud.getString("access_token"),
                cloud.getString("refresh_token"), refreshed.getString("access_token"), dc.getString("access_token"),
                dc.getString("refresh_token"), CLOUD_SECRET, DC_SECRET, VERIFIER);
        for (String line : lines) {
            for (String secret : secrets) {
                assertThat(line).doesNotContain(secret);
            }
        }
    }
}
