package io.testbridge.automation;

import io.testbridge.testing.ApiClient;
import io.testbridge.testing.Fixtures;
import io.testbridge.testing.RunningApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Automation results imported over real HTTP into real PostgreSQL: the backend's own Surefire
 * reports, Gradle, pytest, jest-junit, TestNG and Cucumber reports, idempotent re-sends, trends.
 */
class ResultImportTest {
    private static RunningApp app;
    private static ApiClient admin;
    private static ApiClient tester;

    @BeforeAll
    static void start() {
        app = RunningApp.start();
        admin = Fixtures.adminClient(app);
        Fixtures.createUser(admin, "carl", "carl password 12", "Tester");
        tester = app.client();
        tester.login("carl", "carl password 12");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static long project(String key) {
        ApiClient.Response created = admin.post("/api/projects", new JsonObject().put("key", key).put("name", key + " project"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().getLong("id");
    }

    @Test
    void the_backends_own_surefire_reports_import_with_every_test_its_result_and_duration() {
        long projectId = project("SELF");
        // reports of a build of this repository, committed (one with a real error), and those this very run has written so far
        List<List<Path>> uploads = new ArrayList<>();
        uploads.add(ResultFiles.xmlFiles(ResultFiles.resource("surefire")));
        uploads.add(ResultFiles.xmlFiles(ResultFiles.resource("surefire-failing")));
        Path live = Path.of("target/surefire-reports");
        if (Files.isDirectory(live) && !ResultFiles.xmlFiles(live).isEmpty()) {
            uploads.add(ResultFiles.xmlFiles(live));
        }
        List<Long> cycleIds = new ArrayList<>();
        for (List<Path> files : uploads) {
            Map<String, ResultFiles.Expected> expected = ResultFiles.junitTests(files);
            assertThat(expected).isNotEmpty();
            ApiClient.Response imported = ResultFiles.multipart(files, Map.of("cycleName", "Surefire " + UUID.randomUUID(), "build", "1.0." + files.size(),
                    "environment", "ci")).send(tester, "/api/projects/" + projectId + "/results", Map.of());
            assertThat(imported.status()).as(imported.body()).isEqualTo(201);
            JsonObject answer = imported.json();
            assertThat(answer.getInteger("tests")).isEqualTo(expected.size());
            assertThat(answer.getJsonArray("files")).hasSize(files.size());
            long failed = expected.values().stream().filter(test -> test.status().equals("FAIL")).count();
            assertThat(answer.getJsonObject("statuses").getInteger("FAIL")).isEqualTo((int) failed);

            cycleIds.add(answer.getJsonObject("cycle").getLong("id"));
            Map<String, JsonObject> results = ResultFiles.cycleResults(tester, answer.getJsonObject("cycle").getLong("id"));
            assertThat(results.keySet()).as("every test of the reports, and nothing else").containsExactlyInAnyOrderElementsOf(expected.keySet());
            for (ResultFiles.Expected test : expected.values()) {
                JsonObject result = results.get(test.identifier());
                assertThat(result.getString("status")).as(test.identifier()).isEqualTo(test.status());
                assertThat(result.getLong("durationMs")).as(test.identifier()).isEqualTo(test.durationMs());
            }
        }
        // the real error carries its message and stack trace to the attempt, and the draft of a defect
        Map<String, ResultFiles.Expected> failing = ResultFiles.junitTests(ResultFiles.xmlFiles(ResultFiles.resource("surefire-failing")));
        String failedTest = failing.values().stream().filter(test -> test.status().equals("FAIL")).findFirst().orElseThrow().identifier();
        JsonObject cycle = tester.get("/api/cycles/" + cycleIds.get(1)).json();
        Map<String, JsonObject> results = ResultFiles.cycleResults(tester, cycle.getLong("id"));
        JsonObject attempt = tester.get("/api/cycles/" + cycle.getLong("id") + "/executions/" + results.get(failedTest).getLong("executionId")).json();
        JsonObject automated = attempt.getJsonObject("automated");
        assertThat(automated.getString("outcome")).isEqualTo("error");
        assertThat(automated.getString("failureType")).isEqualTo("io.testbridge.config.ConfigException");
        assertThat(automated.getString("failureMessage")).contains("Failed reading the API document");
        assertThat(automated.getString("stackTrace")).contains("at io.testbridge.Application.start(Application.java:");
        assertThat(automated.getString("stackTrace").length()).as("a bounded part of the stack trace").isLessThanOrEqualTo(8 * 1024 + 100);
        assertThat(automated.getString("systemOut")).isNotBlank();
        assertThat(automated.getString("trend")).isEqualTo("NEW_FAILURE");

        JsonObject draft = tester.get("/api/cycles/" + cycle.getLong("id") + "/executions/" + attempt.getLong("id") + "/defect-draft").json();
        assertThat(draft.getString("summary")).isEqualTo("[" + attempt.getString("key") + "] " + attempt.getString("title") + " – error");
        assertThat(draft.getString("summary")).contains("PasswordPolicyTest › the_api_refuses_a_common_password");
        assertThat(draft.getString("description")).contains("Build: 1.0.1. Environment: ci.", "Failure (io.testbridge.config.ConfigException):",
                "Failed reading the API document", "Stack trace:", "at io.testbridge.Application.start(");
        assertThat(draft.getJsonArray("knownDefects")).isEmpty();

        JsonObject testCase = tester.get("/api/cases/" + attempt.getLong("caseId")).json();
        assertThat(testCase.getString("automationId")).isEqualTo(failedTest);
        assertThat(testCase.getJsonArray("labels").getList()).containsExactly("automated");
        JsonArray folders = tester.get("/api/projects/" + projectId + "/folders").json().getJsonArray("items");
        assertThat(folders.stream().map(f -> ((JsonObject) f).getString("name")).toList()).containsExactly("Automated");
    }

    @Test
    void gradle_pytest_and_jest_reports_in_one_multipart_upload_and_raw_testng_and_cucumber_bodies() {
        long projectId = project("FLAV");
        List<Path> junit = List.of(ResultFiles.resource("samples/gradle-TEST-com.example.CalculatorTest.xml"),
                ResultFiles.resource("samples/pytest-junit.xml"), ResultFiles.resource("samples/jest-junit.xml"));
        ApiClient.Response imported = ResultFiles.multipart(junit, Map.of("cycleName", "Nightly 42", "build", "42", "environment", "linux"))
                .send(tester, "/api/projects/" + projectId + "/results", Map.of());
        assertThat(imported.status()).as(imported.body()).isEqualTo(201);
        JsonObject answer = imported.json();
        assertThat(answer.getInteger("tests")).isEqualTo(11);
        assertThat(answer.getInteger("newCases")).isEqualTo(11);
        assertThat(answer.getJsonObject("outcomes").getMap()).containsEntry("passed", 4).containsEntry("failed", 3).containsEntry("error", 1)
                .containsEntry("skipped", 3);
        assertThat(answer.getJsonObject("cycle").getString("name")).isEqualTo("Nightly 42");
        assertThat(answer.getJsonObject("cycle").getBoolean("created")).isTrue();
        long cycleId = answer.getJsonObject("cycle").getLong("id");
        Map<String, JsonObject> results = ResultFiles.cycleResults(tester, cycleId);
        assertThat(results.get("com.example.CalculatorTest#adds()").getString("status")).isEqualTo("PASS");
        assertThat(results.get("com.example.CalculatorTest#adds()").getLong("durationMs")).isEqualTo(12);
        assertThat(results.get("com.example.CalculatorTest#adds()").getString("title")).isEqualTo("CalculatorTest › adds()");
        assertThat(results.get("com.example.CalculatorTest#divides by zero()").getString("status")).isEqualTo("FAIL");
        JsonObject skipped = results.get("com.example.CalculatorTest#multiplies()");
        assertThat(skipped.getString("status")).as("a skipped test is not run").isEqualTo("NOT_RUN");
        assertThat(skipped.getString("outcome")).isEqualTo("skipped");
        assertThat(results.get("tests.test_math#test_divide[1-0]").getString("outcome")).isEqualTo("failed");
        assertThat(results.get("tests.test_db#test_connect").getString("outcome")).as("pytest's error in a fixture").isEqualTo("error");
        assertThat(results.get("tests.test_db#test_connect").getString("status")).isEqualTo("FAIL");
        assertThat(results.get("tests.test_math#test_sqrt").getString("status")).isEqualTo("NOT_RUN");
        assertThat(results.get("Cart removes an item#Cart removes an item").getString("status")).isEqualTo("FAIL");
        JsonObject jestFailure = tester.get("/api/cycles/" + cycleId + "/executions/" + results.get("Cart removes an item#Cart removes an item")
                .getLong("executionId")).json().getJsonObject("automated");
        assertThat(jestFailure.getString("failureMessage")).as("jest-junit has no message attribute: the first line").isEqualTo(
                "Error: expect(received).toBe(expected) // Object.is equality");
        assertThat(jestFailure.getString("stackTrace")).contains("at Object.toBe (/ci/src/cart.test.js:14:30)");

        // TestNG as a raw body, appended to the same cycle
        ApiClient.Response testng = ResultFiles.upload(tester, projectId, "cycleId=" + cycleId + "&filename=testng-results.xml",
                ResultFiles.resource("samples/testng-results.xml"), "application/xml", Map.of());
        assertThat(testng.status()).as(testng.body()).isEqualTo(201);
        assertThat(testng.json().getInteger("tests")).as("the configuration method is not a test").isEqualTo(4);
        assertThat(testng.json().getJsonArray("files").getJsonObject(0).getString("format")).isEqualTo("testng");
        assertThat(testng.json().getJsonObject("cycle").getBoolean("created")).isFalse();
        results = ResultFiles.cycleResults(tester, cycleId);
        assertThat(results).hasSize(15);
        assertThat(results.get("com.example.CheckoutTest#paysByCard").getLong("durationMs")).isEqualTo(120);
        assertThat(results.get("com.example.CheckoutTest#paysByInvoice").getString("status")).isEqualTo("NOT_RUN");
        JsonObject voucher = tester.get("/api/cycles/" + cycleId + "/executions/" + results.get("com.example.CheckoutTest#paysByVoucher")
                .getLong("executionId")).json().getJsonObject("automated");
        assertThat(voucher.getString("failureMessage")).isEqualTo("voucher total expected [10.0] but found [12.0]");
        assertThat(voucher.getString("failureType")).isEqualTo("java.lang.AssertionError");
        assertThat(voucher.getString("stackTrace")).contains("at com.example.CheckoutTest.paysByVoucher(CheckoutTest.java:42)");

        // Cucumber JSON as a raw body, into a new cycle
        ApiClient.Response cucumber = ResultFiles.upload(tester, projectId, "cycleName=BDD&build=42", ResultFiles.resource("samples/cucumber.json"),
                "application/json", Map.of());
        assertThat(cucumber.status()).as(cucumber.body()).isEqualTo(201);
        Map<String, JsonObject> scenarios = ResultFiles.cycleResults(tester, cucumber.json().getJsonObject("cycle").getLong("id"));
        assertThat(scenarios.keySet()).containsExactlyInAnyOrder("Checkout / Pay by card", "Checkout / Pay by voucher", "Checkout / Pay by invoice");
        assertThat(scenarios.get("Checkout / Pay by card").getString("status")).isEqualTo("PASS");
        assertThat(scenarios.get("Checkout / Pay by card").getLong("durationMs")).as("background, hook and steps").isEqualTo(38);
        assertThat(scenarios.get("Checkout / Pay by voucher").getString("status")).isEqualTo("FAIL");
        assertThat(scenarios.get("Checkout / Pay by invoice").getString("status")).as("undefined and skipped steps").isEqualTo("NOT_RUN");
        JsonObject bdd = tester.get("/api/cycles/" + cucumber.json().getJsonObject("cycle").getLong("id") + "/executions/"
                + scenarios.get("Checkout / Pay by voucher").getLong("executionId")).json().getJsonObject("automated");
        assertThat(bdd.getString("failureMessage")).isEqualTo("java.lang.AssertionError: expected 10.00 but was 12.00");
    }

    @Test
    void a_second_build_flags_new_failures_fixed_and_still_failing_against_the_previous_run() {
        long projectId = project("TREND");
        String first = junit("com.example.T", Map.of("a", "pass", "b", "fail", "c", "fail", "d", "pass"));
        assertThat(ResultFiles.upload(tester, projectId, "cycleName=Build%201&build=1", first, "application/xml").status()).isEqualTo(201);
        String second = junit("com.example.T", Map.of("a", "fail", "b", "pass", "c", "fail", "d", "pass", "e", "fail"));
        ApiClient.Response next = ResultFiles.upload(tester, projectId, "cycleName=Build%202&build=2", second, "application/xml");
        assertThat(next.status()).as(next.body()).isEqualTo(201);
        assertThat(next.json().getJsonObject("trends").getMap()).containsEntry("NEW_FAILURE", 2).containsEntry("FIXED", 1).containsEntry("STILL_FAILING", 1);
        Map<String, JsonObject> results = ResultFiles.cycleResults(tester, next.json().getJsonObject("cycle").getLong("id"));
        assertThat(results.get("com.example.T#a").getString("trend")).isEqualTo("NEW_FAILURE");
        assertThat(results.get("com.example.T#b").getString("trend")).isEqualTo("FIXED");
        assertThat(results.get("com.example.T#c").getString("trend")).isEqualTo("STILL_FAILING");
        assertThat(results.get("com.example.T#d").getString("trend")).isNull();
        assertThat(results.get("com.example.T#e").getString("trend")).as("a new test that fails").isEqualTo("NEW_FAILURE");
        assertThat(next.json().getInteger("newCases")).as("the same tests are the same cases").isEqualTo(1);

        // a re-run into the same cycle: a second attempt, compared with the first in this cycle
        long cycleId = next.json().getJsonObject("cycle").getLong("id");
        String rerun = junit("com.example.T", Map.of("a", "pass", "c", "fail"));
        ApiClient.Response again = ResultFiles.upload(tester, projectId, "cycleId=" + cycleId, rerun, "application/xml");
        assertThat(again.status()).as(again.body()).isEqualTo(201);
        results = ResultFiles.cycleResults(tester, cycleId);
        assertThat(results.get("com.example.T#a").getInteger("attempts")).isEqualTo(2);
        assertThat(results.get("com.example.T#a").getString("trend")).isEqualTo("FIXED");
        assertThat(results.get("com.example.T#c").getString("trend")).isEqualTo("STILL_FAILING");
        assertThat(results.get("com.example.T#b").getInteger("attempts")).isEqualTo(1);
    }

    @Test
    void an_automated_results_status_cannot_be_set_by_hand_and_the_next_import_still_reads_cis_result() {
        long projectId = project("BYHAND");
        ApiClient.Response first = ResultFiles.upload(tester, projectId, "cycleName=Build%201&build=1", junit("com.example.H", Map.of("a", "fail")), "application/xml");
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        long cycleId = first.json().getJsonObject("cycle").getLong("id");
        long executionId = ResultFiles.cycleResults(tester, cycleId).get("com.example.H#a").getLong("executionId");
        for (JsonObject body : List.of(new JsonObject().put("status", "PASS"), new JsonObject().putNull("status"))) {
            ApiClient.Response byHand = tester.put("/api/cycles/" + cycleId + "/executions/" + executionId + "/status", body);
            assertThat(byHand.status()).as(byHand.body()).isEqualTo(409);
            assertThat(byHand.json().getJsonObject("error").getString("message")).containsIgnoringCase("an automated result's status is CI's; import a new result");
        }
        JsonObject attempt = tester.get("/api/cycles/" + cycleId + "/executions/" + executionId).json();
        assertThat(attempt.getString("status")).isEqualTo("FAIL");
        assertThat(attempt.getBoolean("statusSetByHand")).isFalse();

        ApiClient.Response second = ResultFiles.upload(tester, projectId, "cycleName=Build%202&build=2", junit("com.example.H", Map.of("a", "fail")), "application/xml");
        assertThat(second.status()).as(second.body()).isEqualTo(201);
        assertThat(ResultFiles.cycleResults(tester, second.json().getJsonObject("cycle").getLong("id")).get("com.example.H#a").getString("trend"))
                .isEqualTo("STILL_FAILING");
    }

    @Test
    void the_same_upload_sent_twice_with_one_key_records_one_set_of_results_and_a_different_one_is_refused() {
        long projectId = project("IDEM");
        String report = junit("com.example.Idem", Map.of("one", "pass", "two", "fail", "three", "pass"));
        String path = "/api/projects/" + projectId + "/results?cycleName=CI%20run&build=7";
        Map<String, String> key = Map.of("Idempotency-Key", "job-123-attempt-1");
        ApiClient.Response first = tester.postStream(path, java.net.http.HttpRequest.BodyPublishers.ofString(report), "application/xml", key);
        ApiClient.Response second = tester.postStream(path, java.net.http.HttpRequest.BodyPublishers.ofString(report), "text/xml", key);
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(second.status()).as(second.body()).isEqualTo(201);
        assertThat(second.json()).as("the first answer again").isEqualTo(first.json());
        assertThat(second.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
        JsonArray cycles = tester.get("/api/projects/" + projectId + "/cycles").json().getJsonArray("items");
        assertThat(cycles).as("one cycle").hasSize(1);
        Map<String, JsonObject> results = ResultFiles.cycleResults(tester, cycles.getJsonObject(0).getLong("id"));
        assertThat(results).hasSize(3);
        assertThat(results.values()).allSatisfy(result -> assertThat(result.getInteger("attempts")).isEqualTo(1));

        String other = junit("com.example.Idem", Map.of("one", "fail"));
        ApiClient.Response conflict = tester.postStream(path, java.net.http.HttpRequest.BodyPublishers.ofString(other), "application/xml", key);
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.errorField()).isEqualTo("Idempotency-Key");
        assertThat(conflict.json().getJsonObject("error").getString("message")).contains("job-123-attempt-1");
        ApiClient.Response otherCycle = tester.postStream("/api/projects/" + projectId + "/results?cycleName=Another&build=7",
                java.net.http.HttpRequest.BodyPublishers.ofString(report), "application/xml", key);
        assertThat(otherCycle.status()).as("the same files into another cycle is another upload").isEqualTo(409);
        assertThat(tester.get("/api/projects/" + projectId + "/cycles").json().getJsonArray("items")).hasSize(1);
    }

    @Test
    void two_copies_of_one_upload_sent_at_once_with_one_key_record_one_set_of_results() throws Exception {
        long projectId = project("RACE");
        Map<String, String> tests = new java.util.TreeMap<>();
        for (int i = 0; i < 300; i++) {
            tests.put("t" + i, i % 7 == 0 ? "fail" : "pass");
        }
        String report = junit("com.example.Race", tests);
        String path = "/api/projects/" + projectId + "/results?cycleName=Race&build=1";
        for (int round = 0; round < 3; round++) {
            Map<String, String> key = Map.of("Idempotency-Key", "race-" + round);
            CyclicBarrier together = new CyclicBarrier(2);
            List<CompletableFuture<ApiClient.Response>> sent = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                sent.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        together.await();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    return tester.postStream(path, java.net.http.HttpRequest.BodyPublishers.ofString(report), "application/xml", key);
                }));
            }
            ApiClient.Response a = sent.get(0).get();
            ApiClient.Response b = sent.get(1).get();
            assertThat(a.status()).as(a.body()).isEqualTo(201);
            assertThat(b.status()).as(b.body()).isEqualTo(201);
            assertThat(a.json().getLong("importId")).isEqualTo(b.json().getLong("importId"));
        }
        JsonArray cycles = tester.get("/api/projects/" + projectId + "/cycles").json().getJsonArray("items");
        assertThat(cycles).as("one cycle per key").hasSize(3);
        for (int i = 0; i < cycles.size(); i++) {
            JsonObject progress = cycles.getJsonObject(i).getJsonObject("progress");
            assertThat(progress.getLong("total")).isEqualTo(300);
        }
        JsonObject cases = tester.get("/api/projects/" + projectId + "/cases?pageSize=10").json();
        assertThat(cases.getLong("total")).as("one case per test").isEqualTo(300);
    }

    @Test
    void a_decimal_comma_in_a_time_is_a_decimal_separator_and_a_thousands_comma_is_not() {
        ApiClient admin = Fixtures.adminClient(app);
        long other = admin.post("/api/projects", new JsonObject().put("key", "COMMA").put("name", "Comma")).json().getLong("id");
        String xml = """
                <testsuite name="s">
                  <testcase classname="c" name="decimalComma" time="0,012"/>
                  <testcase classname="c" name="decimalCommaTwo" time="12,5"/>
                  <testcase classname="c" name="thousandsAndDot" time="1,234.5"/>
                  <testcase classname="c" name="thousands" time="1,234"/>
                  <testcase classname="c" name="dot" time="0.012"/>
                </testsuite>
                """;
        ApiClient.Response stored = ResultFiles.upload(tester, other, "cycleName=Comma&filename=comma.xml", xml, "application/xml");
        assertThat(stored.status()).as(stored.body()).isEqualTo(201);
        Map<String, JsonObject> results = ResultFiles.cycleResults(tester, stored.json().getJsonObject("cycle").getLong("id"));
        assertThat(results.get("c#decimalComma").getLong("durationMs")).isEqualTo(12);
        assertThat(results.get("c#decimalCommaTwo").getLong("durationMs")).isEqualTo(12_500);
        assertThat(results.get("c#thousandsAndDot").getLong("durationMs")).isEqualTo(1_234_500);
        assertThat(results.get("c#thousands").getLong("durationMs")).isEqualTo(1_234_000);
        assertThat(results.get("c#dot").getLong("durationMs")).isEqualTo(12);
    }

    /** A small JUnit report: test name → pass or fail. */
    static String junit(String className, Map<String, String> tests) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite name=\"" + className + "\" tests=\"" + tests.size() + "\">\n");
        tests.forEach((name, result) -> {
            xml.append("  <testcase name=\"").append(name).append("\" classname=\"").append(className).append("\" time=\"0.010\"");
            if (result.equals("pass")) {
                xml.append("/>\n");
            } else {
                xml.append(">\n    <failure message=\"").append(name).append(" broke\" type=\"java.lang.AssertionError\">java.lang.AssertionError: ")
                        .append(name).append(" broke\n\tat ").append(className).append('.').append(name).append("(T.java:1)\n</failure>\n  </testcase>\n");
            }
        });
        return xml.append("</testsuite>\n").toString();
    }
}
