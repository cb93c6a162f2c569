package io.testbridge.jirasim;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;

/** The alternative answer to a missing scope: 401 "scope does not match", as developers report it. */
class CloudGatewayScopeAnswerTest extends SimulatorTestSupport {

    @Override
    void customize(SimulatorOptions options) {
        options.cloudScopeMismatch(ScopeMismatchAnswer.GATEWAY_401);
    }

    @Test
    void a_read_only_token_writing_gets_the_gateways_401() {
        String code = cloudConsent(CLOUD_READONLY, "read:jira-work", "alice", "acme", "accept").get("code");
        String token = exchangeCloudCode(CLOUD_READONLY, code).getString("access_token");

        HttpResponse<Buffer> write = postJson(cloudRest(ACME) + "/issue", token, IssueBodies.cloudTask("x"));
        HttpResponse<Buffer> myself = get(cloudRest(ACME) + "/myself", token);

        assertThat(write.statusCode()).isEqualTo(401);
        assertThat(write.bodyAsJsonObject()).isEqualTo(new JsonObject().put("code", 401)
                .put("message", "Unauthorized; scope does not match"));
        assertThat(myself.statusCode()).as("read:jira-user was not granted").isEqualTo(401);
    }
}
