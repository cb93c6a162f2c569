package io.testbridge.jirasim;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;

/** The older reading of a missing scope, as an option: 403 "Forbidden; scope does not match". */
class CloudGatewayScopeAnswerTest extends SimulatorTestSupport {

    @Override
    void customize(SimulatorOptions options) {
        options.cloudScopeMismatch(ScopeMismatchAnswer.FORBIDDEN_403);
    }

    @Test
    void a_read_only_token_writing_gets_403_with_the_option() {
        String code = cloudConsent(CLOUD_READONLY, "read:jira-work", "alice", "acme", "accept").get("code");
        String token = exchangeCloudCode(CLOUD_READONLY, code).getString("access_token");

        HttpResponse<Buffer> write = postJson(cloudRest(ACME) + "/issue", token, IssueBodies.cloudTask("x"));
        HttpResponse<Buffer> myself = get(cloudRest(ACME) + "/myself", token);

        assertThat(write.statusCode()).isEqualTo(403);
        assertThat(write.bodyAsJsonObject()).isEqualTo(new JsonObject().put("code", 403)
                .put("message", "Forbidden; scope does not match"));
        assertThat(myself.statusCode()).as("read:jira-user was not granted").isEqualTo(403);
    }
}
