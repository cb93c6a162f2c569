package io.testbridge.jirasim;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DcRestTest extends SimulatorTestSupport {

    private String token;

    @BeforeEach
    void connect() {
        token = dcTokens(DC_CLIENT, "WRITE").getString("access_token");
    }

    @Test
    void projects_are_a_plain_array() {
        JsonArray projects = get(dcRest() + "/project", token).bodyAsJsonArray();

        assertThat(projects.stream().map(p -> ((JsonObject) p).getString("key"))).containsExactly("TB", "OPS", "ARC");
    }

    @Test
    void createmeta_uses_values_pages() {
        JsonObject types = get(dcRest() + "/issue/createmeta/TB/issuetypes", token).bodyAsJsonObject();
        JsonObject fields = get(dcRest() + "/issue/createmeta/TB/issuetypes/10002", token).bodyAsJsonObject();

        assertThat(types.getJsonArray("values")).hasSize(4);
        assertThat(CloudApiTest.field(fields.getJsonArray("values"), "customfield_10010").getBoolean("required"))
                .isTrue();
    }

    @Test
    void create_takes_a_plain_description_and_refuses_adf() {
        HttpResponse<Buffer> created = postJson(dcRest() + "/issue", token, IssueBodies.dcTask("From DC"));
        JsonObject adf = IssueBodies.cloudTask("ADF on v2");

        HttpResponse<Buffer> refused = postJson(dcRest() + "/issue", token, adf);

        assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
        assertThat(created.bodyAsJsonObject().getString("self")).startsWith(dcRest() + "/issue/");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.bodyAsJsonObject().getJsonObject("errors").getString("description"))
                .isEqualTo("Operation value must be a string");
        JsonObject issue = get(dcRest() + "/issue/" + created.bodyAsJsonObject().getString("key"), token)
                .bodyAsJsonObject();
        assertThat(issue.getJsonObject("fields").getString("description")).isEqualTo("Created by a test");
    }

    @Test
    void search_pages_with_start_at_and_reports_the_total() {
        String url = dcRest() + "/search?jql=" + enc("project = TB ORDER BY key") + "&maxResults=3";

        JsonObject first = get(url + "&startAt=0", token).bodyAsJsonObject();
        JsonObject last = get(url + "&startAt=6", token).bodyAsJsonObject();

        assertThat(first.getInteger("total")).isEqualTo(7);
        assertThat(first.getInteger("startAt")).isZero();
        assertThat(first.getInteger("maxResults")).isEqualTo(3);
        assertThat(first.getJsonArray("issues")).hasSize(3);
        assertThat(first.getJsonArray("issues").getJsonObject(0).getJsonObject("fields").getString("summary"))
                .isNotBlank();
        assertThat(last.getJsonArray("issues")).hasSize(1);
        assertThat(last.getJsonArray("issues").getJsonObject(0).getString("key")).isEqualTo("TB-7");
    }

    @Test
    void invalid_jql_is_a_400_in_jiras_shape() {
        HttpResponse<Buffer> response = get(dcRest() + "/search?jql=" + enc("status = Done"), token);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.bodyAsJsonObject().getJsonArray("errorMessages")).hasSize(1);
    }

    @Test
    void a_read_token_cannot_write() {
        String reader = dcTokens(DC_READ_CLIENT, "READ").getString("access_token");

        HttpResponse<Buffer> write = postJson(dcRest() + "/issue", reader, IssueBodies.dcTask("x"));

        assertThat(write.statusCode()).isEqualTo(403);
        assertThat(write.bodyAsJsonObject().getJsonArray("errorMessages")).hasSize(1);
        assertThat(get(dcRest() + "/issue/TB-1", reader).statusCode()).isEqualTo(200);
    }

    @Test
    void missing_or_expired_token_is_401_with_www_authenticate() {
        HttpResponse<Buffer> anonymous = get(dcRest() + "/myself");
        sim.advanceClock(Duration.ofMinutes(61));
        HttpResponse<Buffer> expired = get(dcRest() + "/myself", token);

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.getHeader("WWW-Authenticate")).startsWith("OAuth realm=");
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(expired.getHeader("X-Seraph-LoginReason")).isEqualTo("AUTHENTICATED_FAILED");
        assertThat(expired.bodyAsJsonObject().getJsonArray("errorMessages")).hasSize(1);
    }

    @Test
    void createmeta_fields_come_50_per_page_whatever_is_asked_and_the_last_page_says_so() {
        String incident = dcRest() + "/issue/createmeta/TB/issuetypes/" + FieldCatalog.INCIDENT_TYPE_ID;

        JsonObject first = get(incident + "?maxResults=200", token).bodyAsJsonObject();
        JsonObject second = get(incident + "?maxResults=200&startAt=50", token).bodyAsJsonObject();

        assertThat(first.getJsonArray("values")).hasSize(50);
        assertThat(first.getBoolean("isLast")).isFalse();
        assertThat(CloudApiTest.field(first.getJsonArray("values"), FieldCatalog.CUSTOMER_IMPACT_FIELD)).isNull();
        assertThat(second.getBoolean("isLast")).isTrue();
        assertThat(CloudApiTest.field(second.getJsonArray("values"), FieldCatalog.CUSTOMER_IMPACT_FIELD)
                .getBoolean("required")).isTrue();
    }

    @Test
    void a_leading_wildcard_in_a_text_term_is_an_error_and_text_search_matches_whole_words() {
        HttpResponse<Buffer> leading = get(dcRest() + "/search?jql=" + enc("text ~ \"*ogin\""), token);
        JsonObject word = get(dcRest() + "/search?jql=" + enc("project = TB AND text ~ \"log\""), token).bodyAsJsonObject();
        JsonObject prefix = get(dcRest() + "/search?jql=" + enc("project = TB AND text ~ \"LOG*\""), token).bodyAsJsonObject();

        assertThat(leading.statusCode()).isEqualTo(400);
        assertThat(leading.bodyAsJsonObject().getJsonArray("errorMessages").getString(0))
                .startsWith("The '*' character is not allowed as the first character");
        assertThat(word.getInteger("total")).as("'log' is not a word of 'Login fails'").isZero();
        assertThat(prefix.getJsonArray("issues").getJsonObject(0).getString("key")).isEqualTo("TB-1");
    }

    @Test
    void validate_query_warn_answers_the_known_keys_and_warns_about_the_others() {
        sim.deleteDcIssue("dc912", "TB-3");
        String jql = enc("key in (TB-1, TB-3, NOPE-9)");

        HttpResponse<Buffer> strict = get(dcRest() + "/search?jql=" + jql, token);
        JsonObject warned = get(dcRest() + "/search?validateQuery=warn&jql=" + jql, token).bodyAsJsonObject();

        assertThat(strict.statusCode()).isEqualTo(400);
        assertThat(strict.bodyAsJsonObject().getJsonArray("errorMessages").getString(0))
                .isEqualTo("An issue with key 'TB-3' does not exist for field 'key'.");
        assertThat(warned.getJsonArray("issues")).hasSize(1);
        assertThat(warned.getJsonArray("issues").getJsonObject(0).getString("key")).isEqualTo("TB-1");
        assertThat(warned.getJsonArray("warningMessages")).hasSize(2);
    }

    @Test
    void assignable_search_takes_a_username_and_a_project() {
        sim.addUser(new SimUser("acc-carol", SampleData.BROWSE_ONLY_IN_TB, "Carol Contractor", "carol@example.com"));

        JsonArray inTb = get(dcRest() + "/user/assignable/search?project=TB&username=carol", token).bodyAsJsonArray();
        JsonArray inOps = get(dcRest() + "/user/assignable/search?project=OPS&username=carol", token).bodyAsJsonArray();

        assertThat(inTb).isEmpty();
        assertThat(inOps.getJsonObject(0).getString("name")).isEqualTo("carol");
    }

    @Test
    void user_search_needs_a_username() {
        JsonArray found = get(dcRest() + "/user/search?username=ali", token).bodyAsJsonArray();

        assertThat(found.getJsonObject(0).getString("name")).isEqualTo("alice");
        assertThat(get(dcRest() + "/user/search", token).statusCode()).isEqualTo(400);
    }

    @Test
    void remote_links_and_issue_lookup_work_on_v2() {
        HttpResponse<Buffer> link = postJson(dcRest() + "/issue/OPS-1/remotelink", token, new JsonObject()
                .put("object", new JsonObject().put("url", "http://localhost:8080/suites/1").put("title", "Suite 1")));

        assertThat(link.statusCode()).isEqualTo(201);
        assertThat(get(dcRest() + "/issue/OPS-1/remotelink", token).bodyAsJsonArray()).hasSize(1);
        assertThat(sim.deleteDcIssue("dc912", "OPS-1")).isTrue();
        assertThat(get(dcRest() + "/issue/OPS-1", token).statusCode()).isEqualTo(404);
    }
}
