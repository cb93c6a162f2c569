package io.testbridge.jirasim;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Every Jira answer the backend reads, fetched from the simulator the way the backend asks for it
 * (same paths and query parameters) and checked against the response schema Atlassian publishes for
 * it: Cloud REST v3 and Data Center 10.3 REST v2 fragments cut from Atlassian's OpenAPI documents,
 * hand-written schemas where Atlassian publishes none (accessible-resources, tenant_info) and for
 * the token endpoints (RFC 6749 sections 5.1 and 5.2). Sources: src/test/resources/contract/README.md.
 *
 * <p>Most published schemas require nothing, so each test also asserts the members the backend
 * reads: a simulator that drops one fails here even though the schema allows it.
 */
class JiraContractTest extends SimulatorTestSupport {

    /** The backend's {@code JiraIssues.SUMMARY_FIELDS}. */
    static final String SUMMARY_FIELDS = "summary,status,assignee,issuetype";
    static final String XSRF_OFF = "no-check";

    // ---- helpers ----------------------------------------------------------------------------

    /** Asserts the status, then that the body conforms to the fragment; answers the body. */
    static Object conforms(String fragment, HttpResponse<Buffer> response, int status) {
        ContractSchema schema = ContractSchema.load(fragment);
        String body = response.bodyAsString();
        assertThat(response.statusCode()).as("status of %s; body %s", schema.source(), body).isEqualTo(status);
        assertThat(response.getHeader("Content-Type")).as("content type of %s", schema.source())
                .startsWith("application/json");
        List<String> violations = schema.violations(body);
        assertThat(violations).as("%s against %s (%s); body %s", schema.name(), schema.source(), "contract/README.md", body)
                .isEmpty();
        return io.vertx.core.json.Json.decodeValue(body);
    }

    static JsonObject object(Object json) {
        assertThat(json).isInstanceOf(JsonObject.class);
        return (JsonObject) json;
    }

    static JsonArray array(Object json) {
        assertThat(json).isInstanceOf(JsonArray.class);
        return (JsonArray) json;
    }

    /** The backend reads these members; a schema that does not require them cannot be relied on to catch their loss. */
    static void backendReads(JsonObject json, String... members) {
        for (String member : members) {
            assertThat(json.getValue(member)).as("the backend reads %s of %s", member, json.encode()).isNotNull();
        }
    }

    /**
     * Skips (with the reason) while the simulator does not have an endpoint a colleague is adding: 404,
     * or 405 when the path is taken by a route for another method (POST issue/bulkfetch meets GET issue/{key}).
     */
    static void assumeImplemented(HttpResponse<Buffer> response, String what) {
        Assumptions.assumeFalse(response.statusCode() == 404 || response.statusCode() == 405,
                () -> what + " answers " + response.statusCode() + ": the simulator does not have it yet, so its contract"
                        + " is not checked (body " + response.bodyAsString() + ")");
    }

    HttpResponse<Buffer> createTask(String url, String token, JsonObject body) {
        return postJson(url + "/issue", token, body);
    }

    // ---- the fragments themselves -------------------------------------------------------------

    @Test
    void a_fragment_rejects_a_wrong_type_and_an_undeclared_member() {
        ContractSchema myself = ContractSchema.load("cloud-v3/myself.json");
        ContractSchema created = ContractSchema.load("cloud-v3/issue-created.json");

        assertThat(myself.violations("{\"accountId\":\"acc-1\",\"displayName\":\"A\"}")).isEmpty();
        assertThat(myself.violations("{\"accountId\":42}")).singleElement().asString().startsWith("#/accountId:");
        assertThat(created.violations("{\"id\":\"1\",\"key\":\"TB-1\",\"self\":\"x\",\"extra\":true}")).isNotEmpty();
        assertThat(ContractSchema.load("cloud-v3/issue.json").violations("{\"fields\":{\"created\":null},\"key\":\"TB-1\"}"))
                .isEmpty();
        assertThat(ContractSchema.load("cloud-v3/attachments.json")
                .violations("[{\"id\":\"1\",\"created\":\"2025-01-15 09:00\"}]")).isNotEmpty();
        assertThat(ContractSchema.load("cloud-v3/attachments.json")
                .violations("[{\"id\":\"1\",\"created\":\"2025-01-15T09:00:00.000+0000\"}]")).isEmpty();
        assertThat(ContractSchema.load("rfc6749/token-error.json").violations("{\"error\":\"access_denied\"}")).isNotEmpty();
    }

    // ---- Jira Cloud -------------------------------------------------------------------------

    @Nested
    class Cloud {

        String token;
        String rest;

        @org.junit.jupiter.api.BeforeEach
        void consent() {
            token = cloudTokens(CLOUD_APP).getString("access_token");
            rest = cloudRest(ACME);
        }

        @Test
        void myself() {
            JsonObject me = object(conforms("cloud-v3/myself.json", get(rest + "/myself", token), 200));
            backendReads(me, "accountId", "displayName");
        }

        @Test
        void accessible_resources() {
            JsonArray sites = array(conforms("atlassian-3lo/accessible-resources.json",
                    get(sim.cloudApiUrl() + "/oauth/token/accessible-resources", token), 200));
            assertThat(sites).isNotEmpty();
        }

        @Test
        void tenant_info_has_no_published_schema_and_is_checked_against_the_shape_we_rely_on() {
            JsonObject info = object(conforms("atlassian-3lo/tenant-info.json", get(sim.siteUrl("acme") + "/_edge/tenant_info"), 200));
            assertThat(info.getString("cloudId")).isEqualTo(ACME.cloudId());
        }

        @Test
        void server_info_of_a_site() {
            JsonObject info = object(conforms("cloud-v3/server-info.json", get(sim.siteUrl("acme") + "/rest/api/3/serverInfo"), 200));
            backendReads(info, "version", "deploymentType");
        }

        @Test
        void project_search() {
            JsonObject page = object(conforms("cloud-v3/project-search.json", get(rest + "/project/search?maxResults=100", token), 200));
            assertThat(page.getJsonArray("values")).isNotEmpty()
                    .allSatisfy(p -> backendReads((JsonObject) p, "id", "key", "name"));
        }

        @Test
        void createmeta_issue_types() {
            JsonObject page = object(conforms("cloud-v3/createmeta-issuetypes.json",
                    get(rest + "/issue/createmeta/TB/issuetypes?maxResults=100", token), 200));
            assertThat(page.getJsonArray("issueTypes")).isNotEmpty()
                    .allSatisfy(t -> backendReads((JsonObject) t, "id", "name", "subtask"));
        }

        @Test
        void createmeta_fields_of_each_issue_type() {
            for (String type : List.of("10001", "10002", "10003")) {
                JsonObject page = object(conforms("cloud-v3/createmeta-fields.json",
                        get(rest + "/issue/createmeta/TB/issuetypes/" + type + "?maxResults=200", token), 200));
                assertThat(page.getJsonArray("fields")).isNotEmpty();
            }
        }

        @Test
        void create_issue_answers_201() {
            JsonObject created = object(conforms("cloud-v3/issue-created.json", createTask(rest, token, IssueBodies.cloudTask("Contract")), 201));
            backendReads(created, "id", "key");
        }

        @Test
        void refused_create_answers_jira_error_collection() {
            JsonObject bug = IssueBodies.cloudTask("Crash");
            bug.getJsonObject("fields").put("issuetype", new JsonObject().put("id", "10002"));

            JsonObject error = object(conforms("cloud-v3/error-collection.json", createTask(rest, token, bug), 400));

            assertThat(error.getJsonObject("errors")).isNotNull();
        }

        @Test
        void unknown_issue_and_bad_jql_answer_jira_error_collection() {
            conforms("cloud-v3/error-collection.json", get(rest + "/issue/TB-999?fields=" + SUMMARY_FIELDS, token), 404);
            conforms("cloud-v3/error-collection.json",
                    get(rest + "/search/jql?jql=" + enc("summary ~ \"x\" OR key = TB-1") + "&fields=" + SUMMARY_FIELDS, token), 400);
        }

        @Test
        void get_issue_with_the_fields_the_backend_asks_for() {
            sim.workOnSiteIssue("acme", "TB-1", "In Progress", "alice");

            JsonObject issue = object(conforms("cloud-v3/issue.json", get(rest + "/issue/TB-1?fields=" + SUMMARY_FIELDS, token), 200));

            backendReads(issue, "id", "key", "fields");
            assertThat(issue.getJsonObject("fields").getJsonObject("status").getString("name")).isEqualTo("In Progress");
            assertThat(issue.getJsonObject("fields").getJsonObject("assignee").getString("displayName")).isNotBlank();
            assertThat(issue.getJsonObject("fields").getJsonObject("issuetype").getString("name")).isNotBlank();
        }

        @Test
        void get_issue_with_every_field() {
            HttpResponse<Buffer> attached = postFile(rest + "/issue/TB-1/attachments", token, "file", "a.txt", "text/plain",
                    "x".getBytes(StandardCharsets.UTF_8), Map.of("X-Atlassian-Token", XSRF_OFF));
            assertThat(attached.statusCode()).isEqualTo(200);

            conforms("cloud-v3/issue.json", get(rest + "/issue/TB-1", token), 200);
        }

        @Test
        void search_jql_pages_with_next_page_token() {
            String query = rest + "/search/jql?jql=" + enc("project = TB ORDER BY created DESC") + "&fields=" + SUMMARY_FIELDS
                    + "&maxResults=3";
            JsonObject first = object(conforms("cloud-v3/search-jql.json", get(query, token), 200));
            assertThat(first.getString("nextPageToken")).as("a first page of more").isNotBlank();
            first.getJsonArray("issues").forEach(i -> backendReads((JsonObject) i, "id", "key", "fields"));

            JsonObject second = object(conforms("cloud-v3/search-jql.json",
                    get(query + "&nextPageToken=" + enc(first.getString("nextPageToken")), token), 200));
            assertThat(second.getJsonArray("issues")).isNotEmpty();
        }

        @Test
        void user_search() {
            JsonArray users = array(conforms("cloud-v3/user-search.json", get(rest + "/user/search?query=a&maxResults=20", token), 200));
            assertThat(users).isNotEmpty().allSatisfy(u -> backendReads((JsonObject) u, "accountId", "displayName"));
        }

        @Test
        void assignable_user_search() {
            HttpResponse<Buffer> response = get(rest + "/user/assignable/search?project=TB&query=a&maxResults=20", token);
            assumeImplemented(response, "GET /rest/api/3/user/assignable/search");

            JsonArray users = array(conforms("cloud-v3/user-assignable-search.json", response, 200));
            assertThat(users).isNotEmpty().allSatisfy(u -> backendReads((JsonObject) u, "accountId", "displayName"));
        }

        @Test
        void remote_link_created_then_updated() {
            JsonObject link = new JsonObject().put("globalId", "testbridge:case:1").put("object", new JsonObject()
                    .put("url", "https://tb.example/cases/1").put("title", "Case 1")
                    .put("icon", new JsonObject().put("title", "Testbridge")));

            conforms("cloud-v3/remotelink-created.json", postJson(rest + "/issue/TB-1/remotelink", token, link), 201);
            conforms("cloud-v3/remotelink-updated.json", postJson(rest + "/issue/TB-1/remotelink", token, link), 200);
        }

        @Test
        void attachments() {
            JsonArray created = array(conforms("cloud-v3/attachments.json", postFile(rest + "/issue/TB-1/attachments", token, "file",
                    "run.log", "text/plain", "ok".getBytes(StandardCharsets.UTF_8), Map.of("X-Atlassian-Token", XSRF_OFF)), 200));
            assertThat(created).singleElement().satisfies(a -> backendReads((JsonObject) a, "id"));
        }

        @Test
        void bulkfetch_with_an_unknown_key() {
            JsonObject request = new JsonObject().put("issueIdsOrKeys", new JsonArray().add("TB-1").add("TB-2").add("TB-999"))
                    .put("fields", new JsonArray(List.of(SUMMARY_FIELDS.split(","))));
            HttpResponse<Buffer> response = postJson(rest + "/issue/bulkfetch", token, request);
            assumeImplemented(response, "POST /rest/api/3/issue/bulkfetch");

            JsonObject result = object(conforms("cloud-v3/bulkfetch.json", response, 200));
            assertThat(result.getJsonArray("issues")).hasSize(2)
                    .allSatisfy(i -> backendReads((JsonObject) i, "id", "key", "fields"));
        }
    }

    // ---- Jira Data Center -------------------------------------------------------------------

    @Nested
    class DataCenter {

        String token;
        String rest;

        @org.junit.jupiter.api.BeforeEach
        void consent() {
            token = dcTokens(DC_CLIENT, "WRITE").getString("access_token");
            rest = dcRest();
        }

        @Test
        void myself() {
            JsonObject me = object(conforms("dc-v2/myself.json", get(rest + "/myself", token), 200));
            backendReads(me, "key", "name", "displayName");
        }

        @Test
        void server_info_anonymously() {
            HttpResponse<Buffer> response = get(rest + "/serverInfo");
            conforms("dc-v2/server-info.json", response, 200);
            JsonObject info = object(conforms("jira-md/dc-server-info.json", response, 200));
            assertThat(info.getString("deploymentType")).isNotEqualTo("Cloud");
        }

        @Test
        void projects() {
            JsonArray projects = array(conforms("dc-v2/project.json", get(rest + "/project", token), 200));
            assertThat(projects).isNotEmpty().allSatisfy(p -> backendReads((JsonObject) p, "id", "key", "name"));
        }

        @Test
        void createmeta_issue_types() {
            JsonObject page = object(conforms("dc-v2/createmeta-issuetypes.json",
                    get(rest + "/issue/createmeta/TB/issuetypes?maxResults=100", token), 200));
            assertThat(page.getJsonArray("values")).isNotEmpty().allSatisfy(t -> backendReads((JsonObject) t, "id", "name", "subtask"));
        }

        @Test
        void createmeta_fields_of_each_issue_type() {
            for (String type : List.of("10001", "10002", "10003")) {
                JsonObject page = object(conforms("dc-v2/createmeta-fields.json",
                        get(rest + "/issue/createmeta/TB/issuetypes/" + type + "?maxResults=200", token), 200));
                assertThat(page.getJsonArray("values")).isNotEmpty()
                        .allSatisfy(f -> backendReads((JsonObject) f, "fieldId", "name", "required", "schema"));
            }
        }

        @Test
        void create_issue_answers_201() {
            JsonObject created = object(conforms("dc-v2/issue-created.json", createTask(rest, token, IssueBodies.dcTask("Contract")), 201));
            backendReads(created, "id", "key");
        }

        @Test
        void refused_create_unknown_issue_and_bad_jql_answer_jira_error_collection() {
            JsonObject bug = IssueBodies.dcTask("Crash");
            bug.getJsonObject("fields").put("issuetype", new JsonObject().put("id", "10002"));

            conforms("dc-v2/error-collection.json", createTask(rest, token, bug), 400);
            conforms("dc-v2/error-collection.json", get(rest + "/issue/TB-999?fields=" + SUMMARY_FIELDS, token), 404);
            conforms("dc-v2/error-collection.json", get(rest + "/search?jql=" + enc("summary ~ \"x\" OR key = TB-1"), token), 400);
        }

        @Test
        void get_issue_with_the_fields_the_backend_asks_for_and_with_every_field() {
            sim.workOnDcIssue("dc912", "TB-1", "Done", "bob");

            JsonObject issue = object(conforms("dc-v2/issue.json", get(rest + "/issue/TB-1?fields=" + SUMMARY_FIELDS, token), 200));
            conforms("dc-v2/issue.json", get(rest + "/issue/TB-1", token), 200);

            backendReads(issue, "id", "key", "fields");
            assertThat(issue.getJsonObject("fields").getJsonObject("status").getString("name")).isEqualTo("Done");
        }

        @Test
        void search_pages_with_start_at() {
            String query = rest + "/search?jql=" + enc("project = TB ORDER BY created DESC") + "&fields=" + SUMMARY_FIELDS + "&maxResults=3";
            JsonObject first = object(conforms("dc-v2/search.json", get(query, token), 200));
            backendReads(first, "startAt", "total");
            JsonObject second = object(conforms("dc-v2/search.json", get(query + "&startAt=3", token), 200));
            assertThat(second.getInteger("startAt")).isEqualTo(3);
        }

        @Test
        void user_search() {
            JsonArray users = array(conforms("dc-v2/user-search.json", get(rest + "/user/search?username=b&maxResults=20", token), 200));
            assertThat(users).isNotEmpty().allSatisfy(u -> backendReads((JsonObject) u, "name", "displayName"));
        }

        @Test
        void assignable_user_search() {
            HttpResponse<Buffer> response = get(rest + "/user/assignable/search?project=TB&username=b&maxResults=20", token);
            assumeImplemented(response, "GET /rest/api/2/user/assignable/search");

            JsonArray users = array(conforms("dc-v2/user-assignable-search.json", response, 200));
            assertThat(users).isNotEmpty().allSatisfy(u -> backendReads((JsonObject) u, "name", "displayName"));
        }

        @Test
        void remote_link() {
            JsonObject link = new JsonObject().put("globalId", "testbridge:case:1").put("object", new JsonObject()
                    .put("url", "https://tb.example/cases/1").put("title", "Case 1"));

            conforms("dc-v2/remotelink.json", postJson(rest + "/issue/TB-1/remotelink", token, link), 201);
            conforms("dc-v2/remotelink.json", postJson(rest + "/issue/TB-1/remotelink", token, link), 200);
        }

        @Test
        void attachments() {
            JsonArray created = array(conforms("dc-v2/attachments.json", postFile(rest + "/issue/TB-1/attachments", token, "file",
                    "run.log", "text/plain", "ok".getBytes(StandardCharsets.UTF_8), Map.of("X-Atlassian-Token", XSRF_OFF)), 200));
            assertThat(created).singleElement().satisfies(a -> backendReads((JsonObject) a, "id"));
        }
    }

    // ---- token endpoints (RFC 6749) ---------------------------------------------------------

    @Nested
    class TokenEndpoints {

        @Test
        void cloud_code_exchange_and_refresh() {
            HttpResponse<Buffer> exchanged = cloudToken(new JsonObject().put("grant_type", "authorization_code")
                    .put("client_id", CLOUD_APP).put("client_secret", CLOUD_SECRET)
                    .put("code", cloudCode(CLOUD_APP, "alice", "acme")).put("redirect_uri", CALLBACK));
            JsonObject tokens = object(conforms("rfc6749/token-response.json", exchanged, 200));
            assertThat(exchanged.getHeader("Cache-Control")).isEqualTo("no-store");

            JsonObject refreshed = object(conforms("rfc6749/token-response.json", refreshCloud(tokens.getString("refresh_token")), 200));
            backendReads(refreshed, "refresh_token", "expires_in");
        }

        @Test
        void cloud_errors() {
            conforms("rfc6749/token-error.json", cloudToken(new JsonObject().put("grant_type", "authorization_code")
                    .put("client_id", CLOUD_APP).put("client_secret", CLOUD_SECRET).put("code", "no-such-code")
                    .put("redirect_uri", CALLBACK)), 400);
            conforms("rfc6749/token-error.json", refreshCloud("no-such-refresh-token"), 403);
        }

        @Test
        void data_center_code_exchange_and_refresh() {
            String code = dcConsent(dcAuthorizeUrl(DC_CLIENT, "WRITE", Pkce.s256(VERIFIER), "S256"), "bob", "allow").get("code");
            Map<String, String> form = new HashMap<>(Map.of("grant_type", "authorization_code", "client_id", DC_CLIENT,
                    "client_secret", DC_SECRET, "code", code, "redirect_uri", CALLBACK, "code_verifier", VERIFIER));
            HttpResponse<Buffer> exchanged = dcToken(form);
            JsonObject tokens = object(conforms("rfc6749/token-response.json", exchanged, 200));
            assertThat(exchanged.getHeader("Cache-Control")).isEqualTo("no-store");

            conforms("rfc6749/token-response.json", dcToken(Map.of("grant_type", "refresh_token", "client_id", DC_CLIENT,
                    "client_secret", DC_SECRET, "refresh_token", tokens.getString("refresh_token"), "redirect_uri", CALLBACK)), 200);
        }

        @Test
        void data_center_errors() {
            conforms("rfc6749/token-error.json", dcToken(Map.of("grant_type", "authorization_code", "client_id", DC_CLIENT,
                    "client_secret", "wrong", "code", "x", "redirect_uri", CALLBACK)), 401);
            conforms("rfc6749/token-error.json", dcToken(Map.of("grant_type", "refresh_token", "client_id", DC_CLIENT,
                    "client_secret", DC_SECRET, "refresh_token", "no-such-refresh-token")), 400);
        }
    }
}
