package io.testbridge.jirasim;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CloudSearchTest extends SimulatorTestSupport {

    private String token;

    @BeforeEach
    void connect() {
        token = cloudTokens(CLOUD_APP).getString("access_token");
    }

    @Test
    void search_jql_pages_with_next_page_token_until_it_is_missing() {
        List<String> keys = new ArrayList<>();
        String url = cloudRest(ACME) + "/search/jql?jql=" + enc("project = TB ORDER BY key") + "&maxResults=3"
                + "&fields=summary,status";
        JsonObject page = get(url, token).bodyAsJsonObject();
        int pages = 1;
        collect(page, keys);
        while (page.getString("nextPageToken") != null) {
            page = get(url + "&nextPageToken=" + enc(page.getString("nextPageToken")), token).bodyAsJsonObject();
            collect(page, keys);
            pages++;
        }

        assertThat(pages).isEqualTo(3);
        assertThat(keys).containsExactly("TB-1", "TB-2", "TB-3", "TB-4", "TB-5", "TB-6", "TB-7");
        assertThat(page.containsKey("nextPageToken")).as("absent on the last page").isFalse();
    }

    @Test
    void with_a_search_lag_a_new_issue_is_found_by_key_at_once_and_by_search_only_after_the_lag() {
        sim.searchLag(java.time.Duration.ofSeconds(30));
        String key = postJson(cloudRest(ACME) + "/issue", token, IssueBodies.cloudTask("Lagging behind")).bodyAsJsonObject().getString("key");
        String search = cloudRest(ACME) + "/search/jql?jql=" + enc("project = TB AND summary ~ \"Lagging\"") + "&fields=summary";

        assertThat(get(cloudRest(ACME) + "/issue/" + key, token).statusCode()).isEqualTo(200);
        assertThat(get(search, token).bodyAsJsonObject().getJsonArray("issues")).isEmpty();
        sim.advanceClock(java.time.Duration.ofSeconds(29));
        assertThat(get(search, token).bodyAsJsonObject().getJsonArray("issues")).isEmpty();
        sim.advanceClock(java.time.Duration.ofSeconds(1));
        assertThat(get(search, token).bodyAsJsonObject().getJsonArray("issues")).hasSize(1);
    }

    @Test
    void without_fields_only_issue_ids_are_returned() {
        JsonObject page = get(cloudRest(ACME) + "/search/jql?jql=" + enc("key = TB-1"), token).bodyAsJsonObject();

        assertThat(page.getJsonArray("issues").getJsonObject(0).fieldNames()).containsExactly("id");
    }

    @Test
    void post_search_jql_takes_a_json_body() {
        HttpResponse<Buffer> response = postJson(cloudRest(ACME) + "/search/jql", token, new JsonObject()
                .put("jql", "key in (TB-2, OPS-1) ORDER BY key DESC").put("fields", new JsonArray().add("summary"))
                .put("maxResults", 10));

        JsonArray issues = response.bodyAsJsonObject().getJsonArray("issues");
        assertThat(issues.stream().map(i -> ((JsonObject) i).getString("key"))).containsExactly("TB-2", "OPS-1");
        assertThat(response.bodyAsJsonObject().containsKey("nextPageToken")).isFalse();
    }

    @Test
    void text_search_matches_summary_and_description_words() {
        JsonObject byText = get(cloudRest(ACME) + "/search/jql?fields=summary&jql="
                + enc("project = TB AND text ~ \"archived\""), token).bodyAsJsonObject();
        JsonObject bySummary = get(cloudRest(ACME) + "/search/jql?fields=summary&jql="
                + enc("summary ~ 'SSO session'"), token).bodyAsJsonObject();

        assertThat(byText.getJsonArray("issues")).hasSize(1);
        assertThat(bySummary.getJsonArray("issues").getJsonObject(0).getString("key")).isEqualTo("TB-1");
    }

    @Test
    void text_search_is_word_based_and_a_leading_wildcard_is_ignored_on_cloud() {
        JsonObject word = get(cloudRest(ACME) + "/search/jql?fields=summary&jql="
                + enc("project = TB AND text ~ \"log\""), token).bodyAsJsonObject();
        JsonObject prefix = get(cloudRest(ACME) + "/search/jql?fields=summary&jql="
                + enc("project = TB AND text ~ \"Log*\""), token).bodyAsJsonObject();
        HttpResponse<Buffer> leading = get(cloudRest(ACME) + "/search/jql?fields=summary&jql="
                + enc("project = TB AND text ~ \"*login\""), token);

        assertThat(word.getJsonArray("issues")).as("'log' is not a word of 'Login fails'").isEmpty();
        assertThat(prefix.getJsonArray("issues").getJsonObject(0).getString("key")).isEqualTo("TB-1");
        assertThat(leading.statusCode()).isEqualTo(200);
        assertThat(leading.bodyAsJsonObject().getJsonArray("issues").getJsonObject(0).getString("key")).isEqualTo("TB-1");
    }

    @Test
    void invalid_unsupported_and_unbounded_jql_get_400_in_jiras_shape() {
        assertJqlError("project = NOPE", "The value 'NOPE' does not exist for the field 'project'.");
        assertJqlError("key = TB-99", "An issue with key 'TB-99' does not exist for field 'key'.");
        assertJqlError("assignee = bob", "Field 'assignee' does not exist or you do not have permission to view it.");
        assertJqlError("project = TB OR project = OPS", null);
        assertJqlError("ORDER BY key", "Unbounded JQL queries are not allowed here. "
                + "Please add a search restriction to your query.");
        assertJqlError("summary ~ \"open", null);
    }

    @Test
    void the_old_search_endpoint_is_gone() {
        assertThat(get(cloudRest(ACME) + "/search?jql=project%3DTB", token).statusCode()).isEqualTo(410);
    }

    private void assertJqlError(String jql, String message) {
        HttpResponse<Buffer> response = get(cloudRest(ACME) + "/search/jql?jql=" + enc(jql), token);
        assertThat(response.statusCode()).as(jql).isEqualTo(400);
        JsonObject body = response.bodyAsJsonObject();
        assertThat(body.getJsonObject("errors")).isNotNull();
        assertThat(body.getJsonArray("errorMessages")).hasSize(1);
        if (message != null) {
            assertThat(body.getJsonArray("errorMessages").getString(0)).isEqualTo(message);
        }
    }

    private static void collect(JsonObject page, List<String> keys) {
        page.getJsonArray("issues").forEach(issue -> keys.add(((JsonObject) issue).getString("key")));
    }
}
