package io.testbridge.testcases;

import io.testbridge.testing.ApiClient;
import io.testbridge.testing.Fixtures;
import io.testbridge.testing.RunningApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The test-case repository through its API: folders, cases, versions, conflicts, bulk changes, archive, suites. */
class TestCaseRepositoryTest {
    private static RunningApp app;
    private static ApiClient admin;

    @BeforeAll
    static void start() {
        app = RunningApp.start();
        admin = Fixtures.adminClient(app);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static long project(ApiClient admin, String key) {
        ApiClient.Response created = admin.post("/api/projects", new JsonObject().put("key", key).put("name", key + " project"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().getLong("id");
    }

    static JsonObject step(String action, String expected) {
        return new JsonObject().put("id", UUID.randomUUID().toString()).put("action", action).put("data", "").put("expected", expected);
    }

    static JsonObject createCase(ApiClient client, long projectId, JsonObject body) {
        ApiClient.Response created = client.post("/api/projects/" + projectId + "/cases", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json();
    }

    /** The case's content as the editor would send it back, with the revision and an editing session. */
    static JsonObject edit(JsonObject current, UUID session) {
        JsonObject body = new JsonObject();
        for (String field : List.of("title", "precondition", "steps", "priority", "status", "labels", "components", "ownerId", "estimateMinutes", "folderId")) {
            body.put(field, current.getValue(field));
        }
        return body.put("revision", current.getLong("revision")).put("editSession", session.toString());
    }

    @Test
    void cases_get_keys_in_order_and_are_found_by_folder_label_status_text_and_key() {
        long projectId = project(admin, "FIND");
        long auth = admin.post("/api/projects/" + projectId + "/folders", new JsonObject().put("name", "Auth")).json().getLong("id");
        long login = admin.post("/api/projects/" + projectId + "/folders", new JsonObject().put("name", "Login").put("parentId", auth)).json().getLong("id");
        assertThat(admin.post("/api/projects/" + projectId + "/folders", new JsonObject().put("name", "login").put("parentId", auth)).status())
                .as("sibling names are distinct whatever their case").isEqualTo(409);

        JsonObject first = createCase(admin, projectId, new JsonObject().put("title", "Log in with a password").put("folderId", login)
                .put("labels", new JsonArray().add("smoke")).put("status", "READY")
                .put("steps", new JsonArray().add(step("Open the login page", "The form shows")).add(step("Submit", "Dashboard"))));
        JsonObject second = createCase(admin, projectId, new JsonObject().put("title", "Reset a forgotten password").put("folderId", auth));
        JsonObject third = createCase(admin, projectId, new JsonObject().put("title", "Export the report"));
        assertThat(List.of(first.getString("key"), second.getString("key"), third.getString("key"))).containsExactly("FIND-TC-1", "FIND-TC-2", "FIND-TC-3");
        assertThat(first.getString("status")).isEqualTo("READY");
        assertThat(second.getString("status")).as("a new case is a draft").isEqualTo("DRAFT");
        assertThat(first.getInteger("version")).isEqualTo(1);

        assertThat(keys(projectId, "folderId=" + auth)).as("a folder with its subfolders").containsExactly("FIND-TC-1", "FIND-TC-2");
        assertThat(keys(projectId, "folderId=" + auth + "&subfolders=false")).containsExactly("FIND-TC-2");
        assertThat(keys(projectId, "unfiled=true")).containsExactly("FIND-TC-3");
        assertThat(keys(projectId, "label=SMOKE")).containsExactly("FIND-TC-1");
        assertThat(keys(projectId, "status=DRAFT")).containsExactly("FIND-TC-2", "FIND-TC-3");
        assertThat(keys(projectId, "q=passw")).as("words found by their start").containsExactly("FIND-TC-1", "FIND-TC-2");
        assertThat(keys(projectId, "q=dashboard")).as("words of the steps too").containsExactly("FIND-TC-1");
        String stepId = admin.get("/api/projects/" + projectId + "/cases?q=dashboard").json().getJsonArray("items").getJsonObject(0)
                .getLong("id").toString();
        String firstStepId = admin.get("/api/cases/" + stepId).json().getJsonArray("steps").getJsonObject(0).getString("id");
        assertThat(keys(projectId, "q=" + firstStepId.substring(0, 8))).as("a step's id is not a word of the case").isEmpty();
        assertThat(keys(projectId, "q=FIND-TC-3")).containsExactly("FIND-TC-3");
        assertThat(keys(projectId, "q=tc-2")).containsExactly("FIND-TC-2");
        assertThat(keys(projectId, "sort=-title")).containsExactly("FIND-TC-2", "FIND-TC-1", "FIND-TC-3");
        JsonObject page = admin.get("/api/projects/" + projectId + "/cases?pageSize=2&page=2").json();
        assertThat(page.getLong("total")).isEqualTo(3);
        assertThat(page.getJsonArray("items").getJsonObject(0).getString("key")).isEqualTo("FIND-TC-3");
        assertThat(admin.get("/api/projects/" + projectId + "/cases?sort=owner").status()).isEqualTo(400);
        assertThat(admin.get("/api/projects/999999/cases").status()).isEqualTo(404);
        ApiClient.Response stepWithoutId = admin.post("/api/projects/" + projectId + "/cases", new JsonObject().put("title", "No step id")
                .put("steps", new JsonArray().add(new JsonObject().put("action", "Open"))));
        assertThat(stepWithoutId.status()).isEqualTo(400);
        assertThat(stepWithoutId.errorField()).as("the missing property is named, not just its object").isEqualTo("steps.0.id");
        ApiClient.Response noTitle = admin.post("/api/projects/" + projectId + "/cases", new JsonObject());
        assertThat(noTitle.errorField()).isEqualTo("title");
        assertThat(admin.post("/api/projects/999999/folders", new JsonObject().put("name", "x")).status()).isEqualTo(404);

        JsonArray folders = admin.get("/api/projects/" + projectId + "/folders").json().getJsonArray("items");
        assertThat(folders.stream().map(f -> ((JsonObject) f).getString("name") + ":" + ((JsonObject) f).getLong("caseCount")).toList())
                .containsExactly("Auth:1", "Login:1");
    }

    @Test
    void every_edit_makes_a_version_an_editing_session_refines_its_own_and_versions_compare_step_by_step() {
        long projectId = project(admin, "VER");
        JsonObject stepOne = step("Open the cart", "The cart shows");
        JsonObject stepTwo = step("Pay", "Paid");
        JsonObject created = createCase(admin, projectId, new JsonObject().put("title", "Checkout").put("steps", new JsonArray().add(stepOne).add(stepTwo)));
        long caseId = created.getLong("id");

        UUID session = UUID.randomUUID();
        JsonObject first = admin.put("/api/cases/" + caseId, edit(created, session).put("title", "Checkout with a card")).json();
        JsonObject refined = admin.put("/api/cases/" + caseId, edit(first, session).put("priority", "HIGH")).json();
        assertThat(refined.getInteger("version")).as("one session, one version").isEqualTo(2);
        assertThat(refined.getLong("revision")).isGreaterThan(first.getLong("revision"));

        JsonObject stepThree = step("Print the receipt", "A receipt prints");
        JsonObject changedTwo = stepTwo.copy().put("expected", "Paid and confirmed");
        JsonObject second = admin.put("/api/cases/" + caseId, edit(refined, UUID.randomUUID())
                .put("steps", new JsonArray().add(changedTwo).add(stepThree).add(stepOne))).json();
        assertThat(second.getInteger("version")).isEqualTo(3);
        assertThat(admin.put("/api/cases/" + caseId, edit(second, UUID.randomUUID())).json().getInteger("version"))
                .as("a save that changes nothing makes no version").isEqualTo(3);

        JsonArray versions = admin.get("/api/cases/" + caseId + "/versions").json().getJsonArray("items");
        assertThat(versions.stream().map(v -> ((JsonObject) v).getInteger("version")).toList()).containsExactly(3, 2, 1);
        assertThat(versions.getJsonObject(1).getJsonArray("changes").getList()).containsExactly("title", "priority");
        assertThat(versions.getJsonObject(0).getJsonArray("changes").getList()).containsExactly("steps");
        assertThat(versions.getJsonObject(2).getJsonArray("changes").getList()).containsExactly("created");
        assertThat(versions.getJsonObject(0).getString("author")).as("by display name, as elsewhere").isEqualTo("Ada Admin");
        assertThat(admin.get("/api/cases/" + caseId + "/versions/1").json().getString("title")).as("old versions stay readable").isEqualTo("Checkout");

        JsonObject diff = admin.get("/api/cases/" + caseId + "/versions/3/diff?against=1").json();
        assertThat(diff.getJsonArray("fields").stream().map(f -> ((JsonObject) f).getString("field")).toList()).containsExactly("title", "priority");
        List<String> steps = new ArrayList<>();
        diff.getJsonArray("steps").forEach(s -> steps.add(((JsonObject) s).getString("change") + " " + text((JsonObject) s)));
        assertThat(steps).containsExactly("changed Pay", "added Print the receipt", "moved Open the cart");
        assertThat(admin.get("/api/cases/" + caseId + "/versions/9/diff?against=1").status()).isEqualTo(404);
    }

    @Test
    void a_new_case_is_its_authors_and_the_labels_in_use_are_listed_for_suggestions() {
        long projectId = project(admin, "OWN");
        JsonObject mine = createCase(admin, projectId, new JsonObject().put("title", "Mine by default").put("labels", new JsonArray().add("smoke")));
        assertThat(mine.getJsonObject("owner").getString("name")).as("a new case is its author's").isEqualTo("Ada Admin");
        JsonObject nobodys = createCase(admin, projectId, new JsonObject().put("title", "Nobody's").putNull("ownerId")
                .put("labels", new JsonArray().add("smoke").add("Checkout")));
        assertThat(nobodys.getValue("owner")).as("unless said otherwise").isNull();
        JsonObject archived = createCase(admin, projectId, new JsonObject().put("title", "Old").put("labels", new JsonArray().add("legacy")));
        admin.post("/api/projects/" + projectId + "/cases/archive", new JsonObject().put("caseIds", new JsonArray().add(archived.getLong("id"))));

        assertThat(admin.get("/api/projects/" + projectId + "/case-labels").json().getJsonArray("items").stream()
                .map(l -> ((JsonObject) l).getString("label") + ":" + ((JsonObject) l).getLong("cases")).toList())
                .as("active cases' labels by name, with their counts").containsExactly("Checkout:1", "smoke:2");
        assertThat(admin.get("/api/projects/999999/case-labels").status()).isEqualTo(404);
    }

    @Test
    void a_save_from_an_older_revision_is_refused_with_the_case_as_it_is_and_overwrites_nothing() {
        long projectId = project(admin, "CONF");
        JsonObject created = createCase(admin, projectId, new JsonObject().put("title", "Shared case"));
        Fixtures.createUser(admin, "ted", "tester password 123", "Tester");
        ApiClient ted = app.client();
        ted.login("ted", "tester password 123");

        JsonObject adminSaved = admin.put("/api/cases/" + created.getLong("id"), edit(created, UUID.randomUUID()).put("title", "Admin's title")).json();
        ApiClient.Response tedsSave = ted.put("/api/cases/" + created.getLong("id"), edit(created, UUID.randomUUID()).put("title", "Ted's title"));
        assertThat(tedsSave.status()).isEqualTo(409);
        assertThat(tedsSave.errorCode()).isEqualTo("edit_conflict");
        JsonObject current = tedsSave.json().getJsonObject("error").getJsonObject("current");
        assertThat(current.getString("title")).isEqualTo("Admin's title");
        assertThat(current.getLong("revision")).isEqualTo(adminSaved.getLong("revision"));
        assertThat(admin.get("/api/cases/" + created.getLong("id")).json().getString("title")).isEqualTo("Admin's title");

        ApiClient.Response resolved = ted.put("/api/cases/" + created.getLong("id"), edit(current, UUID.randomUUID()).put("title", "Ted's title"));
        assertThat(resolved.status()).as("saved on top of what the other saved, knowingly").isEqualTo(200);
    }

    @Test
    void bulk_edit_clone_archive_and_restore() {
        long projectId = project(admin, "BULK");
        long folder = admin.post("/api/projects/" + projectId + "/folders", new JsonObject().put("name", "Regression")).json().getLong("id");
        long ownerId = Fixtures.createUser(admin, "olga", "owner password 123", "Tester");
        JsonObject a = createCase(admin, projectId, new JsonObject().put("title", "A").put("labels", new JsonArray().add("old")));
        JsonObject b = createCase(admin, projectId, new JsonObject().put("title", "B").put("steps", new JsonArray().add(step("Do", "Done"))));

        ApiClient.Response bulk = admin.post("/api/projects/" + projectId + "/cases/bulk", new JsonObject()
                .put("caseIds", new JsonArray().add(a.getLong("id")).add(b.getLong("id"))).put("status", "READY")
                .put("addLabels", new JsonArray().add("release-2")).put("removeLabels", new JsonArray().add("OLD"))
                .put("ownerId", ownerId).put("folderId", folder));
        assertThat(bulk.status()).as(bulk.body()).isEqualTo(200);
        assertThat(bulk.json().getInteger("updated")).isEqualTo(2);
        JsonObject after = admin.get("/api/cases/" + a.getLong("id")).json();
        assertThat(after.getString("status")).isEqualTo("READY");
        assertThat(after.getJsonArray("labels").getList()).containsExactly("release-2");
        assertThat(after.getJsonObject("owner").getString("name")).isEqualTo("olga Example");
        assertThat(after.getLong("folderId")).isEqualTo(folder);
        assertThat(after.getInteger("version")).as("a bulk change is a version of each case").isEqualTo(2);
        assertThat(admin.post("/api/projects/" + projectId + "/cases/bulk", new JsonObject().put("caseIds", new JsonArray().add(a.getLong("id")))
                .put("ownerId", 999999)).status()).isEqualTo(400);

        JsonObject copy = admin.post("/api/projects/" + projectId + "/cases/clone", new JsonObject().put("caseIds", new JsonArray().add(b.getLong("id"))))
                .json().getJsonArray("items").getJsonObject(0);
        assertThat(copy.getString("title")).isEqualTo("Copy of B");
        assertThat(copy.getString("status")).isEqualTo("DRAFT");
        assertThat(copy.getString("key")).isEqualTo("BULK-TC-3");
        assertThat(copy.getJsonArray("steps").getJsonObject(0).getString("id")).as("a copy's steps are its own")
                .isNotEqualTo(admin.get("/api/cases/" + b.getLong("id")).json().getJsonArray("steps").getJsonObject(0).getString("id"));
        assertThat(admin.get("/api/cases/" + copy.getLong("id") + "/versions").json().getJsonArray("items").getJsonObject(0)
                .getJsonArray("changes").getList()).containsExactly("created", "cloned from BULK-TC-2");

        assertThat(admin.post("/api/projects/" + projectId + "/cases/archive", new JsonObject().put("caseIds", new JsonArray().add(a.getLong("id"))))
                .json().getInteger("updated")).isEqualTo(1);
        assertThat(keys(projectId, "")).containsExactly("BULK-TC-2", "BULK-TC-3");
        assertThat(keys(projectId, "archived=true")).containsExactly("BULK-TC-1");
        JsonObject archived = admin.get("/api/cases/" + a.getLong("id")).json();
        assertThat(admin.put("/api/cases/" + a.getLong("id"), edit(archived, UUID.randomUUID()).put("title", "no")).status())
                .as("an archived case is restored before it is edited").isEqualTo(409);
        admin.post("/api/projects/" + projectId + "/cases/restore", new JsonObject().put("caseIds", new JsonArray().add(a.getLong("id"))));
        JsonObject restored = admin.get("/api/cases/" + a.getLong("id")).json();
        assertThat(restored.getBoolean("archived")).isFalse();
        assertThat(restored.getLong("folderId")).as("restored where it was").isEqualTo(folder);
        assertThat(restored.getInteger("version")).isEqualTo(2);
    }

    @Test
    void deleting_a_folder_keeps_its_cases_and_subfolders_and_a_folder_cannot_move_into_itself() {
        long projectId = project(admin, "FOLD");
        long top = admin.post("/api/projects/" + projectId + "/folders", new JsonObject().put("name", "Top")).json().getLong("id");
        long middle = admin.post("/api/projects/" + projectId + "/folders", new JsonObject().put("name", "Middle").put("parentId", top)).json().getLong("id");
        long bottom = admin.post("/api/projects/" + projectId + "/folders", new JsonObject().put("name", "Bottom").put("parentId", middle)).json().getLong("id");
        JsonObject kept = createCase(admin, projectId, new JsonObject().put("title", "Kept").put("folderId", middle));

        assertThat(admin.patch("/api/folders/" + top, new JsonObject().put("parentId", bottom)).status()).isEqualTo(400);
        assertThat(admin.patch("/api/folders/" + middle, new JsonObject().put("name", "Mid")).json().getString("name")).isEqualTo("Mid");
        assertThat(admin.delete("/api/folders/" + middle).status()).isEqualTo(204);
        assertThat(admin.get("/api/cases/" + kept.getLong("id")).json().getLong("folderId")).isEqualTo(top);
        JsonArray folders = admin.get("/api/projects/" + projectId + "/folders").json().getJsonArray("items");
        JsonObject moved = folders.stream().map(JsonObject.class::cast).filter(f -> f.getLong("id") == bottom).findFirst().orElseThrow();
        assertThat(moved.getLong("parentId")).isEqualTo(top);
        assertThat(admin.post("/api/projects/" + projectId + "/cases", new JsonObject().put("title", "x").put("folderId", 999999)).status())
                .as("a folder of the project").isEqualTo(400);
    }

    @Test
    void suites_are_ordered_collections_of_cases_and_a_case_can_be_in_several() {
        long projectId = project(admin, "SUI");
        long smoke = admin.post("/api/projects/" + projectId + "/suites", new JsonObject().put("name", "Smoke")).json().getLong("id");
        long nightly = admin.post("/api/projects/" + projectId + "/suites", new JsonObject().put("name", "Nightly")).json().getLong("id");
        long one = createCase(admin, projectId, new JsonObject().put("title", "One")).getLong("id");
        long two = createCase(admin, projectId, new JsonObject().put("title", "Two")).getLong("id");
        JsonObject fromSuite = admin.post("/api/suites/" + smoke + "/cases", new JsonObject().put("title", "Three").put("steps", "First\n\nSecond")).json();
        assertThat(fromSuite.getString("key")).isEqualTo("SUI-TC-3");
        assertThat(fromSuite.getJsonArray("steps").size()).as("a step per line").isEqualTo(2);

        admin.post("/api/suites/" + smoke + "/members", new JsonObject().put("caseIds", new JsonArray().add(two).add(one)));
        admin.post("/api/suites/" + nightly + "/members", new JsonObject().put("caseIds", new JsonArray().add(one)));
        assertThat(suiteTitles(smoke)).containsExactly("Three", "Two", "One");
        JsonArray reordered = admin.put("/api/suites/" + smoke + "/members", new JsonObject().put("caseIds", new JsonArray().add(one).add(fromSuite.getLong("id")).add(two)))
                .json().getJsonArray("items");
        assertThat(reordered.stream().map(c -> ((JsonObject) c).getString("title")).toList()).containsExactly("One", "Three", "Two");
        assertThat(admin.put("/api/suites/" + smoke + "/members", new JsonObject().put("caseIds", new JsonArray().add(one))).status())
                .as("a new order names every case once").isEqualTo(400);
        assertThat(admin.get("/api/cases/" + one).json().getJsonArray("suites").stream().map(s -> ((JsonObject) s).getString("name")).toList())
                .containsExactly("Nightly", "Smoke");
        assertThat(admin.delete("/api/suites/" + smoke + "/members/" + one).status()).isEqualTo(204);
        assertThat(suiteTitles(smoke)).containsExactly("Three", "Two");
        assertThat(admin.get("/api/projects/" + projectId + "/suites").json().getJsonArray("items").stream()
                .map(s -> ((JsonObject) s).getString("name") + ":" + ((JsonObject) s).getLong("caseCount")).toList()).containsExactly("Nightly:1", "Smoke:2");

        long other = project(admin, "OTH");
        long foreign = createCase(admin, other, new JsonObject().put("title", "Elsewhere")).getLong("id");
        assertThat(admin.post("/api/suites/" + smoke + "/members", new JsonObject().put("caseIds", new JsonArray().add(foreign))).status())
                .as("only the suite's project's cases").isEqualTo(400);
    }

    @Test
    void people_lists_names_of_enabled_users_for_anyone_logged_in() {
        Fixtures.createUser(admin, "paula", "people password 123", "Viewer");
        ApiClient paula = app.client();
        paula.login("paula", "people password 123");
        JsonArray people = paula.get("/api/people").json().getJsonArray("items");
        assertThat(people.stream().map(p -> ((JsonObject) p).getString("username")).toList()).contains("admin", "paula");
        assertThat(people.getJsonObject(0).fieldNames()).containsExactlyInAnyOrder("id", "username", "displayName");
    }

    private static List<String> suiteTitles(long suiteId) {
        return admin.get("/api/suites/" + suiteId).json().getJsonArray("cases").stream().map(c -> ((JsonObject) c).getString("title")).toList();
    }

    private static String text(JsonObject stepChange) {
        JsonObject step = stepChange.getJsonObject("after") != null ? stepChange.getJsonObject("after") : stepChange.getJsonObject("before");
        return step.getString("action");
    }

    private static List<String> keys(long projectId, String query) {
        ApiClient.Response response = admin.get("/api/projects/" + projectId + "/cases?" + query);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().getJsonArray("items").stream().map(c -> ((JsonObject) c).getString("key")).toList();
    }
}
