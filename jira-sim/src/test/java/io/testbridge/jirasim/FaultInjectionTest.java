package io.testbridge.jirasim;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultInjectionTest extends SimulatorTestSupport {

    private String token;

    @BeforeEach
    void connect() {
        token = cloudTokens(CLOUD_APP).getString("access_token");
    }

    @Test
    void rate_limit_answers_429_with_retry_after_for_the_next_n_calls_only() {
        sim.faults().add(FaultSpec.rateLimit(2, 7).onFlavour("cloud-api"));

        HttpResponse<Buffer> first = get(cloudRest(ACME) + "/myself", token);
        HttpResponse<Buffer> second = get(cloudRest(ACME) + "/myself", token);
        HttpResponse<Buffer> third = get(cloudRest(ACME) + "/myself", token);

        assertThat(first.statusCode()).isEqualTo(429);
        assertThat(first.getHeader("Retry-After")).isEqualTo("7");
        assertThat(first.bodyAsJsonObject().getJsonArray("errorMessages")).isNotEmpty();
        assertThat(second.statusCode()).isEqualTo(429);
        assertThat(third.statusCode()).isEqualTo(200);
    }

    @Test
    void a_429_may_come_without_retry_after_and_a_503_with_it() {
        sim.faults().add(FaultSpec.rateLimitWithoutRetryAfter(1).onFlavour("cloud-api"));
        sim.faults().add(FaultSpec.serverError(1, 503).withRetryAfter(4).onFlavour("dc-dc912"));
        sim.faults().add(FaultSpec.serverError(1, 502).onFlavour("dc-dc820"));

        HttpResponse<Buffer> limited = get(cloudRest(ACME) + "/myself", token);
        HttpResponse<Buffer> busy = get(sim.dcBaseUrl("dc912") + "/rest/api/2/serverInfo");
        HttpResponse<Buffer> broken = get(sim.dcBaseUrl("dc820") + "/rest/api/2/serverInfo");

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.getHeader("Retry-After")).isNull();
        assertThat(limited.getHeader("X-RateLimit-Reset")).isNull();
        assertThat(busy.statusCode()).isEqualTo(503);
        assertThat(busy.getHeader("Retry-After")).isEqualTo("4");
        assertThat(broken.getHeader("Retry-After")).isNull();
    }

    @Test
    void an_answer_lost_after_the_work_leaves_the_work_done() {
        sim.faults().add(FaultSpec.answerLost(1).onMethod("POST"));

        Throwable lost = http.postAbs(cloudRest(ACME) + "/issue").bearerTokenAuthentication(token)
                .sendJsonObject(IssueBodies.cloudTask("Answer lost")).toCompletionStage().toCompletableFuture()
                .handle((response, failure) -> failure).join();

        assertThat(lost).as("no answer reaches the client").isNotNull();
        assertThat(get(cloudRest(ACME) + "/search/jql?jql=" + enc("project = TB AND summary ~ \"Answer lost\"") + "&fields=summary", token)
                .bodyAsJsonObject().getJsonArray("issues")).as("but the issue exists").hasSize(1);
    }

    @Test
    void faults_only_hit_their_target() {
        sim.faults().add(FaultSpec.serverError(5, 503).onFlavour("dc-dc912"));
        sim.faults().add(FaultSpec.serverError(5, 500).onPathPrefix("/cloud/api/oauth/").onMethod("POST"));

        assertThat(get(cloudRest(ACME) + "/myself", token).statusCode()).isEqualTo(200);
        assertThat(get(sim.cloudApiUrl() + "/oauth/token/accessible-resources", token).statusCode()).isEqualTo(200);
        assertThat(get(sim.dcBaseUrl("dc912") + "/rest/api/2/serverInfo").statusCode()).isEqualTo(503);
        assertThat(get(sim.dcBaseUrl("dc820") + "/rest/api/2/serverInfo").statusCode()).isEqualTo(200);
    }

    @Test
    void server_errors_on_the_token_endpoint_use_the_oauth_shape() {
        sim.faults().add(FaultSpec.serverError(1, 503).onPathPattern("/cloud/auth/oauth/token"));

        HttpResponse<Buffer> response = refreshCloud("anything");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.bodyAsJsonObject().getString("error")).isEqualTo("server_error");
        assertThat(refreshCloud("anything").statusCode()).isEqualTo(403);
    }

    @Test
    void html_error_page_looks_like_a_proxy() {
        sim.faults().add(FaultSpec.htmlErrorPage(1, 502).onPathPrefix("/cloud/api/ex/jira/"));

        HttpResponse<Buffer> response = get(cloudRest(ACME) + "/issue/TB-1", token);

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.getHeader("Content-Type")).startsWith("text/html");
        assertThat(response.bodyAsString()).contains("502 Bad Gateway").contains("nginx");
    }

    @Test
    void connection_reset_gives_the_client_no_response() {
        sim.faults().add(FaultSpec.connectionReset(1).onFlavour("cloud-api"));

        Throwable failure = http.requestAbs(HttpMethod.GET, cloudRest(ACME) + "/myself")
                .bearerTokenAuthentication(token).send()
                .map(response -> (Throwable) null).otherwise(error -> error).await();

        assertThat(failure).isNotNull();
        assertThat(get(cloudRest(ACME) + "/myself", token).statusCode()).isEqualTo(200);
    }

    @Test
    void latency_delays_matching_requests() {
        sim.faults().add(FaultSpec.latency(Duration.ofMillis(300)).onPathPrefix("/cloud/api/ex/jira/").times(1));

        long started = System.nanoTime();
        HttpResponse<Buffer> slow = get(cloudRest(ACME) + "/myself", token);
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(slow.statusCode()).isEqualTo(200);
        assertThat(elapsedMillis).isGreaterThanOrEqualTo(280);
        assertThat(sim.faults().active()).singleElement().satisfies(f -> assertThat(f.remaining()).isZero());
    }

    @Test
    void faulted_calls_are_counted_and_faults_can_be_cleared() {
        sim.faults().add(FaultSpec.serverError(-1, 500).onFlavour("cloud-site"));
        get(sim.siteUrl("acme") + "/_edge/tenant_info");
        get(sim.siteUrl("acme") + "/_edge/tenant_info");

        sim.faults().clear();

        assertThat(get(sim.siteUrl("acme") + "/_edge/tenant_info").statusCode()).isEqualTo(200);
        assertThat(sim.counters().count("GET", "/cloud/sites/acme/_edge/tenant_info")).isEqualTo(3);
        assertThat(sim.counters().countWithPrefix("/cloud/sites/")).isEqualTo(3);
    }
}
