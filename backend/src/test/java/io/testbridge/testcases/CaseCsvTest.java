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

import static org.assertj.core.api.Assertions.assertThat;

/** CSV files of cases: the template, export and import round trips, and files with problems (all or nothing). */
class CaseCsvTest {
    private static RunningApp app;
    private static ApiClient admin;

    @BeforeAll
    static void start() {
        app = RunningApp.start();
        admin = Fixtures.adminClient(app);
        Fixtures.createUser(admin, "alice", "alice password 12", "Tester");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void the_template_imports_as_two_cases_in_their_folder_and_an_export_imports_back_unchanged() {
        long projectId = TestCaseRepositoryTest.project(admin, "CSV");
        String template = admin.get("/api/case-template.csv").body();
        assertThat(template).startsWith("\uFEFFKey,Title,Folder,Priority,Status,Labels,Components,Owner,Estimate,Precondition,Step,Action,Data,Expected");

        JsonObject preview = importCsv(projectId, template, true);
        assertThat(preview.getBoolean("imported")).isFalse();
        assertThat(preview.getInteger("newCases")).isEqualTo(2);
        assertThat(preview.getInteger("steps")).isEqualTo(4);
        assertThat(preview.getJsonArray("problems")).isEmpty();
        assertThat(cases(projectId)).as("a dry run stores nothing").isEmpty();

        JsonObject imported = importCsv(projectId, template, false);
        assertThat(imported.getBoolean("imported")).isTrue();
        List<JsonObject> cases = cases(projectId);
        assertThat(cases).extracting(c -> c.getString("title")).containsExactly("Log in with a valid password", "Log out");
        JsonObject login = admin.get("/api/cases/" + cases.get(0).getLong("id")).json();
        assertThat(login.getString("priority")).isEqualTo("HIGH");
        assertThat(login.getJsonArray("labels").getList()).containsExactly("smoke", "auth");
        assertThat(login.getInteger("estimateMinutes")).isEqualTo(5);
        assertThat(login.getString("precondition")).isEqualTo("User alice exists\nand is active");
        assertThat(login.getJsonArray("steps").getJsonObject(1).getString("data")).isEqualTo("alice / S3cret!");
        assertThat(login.getJsonArray("steps").getJsonObject(2).getString("expected")).isEqualTo("The dashboard opens\nand the header shows \"alice\"");
        JsonArray folders = admin.get("/api/projects/" + projectId + "/folders").json().getJsonArray("items");
        assertThat(folders.stream().map(f -> ((JsonObject) f).getString("name")).toList()).containsExactly("Auth", "Login");
        assertThat(admin.get("/api/cases/" + cases.get(0).getLong("id") + "/versions").json().getJsonArray("items").getJsonObject(0)
                .getJsonArray("changes").getList()).containsExactly("imported");

        ApiClient.Response ownerless = admin.get("/api/projects/" + projectId + "/cases.csv");
        assertThat(ownerless.status()).as("cases nobody owns export too").isEqualTo(200);
        assertThat(ownerless.body()).contains("CSV-TC-1", "CSV-TC-2");

        // a formula-looking step and an owner, then: export, and import the export into the same project
        JsonObject edited = TestCaseRepositoryTest.edit(login, java.util.UUID.randomUUID());
        edited.getJsonArray("steps").getJsonObject(0).put("action", "=HYPERLINK(\"http://evil\")");
        long aliceId = admin.get("/api/people").json().getJsonArray("items").stream().map(JsonObject.class::cast)
                .filter(p -> p.getString("username").equals("alice")).findFirst().orElseThrow().getLong("id");
        assertThat(admin.put("/api/cases/" + login.getLong("id"), edited.put("ownerId", aliceId)).status()).isEqualTo(200);
        String export = admin.get("/api/projects/" + projectId + "/cases.csv").body();
        assertThat(export).contains("'=HYPERLINK").contains(",alice,").contains("CSV-TC-1");
        JsonObject again = importCsv(projectId, export, false);
        assertThat(again.getInteger("updatedCases")).isEqualTo(2);
        assertThat(again.getInteger("newCases")).isZero();
        JsonObject reloaded = admin.get("/api/cases/" + login.getLong("id")).json();
        assertThat(reloaded.getInteger("version")).as("importing the export changes nothing").isEqualTo(login.getInteger("version") + 1);
        assertThat(reloaded.getJsonArray("steps").getJsonObject(0).getString("action")).isEqualTo("=HYPERLINK(\"http://evil\")");

        // the same file without its keys makes the same cases in another project
        long copyProject = TestCaseRepositoryTest.project(admin, "COPY");
        String withoutKeys = export.replaceAll("CSV-TC-\\d+", "");
        assertThat(importCsv(copyProject, withoutKeys, false).getInteger("newCases")).isEqualTo(2);
        for (int i = 0; i < 2; i++) {
            JsonObject original = admin.get("/api/cases/" + cases(projectId).get(i).getLong("id")).json();
            JsonObject copy = admin.get("/api/cases/" + cases(copyProject).get(i).getLong("id")).json();
            for (String field : List.of("title", "precondition", "priority", "status", "labels", "components", "ownerId", "estimateMinutes")) {
                assertThat(copy.getValue(field)).as(field).isEqualTo(original.getValue(field));
            }
            assertThat(stepTexts(copy)).isEqualTo(stepTexts(original));
        }

        // selection export
        String one = admin.get("/api/projects/" + projectId + "/cases.csv?ids=" + login.getLong("id")).body();
        assertThat(one).contains("CSV-TC-1").doesNotContain("CSV-TC-2");
    }

    @Test
    void a_file_with_problems_names_each_by_row_and_column_and_imports_nothing() {
        long projectId = TestCaseRepositoryTest.project(admin, "BAD");
        String csv = String.join("\r\n",
                "Key,Title,Priority,Owner,Estimate,Step,Action,Expected",
                ",Good case,HIGH,alice,10m,1,Do it,Done",
                ",,,,,2,Then this,Fine",
                ",Bad priority,URGENT,,,1,x,y",
                ",,HIGH,,,2,a step row with a priority,z",
                "BAD-TC-77,Unknown key,,,,,,",
                ",Bad owner,,nobody,,,,",
                ",Bad estimate,,,soon,,,",
                "");
        JsonObject preview = importCsv(projectId, csv, true);
        List<String> problems = new ArrayList<>();
        preview.getJsonArray("problems").forEach(p -> problems.add(((JsonObject) p).getInteger("row") + " " + ((JsonObject) p).getString("column")));
        assertThat(problems).containsExactly("4 Priority", "5 Priority", "6 Key", "7 Owner", "8 Estimate");

        ApiClient.Response refused = admin.post("/api/projects/" + projectId + "/cases/import", new JsonObject().put("csv", csv));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorField()).isEqualTo("csv");
        assertThat(refused.json().getJsonObject("error").getString("message")).contains("5 problems", "nothing was imported", "row 4, column Priority");
        assertThat(refused.json().getJsonObject("error").getJsonArray("problems")).hasSize(5);
        assertThat(cases(projectId)).as("not even the good case").isEmpty();

        assertThat(importCsv(projectId, "Title,Prio\r\nx,HIGH\r\n", true).getJsonArray("problems").getJsonObject(0).getString("column")).isEqualTo("Prio");
        JsonObject unclosed = importCsv(projectId, "Title,Action\r\nA,\"never closed\r\nB,x\r\n", true).getJsonArray("problems").getJsonObject(0);
        assertThat(unclosed.getInteger("row")).isEqualTo(2);
        assertThat(unclosed.getString("message")).contains("never ends");
        assertThat(importCsv(projectId, ",,,\r\nA,B\r\n", true).getJsonArray("problems").getJsonObject(0).getString("message")).contains("Title");
    }

    @Test
    void a_spreadsheet_saved_with_semicolons_and_a_byte_order_mark_reads_the_same() {
        long projectId = TestCaseRepositoryTest.project(admin, "EXCEL");
        String csv = "\uFEFFSummary;Test Data;Expected Result\r\n\"Pay; then leave\";\"card 4111\";\"Paid\"\r\n;other;\r\n";
        JsonObject imported = importCsv(projectId, csv, false);
        assertThat(imported.getBoolean("imported")).as(imported.encode()).isTrue();
        JsonObject only = admin.get("/api/cases/" + cases(projectId).get(0).getLong("id")).json();
        assertThat(only.getString("title")).isEqualTo("Pay; then leave");
        assertThat(stepTexts(only)).containsExactly("|card 4111|Paid", "|other|");
    }

    @Test
    void ten_thousand_steps_import_in_one_go() {
        long projectId = TestCaseRepositoryTest.project(admin, "BIG");
        StringBuilder csv = new StringBuilder("Title,Step,Action,Data,Expected\r\n");
        String filler = "x".repeat(480);
        for (int c = 0; c < 500; c++) {
            for (int s = 0; s < 20; s++) {
                csv.append(s == 0 ? "Case " + c : "").append(',').append(s + 1).append(",Action ").append(s).append(' ').append(filler)
                        .append(",data ").append(c).append(",Expected ").append(s).append("\r\n");
            }
        }
        assertThat(csv.length()).as("a 5 MB file").isGreaterThan(5_000_000);
        JsonObject imported = importCsv(projectId, csv.toString(), false);
        assertThat(imported.getBoolean("imported")).as(imported.encode()).isTrue();
        assertThat(imported.getInteger("steps")).isEqualTo(10_000);
        assertThat(admin.get("/api/projects/" + projectId + "/cases?pageSize=1").json().getLong("total")).isEqualTo(500);
    }

    private static JsonObject importCsv(long projectId, String csv, boolean dryRun) {
        ApiClient.Response response = admin.post("/api/projects/" + projectId + "/cases/import", new JsonObject().put("csv", csv).put("dryRun", dryRun));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static List<JsonObject> cases(long projectId) {
        return admin.get("/api/projects/" + projectId + "/cases?pageSize=200").json().getJsonArray("items").stream().map(JsonObject.class::cast).toList();
    }

    private static List<String> stepTexts(JsonObject testCase) {
        return testCase.getJsonArray("steps").stream().map(JsonObject.class::cast)
                .map(step -> step.getString("action") + "|" + step.getString("data") + "|" + step.getString("expected")).toList();
    }
}
