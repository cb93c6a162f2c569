package io.testbridge.jirasim;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CloudApiTest extends SimulatorTestSupport {

    @Test
    void accessible_resources_lists_every_site_of_a_multi_site_grant() {
        String token = exchangeCloudCode(CLOUD_MULTI, cloudCode(CLOUD_MULTI, "alice", "globex"))
                .getString("access_token");

        HttpResponse<Buffer> response = get(sim.cloudApiUrl() + "/oauth/token/accessible-resources", token);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonArray resources = response.bodyAsJsonArray();
        assertThat(resources).hasSize(2);
        JsonObject acme = resources.getJsonObject(0);
        assertThat(acme.getString("id")).isEqualTo(ACME.cloudId());
        assertThat(acme.getString("url")).isEqualTo(sim.siteUrl("acme"));
        assertThat(acme.getString("name")).isEqualTo("acme");
        assertThat(acme.getString("avatarUrl")).isNotBlank();
        assertThat(acme.getJsonArray("scopes")).contains("read:jira-work", "write:jira-work")
                .doesNotContain("offline_access");
        assertThat(resources.getJsonObject(1).getString("url")).isEqualTo(sim.siteUrl("globex"));
        assertThat(get(cloudRest(GLOBEX) + "/myself", token).statusCode()).isEqualTo(200);
        assertThat(get(cloudRest(ACME) + "/myself", token).statusCode()).isEqualTo(200);
    }

    @Test
    void a_single_site_grant_lists_only_the_chosen_site_and_cannot_reach_the_other() {
        String token = exchangeCloudCode(CLOUD_APP, cloudCode(CLOUD_APP, "alice", "globex")).getString("access_token");

        JsonArray resources = get(sim.cloudApiUrl() + "/oauth/token/accessible-resources", token).bodyAsJsonArray();

        assertThat(resources).hasSize(1);
        assertThat(resources.getJsonObject(0).getString("id")).isEqualTo(GLOBEX.cloudId());
        assertThat(get(cloudRest(ACME) + "/myself", token).statusCode()).isEqualTo(401);
    }

    @Test
    void tenant_info_publishes_the_cloud_id_without_a_token() {
        HttpResponse<Buffer> known = get(sim.siteUrl("acme") + "/_edge/tenant_info");
        HttpResponse<Buffer> unknown = get(sim.baseUrl() + "/cloud/sites/nowhere/_edge/tenant_info");

        assertThat(known.statusCode()).isEqualTo(200);
        assertThat(known.bodyAsJsonObject()).isEqualTo(new JsonObject().put("cloudId", ACME.cloudId()));
        assertThat(unknown.statusCode()).isEqualTo(404);
    }

    @Test
    void rest_calls_on_the_site_url_are_refused_even_with_a_valid_token() {
        String token = cloudTokens(CLOUD_APP).getString("access_token");

        assertThat(get(sim.siteUrl("acme") + "/rest/api/3/myself", token).statusCode()).isEqualTo(401);
        assertThat(get(sim.siteUrl("acme") + "/rest/api/3/serverInfo").bodyAsJsonObject()
                .getString("deploymentType")).isEqualTo("Cloud");
    }

    @Test
    void missing_or_unknown_bearer_token_is_401() {
        assertThat(get(cloudRest(ACME) + "/myself").statusCode()).isEqualTo(401);
        assertThat(get(cloudRest(ACME) + "/myself", "forged").statusCode()).isEqualTo(401);
        assertThat(get(sim.cloudApiUrl() + "/oauth/token/accessible-resources").statusCode()).isEqualTo(401);
    }

    @Test
    void myself_returns_the_consenting_account() {
        String token = exchangeCloudCode(CLOUD_APP, cloudCode(CLOUD_APP, "bob", "acme")).getString("access_token");

        JsonObject me = get(cloudRest(ACME) + "/myself", token).bodyAsJsonObject();

        assertThat(me.getString("accountId")).isEqualTo("acc-bob");
        assertThat(me.getString("displayName")).isEqualTo("Bob Tester");
        assertThat(me.getString("emailAddress")).isEqualTo("bob@example.com");
    }

    @Test
    void read_only_token_writing_gets_the_gateways_401_scope_does_not_match_but_can_read() {
        String code = cloudConsent(CLOUD_READONLY, "read:jira-work read:jira-user", "alice", "acme", "accept")
                .get("code");
        JsonObject tokens = exchangeCloudCode(CLOUD_READONLY, code);
        String token = tokens.getString("access_token");

        HttpResponse<Buffer> write = postJson(cloudRest(ACME) + "/issue", token, IssueBodies.cloudTask("x"));

        assertThat(write.statusCode()).isEqualTo(401);
        assertThat(write.bodyAsJsonObject()).isEqualTo(new JsonObject().put("code", 401)
                .put("message", "Unauthorized; scope does not match"));
        assertThat(get(cloudRest(ACME) + "/issue/TB-1", token).statusCode()).isEqualTo(200);
        assertThat(sim.site("acme")).isPresent();
    }

    @Test
    void a_scope_removed_from_the_app_after_consent_stops_working_for_tokens_issued_before() {
        OAuthClientRegistration full = OAuthClientRegistration.cloud("narrowed-app", CLOUD_SECRET, "Narrowed", List.of(CALLBACK),
                Set.of("read:jira-work", "read:jira-user", "write:jira-work"));
        sim.registerClient(full);
        String code = cloudConsent("narrowed-app", ALL_CLOUD_SCOPES, "alice", "acme", "accept").get("code");
        String token = exchangeCloudCode("narrowed-app", code).getString("access_token");
        assertThat(get(cloudRest(ACME) + "/myself", token).statusCode()).isEqualTo(200);

        sim.registerClient(OAuthClientRegistration.cloud("narrowed-app", CLOUD_SECRET, "Narrowed", List.of(CALLBACK),
                Set.of("read:jira-work", "write:jira-work")));

        HttpResponse<Buffer> myself = get(cloudRest(ACME) + "/myself", token);
        assertThat(myself.statusCode()).isEqualTo(401);
        assertThat(myself.bodyAsJsonObject().getString("message")).isEqualTo("Unauthorized; scope does not match");
        assertThat(get(cloudRest(ACME) + "/issue/TB-1", token).statusCode()).isEqualTo(200);
    }

    @Test
    void project_search_is_paged() {
        String token = cloudTokens(CLOUD_APP).getString("access_token");

        JsonObject first = get(cloudRest(ACME) + "/project/search?maxResults=1", token).bodyAsJsonObject();
        JsonObject second = get(cloudRest(ACME) + "/project/search?maxResults=1&startAt=1", token).bodyAsJsonObject();

        assertThat(first.getInteger("total")).isEqualTo(3);
        assertThat(first.getBoolean("isLast")).isFalse();
        assertThat(first.getJsonArray("values").getJsonObject(0).getString("key")).isEqualTo("TB");
        assertThat(second.getBoolean("isLast")).isFalse();
        assertThat(second.getJsonArray("values").getJsonObject(0).getString("key")).isEqualTo("OPS");
    }

    @Test
    void project_search_pages_at_most_100_and_action_create_leaves_out_projects_the_caller_only_browses() {
        for (int i = 1; i <= 120; i++) {
            sim.addSiteProject("acme", "P" + i, "Project " + i, i == 110 ? Set.of("alice") : Set.of());
        }
        String token = cloudTokens(CLOUD_APP).getString("access_token");

        JsonObject first = get(cloudRest(ACME) + "/project/search?maxResults=500", token).bodyAsJsonObject();
        JsonObject rest = get(cloudRest(ACME) + "/project/search?maxResults=100&startAt=100", token).bodyAsJsonObject();
        JsonObject creatable = get(cloudRest(ACME) + "/project/search?maxResults=100&startAt=100&action=create", token)
                .bodyAsJsonObject();

        assertThat(first.getInteger("maxResults")).isEqualTo(100);
        assertThat(first.getJsonArray("values")).hasSize(100);
        assertThat(first.getString("nextPage")).contains("startAt=100");
        assertThat(rest.getInteger("total")).isEqualTo(123);
        assertThat(rest.getJsonArray("values")).hasSize(23);
        assertThat(rest.getBoolean("isLast")).isTrue();
        assertThat(keys(creatable.getJsonArray("values"))).as("ARC: nobody creates; P110: alice only browses")
                .doesNotContain("ARC", "P110").contains("P109", "P120");
        assertThat(creatable.getInteger("total")).isEqualTo(121);
        assertThat(get(cloudRest(ACME) + "/project/search?action=delete", token).statusCode()).isEqualTo(400);
        JsonObject inTheArchive = IssueBodies.cloudTask("In the archive");
        inTheArchive.getJsonObject("fields").put("project", new JsonObject().put("key", "ARC"));
        HttpResponse<Buffer> refused = postJson(cloudRest(ACME) + "/issue", token, inTheArchive);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.bodyAsJsonObject().getJsonObject("errors").getString("project"))
                .isEqualTo("You do not have permission to create issues in this project.");
    }

    @Test
    void createmeta_pages_issue_types_and_fields_and_refuses_more_than_200_per_page() {
        String token = cloudTokens(CLOUD_APP).getString("access_token");
        String incident = cloudRest(ACME) + "/issue/createmeta/TB/issuetypes/" + FieldCatalog.INCIDENT_TYPE_ID;

        JsonObject types = get(cloudRest(ACME) + "/issue/createmeta/TB/issuetypes?maxResults=2&startAt=2", token)
                .bodyAsJsonObject();
        JsonObject firstFields = get(incident, token).bodyAsJsonObject();
        JsonObject allFields = get(incident + "?maxResults=200", token).bodyAsJsonObject();

        assertThat(types.getInteger("total")).isEqualTo(4);
        assertThat(types.getJsonArray("issueTypes").stream().map(t -> ((JsonObject) t).getString("name")))
                .containsExactly("Story", "Incident");
        assertThat(firstFields.getJsonArray("fields")).as("50 by default").hasSize(50);
        assertThat(field(firstFields.getJsonArray("fields"), FieldCatalog.CUSTOMER_IMPACT_FIELD)).isNull();
        assertThat(firstFields.getInteger("total")).isEqualTo(69);
        assertThat(field(allFields.getJsonArray("fields"), FieldCatalog.CUSTOMER_IMPACT_FIELD).getBoolean("required"))
                .isTrue();
        assertThat(get(incident + "?maxResults=201", token).statusCode()).isEqualTo(400);
    }

    @Test
    void assignable_search_leaves_out_people_who_cannot_be_assigned_in_the_project() {
        sim.addUser(new SimUser("acc-carol", SampleData.BROWSE_ONLY_IN_TB, "Carol Contractor", "carol@example.com"));
        String token = cloudTokens(CLOUD_APP).getString("access_token");

        JsonArray inTb = get(cloudRest(ACME) + "/user/assignable/search?project=TB&query=example", token).bodyAsJsonArray();
        JsonArray inOps = get(cloudRest(ACME) + "/user/assignable/search?project=OPS&query=carol", token).bodyAsJsonArray();

        assertThat(inTb.stream().map(u -> ((JsonObject) u).getString("accountId"))).containsExactly("acc-alice", "acc-bob");
        assertThat(inOps).hasSize(1);
        assertThat(get(cloudRest(ACME) + "/user/assignable/search?query=carol", token).statusCode()).isEqualTo(400);
        assertThat(get(cloudRest(ACME) + "/user/assignable/search?project=NOPE&query=a", token).statusCode()).isEqualTo(404);
    }

    @Test
    void bulkfetch_answers_the_issues_it_finds_and_leaves_out_unknown_keys() {
        String token = cloudTokens(CLOUD_APP).getString("access_token");
        sim.deleteSiteIssue("acme", "TB-3");

        HttpResponse<Buffer> fetched = postJson(cloudRest(ACME) + "/issue/bulkfetch", token, new JsonObject()
                .put("issueIdsOrKeys", new JsonArray().add("TB-2").add("TB-3").add("NOPE-1").add("tb-1"))
                .put("fields", new JsonArray().add("status").add("summary")));
        JsonArray tooMany = new JsonArray();
        for (int i = 0; i < 101; i++) {
            tooMany.add("TB-" + (i + 1));
        }

        assertThat(fetched.statusCode()).as(fetched.bodyAsString()).isEqualTo(200);
        assertThat(keys(fetched.bodyAsJsonObject().getJsonArray("issues"))).containsExactly("TB-1", "TB-2");
        assertThat(fetched.bodyAsJsonObject().getJsonArray("issueErrors")).isEmpty();
        assertThat(fetched.bodyAsJsonObject().getJsonArray("issues").getJsonObject(0).getJsonObject("fields").fieldNames())
                .containsExactlyInAnyOrder("status", "summary");
        assertThat(postJson(cloudRest(ACME) + "/issue/bulkfetch", token, new JsonObject().put("issueIdsOrKeys", tooMany)
                .put("fields", new JsonArray().add("*all"))).statusCode()).isEqualTo(400);
    }

    private static java.util.List<String> keys(JsonArray items) {
        return items.stream().map(i -> ((JsonObject) i).getString("key")).toList();
    }

    @Test
    void createmeta_lists_issue_types_and_the_required_custom_fields_of_bug() {
        String token = cloudTokens(CLOUD_APP).getString("access_token");

        JsonObject types = get(cloudRest(ACME) + "/issue/createmeta/TB/issuetypes", token).bodyAsJsonObject();
        JsonObject fields = get(cloudRest(ACME) + "/issue/createmeta/TB/issuetypes/10002", token).bodyAsJsonObject();

        assertThat(types.getJsonArray("issueTypes").stream().map(t -> ((JsonObject) t).getString("name")))
                .containsExactly("Task", "Bug", "Story", "Incident");
        JsonObject severity = field(fields.getJsonArray("fields"), "customfield_10010");
        assertThat(severity.getBoolean("required")).isTrue();
        assertThat(severity.getString("name")).isEqualTo("Severity");
        assertThat(severity.getJsonObject("schema").getString("type")).isEqualTo("option");
        assertThat(severity.getJsonArray("allowedValues").getJsonObject(0).getString("value")).isEqualTo("Critical");
        assertThat(field(fields.getJsonArray("fields"), "customfield_11011")).isNull();
        assertThat(field(fields.getJsonArray("fields"), "customfield_10011").getBoolean("required")).isTrue();
        assertThat(field(fields.getJsonArray("fields"), "priority").getJsonArray("allowedValues")).hasSize(5);
        assertThat(field(fields.getJsonArray("fields"), "labels")).isNotNull();
        assertThat(field(fields.getJsonArray("fields"), "components").getJsonArray("allowedValues")).hasSize(2);
        assertThat(get(cloudRest(ACME) + "/issue/createmeta/NOPE/issuetypes", token).statusCode()).isEqualTo(404);
    }

    @Test
    void creating_a_bug_without_its_required_fields_fails_field_by_field() {
        String token = cloudTokens(CLOUD_APP).getString("access_token");
        JsonObject body = IssueBodies.cloudTask("Crash on save");
        body.getJsonObject("fields").put("issuetype", new JsonObject().put("id", "10002"));

        HttpResponse<Buffer> response = postJson(cloudRest(ACME) + "/issue", token, body);

        assertThat(response.statusCode()).isEqualTo(400);
        JsonObject error = response.bodyAsJsonObject();
        assertThat(error.getJsonArray("errorMessages")).isEmpty();
        assertThat(error.getJsonObject("errors").getMap()).containsOnlyKeys("customfield_10010", "customfield_10011", "customfield_10012")
                .containsEntry("customfield_10010", "Severity is required.")
                .containsEntry("customfield_10012", "Steps to reproduce is required.");
    }

    @Test
    void cloud_v3_takes_environment_and_multi_line_custom_fields_only_as_adf() {
        String token = cloudTokens(CLOUD_APP).getString("access_token");
        JsonObject meta = get(cloudRest(ACME) + "/issue/createmeta/TB/issuetypes/10002", token).bodyAsJsonObject();
        assertThat(field(meta.getJsonArray("fields"), "customfield_10012").getJsonObject("schema").getString("custom"))
                .isEqualTo("com.atlassian.jira.plugin.system.customfieldtypes:textarea");
        assertThat(field(meta.getJsonArray("fields"), "environment").getJsonObject("schema").getString("system")).isEqualTo("environment");
        JsonObject body = IssueBodies.cloudTask("Strings where ADF belongs");
        body.getJsonObject("fields").put("issuetype", new JsonObject().put("id", "10002"))
                .put("customfield_10010", new JsonObject().put("id", "10100")).put("customfield_10011", "2025.1.3")
                .put("customfield_10012", "1. open\n2. crash").put("environment", "Firefox");

        JsonObject errors = postJson(cloudRest(ACME) + "/issue", token, body).bodyAsJsonObject().getJsonObject("errors");

        assertThat(errors.getMap()).containsOnlyKeys("customfield_10012", "environment");
        assertThat(errors.getString("customfield_10012")).startsWith("Operation value must be an Atlassian Document");
        body.getJsonObject("fields").put("customfield_10012", adf("1. open")).put("environment", adf("Firefox"));
        HttpResponse<Buffer> created = postJson(cloudRest(ACME) + "/issue", token, body);
        assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
        JsonObject fields = get(cloudRest(ACME) + "/issue/" + created.bodyAsJsonObject().getString("key"), token)
                .bodyAsJsonObject().getJsonObject("fields");
        assertThat(fields.getJsonObject("environment")).isEqualTo(adf("Firefox"));
        assertThat(fields.getJsonObject("customfield_10012")).isEqualTo(adf("1. open"));
    }

    private static JsonObject adf(String text) {
        return new JsonObject().put("type", "doc").put("version", 1).put("content", new JsonArray().add(new JsonObject()
                .put("type", "paragraph").put("content", new JsonArray().add(new JsonObject().put("type", "text").put("text", text)))));
    }

    @Test
    void cloud_v3_rejects_a_plain_string_description() {
        String token = cloudTokens(CLOUD_APP).getString("access_token");
        JsonObject body = IssueBodies.cloudTask("Plain description");
        body.getJsonObject("fields").put("description", "just text");

        HttpResponse<Buffer> response = postJson(cloudRest(ACME) + "/issue", token, body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.bodyAsJsonObject().getJsonObject("errors").getString("description"))
                .startsWith("Operation value must be an Atlassian Document");
    }

    @Test
    void missing_summary_and_unknown_project_are_reported() {
        String token = cloudTokens(CLOUD_APP).getString("access_token");
        JsonObject body = new JsonObject().put("fields", new JsonObject()
                .put("project", new JsonObject().put("key", "NOPE")).put("issuetype", new JsonObject().put("id", "10001")));

        JsonObject errors = postJson(cloudRest(ACME) + "/issue", token, body).bodyAsJsonObject().getJsonObject("errors");

        assertThat(errors.getMap()).containsKeys("project", "summary");
    }

    @Test
    void a_created_bug_can_be_read_back_with_selected_fields() {
        String token = cloudTokens(CLOUD_APP).getString("access_token");
        JsonObject body = IssueBodies.cloudTask("Crash on save");
        body.getJsonObject("fields").put("issuetype", new JsonObject().put("id", "10002"))
                .put("customfield_10010", new JsonObject().put("value", "Major"))
                .put("customfield_10011", "2025.1.3").put("customfield_10012", adf("1. Save."))
                .put("priority", new JsonObject().put("name", "High"))
                .put("labels", new JsonArray().add("testbridge")).put("assignee", new JsonObject().put("accountId", "acc-bob"));

        HttpResponse<Buffer> created = postJson(cloudRest(ACME) + "/issue", token, body);

        assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
        String key = created.bodyAsJsonObject().getString("key");
        assertThat(key).isEqualTo("TB-8");
        assertThat(created.bodyAsJsonObject().getString("self")).startsWith(cloudRest(ACME) + "/issue/");
        JsonObject issue = get(cloudRest(ACME) + "/issue/" + key + "?fields=summary,status,assignee,issuetype,priority",
                token).bodyAsJsonObject();
        JsonObject fields = issue.getJsonObject("fields");
        assertThat(fields.fieldNames()).containsExactlyInAnyOrder("summary", "status", "assignee", "issuetype",
                "priority");
        assertThat(fields.getString("summary")).isEqualTo("Crash on save");
        assertThat(fields.getJsonObject("status").getString("name")).isEqualTo("To Do");
        assertThat(fields.getJsonObject("assignee").getString("accountId")).isEqualTo("acc-bob");
        assertThat(fields.getJsonObject("issuetype").getString("name")).isEqualTo("Bug");
        assertThat(fields.getJsonObject("priority").getString("name")).isEqualTo("High");
        JsonObject all = get(cloudRest(ACME) + "/issue/" + key, token).bodyAsJsonObject().getJsonObject("fields");
        assertThat(all.getJsonObject("description").getString("type")).isEqualTo("doc");
        assertThat(all.getJsonObject("customfield_10010").getString("value")).isEqualTo("Major");
    }

    @Test
    void unknown_and_deleted_issues_are_404_with_jiras_message() {
        String token = cloudTokens(CLOUD_APP).getString("access_token");
        JsonObject expected = new JsonObject().put("errorMessages", new JsonArray()
                .add("Issue does not exist or you do not have permission to see it.")).put("errors", new JsonObject());

        HttpResponse<Buffer> unknown = get(cloudRest(ACME) + "/issue/TB-999", token);
        assertThat(sim.deleteSiteIssue("acme", "TB-2")).isTrue();
        HttpResponse<Buffer> deleted = get(cloudRest(ACME) + "/issue/TB-2", token);

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.bodyAsJsonObject()).isEqualTo(expected);
        assertThat(deleted.statusCode()).isEqualTo(404);
        assertThat(deleted.bodyAsJsonObject()).isEqualTo(expected);
    }

    @Test
    void remote_links_are_added_listed_and_updated_by_global_id() {
        String token = cloudTokens(CLOUD_APP).getString("access_token");
        JsonObject link = new JsonObject().put("globalId", "testbridge:suite:7")
                .put("object", new JsonObject().put("url", "http://localhost:8080/suites/7").put("title", "Suite 7"));

        HttpResponse<Buffer> created = postJson(cloudRest(ACME) + "/issue/TB-1/remotelink", token, link);
        link.getJsonObject("object").put("title", "Suite 7 (renamed)");
        HttpResponse<Buffer> updated = postJson(cloudRest(ACME) + "/issue/TB-1/remotelink", token, link);
        HttpResponse<Buffer> missingTitle = postJson(cloudRest(ACME) + "/issue/TB-1/remotelink", token,
                new JsonObject().put("object", new JsonObject().put("url", "http://x")));

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(updated.statusCode()).isEqualTo(200);
        assertThat(missingTitle.statusCode()).isEqualTo(400);
        JsonArray links = get(cloudRest(ACME) + "/issue/TB-1/remotelink", token).bodyAsJsonArray();
        assertThat(links).hasSize(1);
        assertThat(links.getJsonObject(0).getJsonObject("object").getString("title")).isEqualTo("Suite 7 (renamed)");
    }

    @Test
    void attachments_need_the_xsrf_header_take_the_file_parts_and_show_on_the_issue() {
        String token = cloudTokens(CLOUD_APP).getString("access_token");
        byte[] log = "GET /pay -> 500\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String url = cloudRest(ACME) + "/issue/TB-1/attachments";

        HttpResponse<Buffer> blocked = postFile(url, token, "file", "pay.log", "text/plain", log, Map.of());
        HttpResponse<Buffer> otherPart = postFile(url, token, "upload", "pay.log", "text/plain", log, Map.of("X-Atlassian-Token", "no-check"));
        HttpResponse<Buffer> attached = postFile(url, token, "file", "pay.log", "text/plain", log, Map.of("X-Atlassian-Token", "no-check"));
        HttpResponse<Buffer> tooBig = postFile(url, token, "file", "big.bin", "application/octet-stream",
                new byte[(int) IssueResource.MAX_ATTACHMENT_BYTES + 1], Map.of("X-Atlassian-Token", "no-check"));
        HttpResponse<Buffer> unknownIssue = postFile(cloudRest(ACME) + "/issue/TB-999/attachments", token, "file", "pay.log", "text/plain", log,
                Map.of("X-Atlassian-Token", "no-check"));

        assertThat(blocked.statusCode()).isEqualTo(403);
        assertThat(blocked.bodyAsString()).isEqualTo("XSRF check failed");
        assertThat(otherPart.statusCode()).isEqualTo(200);
        assertThat(otherPart.bodyAsJsonArray()).as("only parts named file are attachments").isEmpty();
        assertThat(attached.statusCode()).isEqualTo(200);
        JsonObject file = attached.bodyAsJsonArray().getJsonObject(0);
        assertThat(file.getString("filename")).isEqualTo("pay.log");
        assertThat(file.getLong("size")).isEqualTo(log.length);
        assertThat(file.getString("mimeType")).isEqualTo("text/plain");
        assertThat(file.getJsonObject("author").getString("accountId")).isNotBlank();
        assertThat(tooBig.statusCode()).isEqualTo(413);
        assertThat(unknownIssue.statusCode()).isEqualTo(404);
        JsonArray onIssue = get(cloudRest(ACME) + "/issue/TB-1?fields=attachment", token).bodyAsJsonObject()
                .getJsonObject("fields").getJsonArray("attachment");
        assertThat(onIssue).hasSize(1);
        assertThat(sim.siteIssue("acme", "TB-1").orElseThrow().getJsonArray("attachments").getJsonObject(0).getString("content"))
                .isEqualTo(java.util.Base64.getEncoder().encodeToString(log));
    }

    @Test
    void user_search_finds_by_name_or_email() {
        String token = cloudTokens(CLOUD_APP).getString("access_token");

        JsonArray found = get(cloudRest(ACME) + "/user/search?query=bob", token).bodyAsJsonArray();

        assertThat(found).hasSize(1);
        assertThat(found.getJsonObject(0).getString("accountId")).isEqualTo("acc-bob");
        assertThat(get(cloudRest(ACME) + "/user/search", token).statusCode()).isEqualTo(400);
    }

    static JsonObject field(JsonArray fields, String id) {
        return fields.stream().map(JsonObject.class::cast).filter(f -> id.equals(f.getString("fieldId"))).findFirst()
                .orElse(null);
    }
}
