package io.testbridge.cycles;

import io.testbridge.config.DatabaseUrl;
import io.testbridge.testing.ApiClient;
import io.testbridge.testing.Fixtures;
import io.testbridge.testing.RunningApp;
import io.testbridge.testing.TestDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ten testers recording 500 step results at once over two nodes of one database: each case's steps
 * are recorded by several testers in a shuffled order, so the results of one attempt race each other.
 */
class ConcurrentExecutionTest {
    private static final int CASES = 50;
    private static final int STEPS = 10;
    private static final int TESTERS = 10;

    /** What step {@code s} of case {@code c} is recorded as; the case's expected status follows in {@link #expected}. */
    private static String stepStatus(int c, int s) {
        return switch (c % 5) {
            case 0 -> "PASS";
            case 1 -> s == c % STEPS ? "FAIL" : "PASS";
            case 2 -> s == 3 ? "BLOCKED" : "PASS";
            case 3 -> "NA";
            default -> s == 2 ? "FAIL" : s == 7 ? "BLOCKED" : "PASS";
        };
    }

    private static String expected(int c) {
        return switch (c % 5) {
            case 0 -> "PASS";
            case 1, 4 -> "FAIL";
            case 2 -> "BLOCKED";
            default -> "NA";
        };
    }

    private record Update(int caseIndex, int step, int tester, long executionId, String stepId) {
    }

    @Test
    void no_result_is_lost_and_every_case_status_is_right() throws Exception {
        DatabaseUrl database = TestDatabase.freshDatabase();
        try (RunningApp nodeA = RunningApp.start(database, Map.of()); RunningApp nodeB = RunningApp.start(database, Map.of())) {
            ApiClient lead = Fixtures.adminClient(nodeA);
            long project = lead.post("/api/projects", new JsonObject().put("key", "RACE").put("name", "Races")).json().getLong("id");
            List<Long> caseIds = new ArrayList<>();
            for (int c = 0; c < CASES; c++) {
                JsonArray steps = new JsonArray();
                for (int s = 0; s < STEPS; s++) {
                    steps.add(new JsonObject().put("id", UUID.randomUUID().toString()).put("action", "Step " + s).put("expected", "Step " + s + " works"));
                }
                ApiClient.Response created = lead.post("/api/projects/" + project + "/cases",
                        new JsonObject().put("title", "Case " + c).put("steps", steps));
                assertThat(created.status()).as(created.body()).isEqualTo(201);
                caseIds.add(created.json().getLong("id"));
            }
            long cycle = lead.post("/api/projects/" + project + "/cycles", new JsonObject().put("name", "Race build")).json().getLong("id");
            assertThat(lead.post("/api/cycles/" + cycle + "/cases", new JsonObject().put("caseIds", new JsonArray(caseIds))).status()).isEqualTo(200);

            List<ApiClient> testers = new ArrayList<>();
            for (int t = 0; t < TESTERS; t++) {
                Fixtures.createUser(lead, "racer" + t, "racer password " + t, "Tester");
                ApiClient tester = (t < TESTERS / 2 ? nodeA : nodeB).client();
                assertThat(tester.login("racer" + t, "racer password " + t).status()).isEqualTo(200);
                testers.add(tester);
            }

            JsonArray items = lead.get("/api/cycles/" + cycle + "/cases").json().getJsonArray("items");
            Map<String, Integer> indexByTitle = new HashMap<>();
            for (int c = 0; c < CASES; c++) {
                indexByTitle.put("Case " + c, c);
            }
            long[] cycleCaseIds = new long[CASES];
            List<Update> updates = new ArrayList<>();
            for (Object item : items) {
                JsonObject cycleCase = (JsonObject) item;
                int c = indexByTitle.get(cycleCase.getString("title"));
                cycleCaseIds[c] = cycleCase.getLong("id");
                JsonObject attempt = lead.get("/api/cycles/" + cycle + "/cases/" + cycleCaseIds[c] + "/execution").json();
                for (int s = 0; s < STEPS; s++) {
                    updates.add(new Update(c, s, (c + s) % TESTERS, attempt.getLong("id"), attempt.getJsonArray("steps").getJsonObject(s).getString("id")));
                }
            }
            assertThat(updates).hasSize(500);
            Collections.shuffle(updates, new Random(25));

            ExecutorService pool = Executors.newFixedThreadPool(40);
            try {
                List<CompletableFuture<ApiClient.Response>> sent = updates.stream().map(update -> CompletableFuture.supplyAsync(() ->
                        testers.get(update.tester()).put("/api/cycles/" + cycle + "/executions/" + update.executionId() + "/steps/" + update.stepId(),
                                new JsonObject().put("status", stepStatus(update.caseIndex(), update.step()))
                                        .put("actual", "case " + update.caseIndex() + " step " + update.step() + " by racer" + update.tester())), pool)).toList();
                for (CompletableFuture<ApiClient.Response> response : sent) {
                    assertThat(response.get().status()).as(response.get().body()).isEqualTo(200);
                }
            } finally {
                pool.shutdown();
            }

            ApiClient reader = Fixtures.adminClient(nodeB);
            for (int c = 0; c < CASES; c++) {
                JsonObject attempt = reader.get("/api/cycles/" + cycle + "/cases/" + cycleCaseIds[c] + "/execution").json();
                assertThat(attempt.getString("status")).as("case %d", c).isEqualTo(expected(c));
                assertThat(attempt.getString("finishedAt")).as("case %d is over", c).isNotNull();
                for (int s = 0; s < STEPS; s++) {
                    JsonObject step = attempt.getJsonArray("steps").getJsonObject(s);
                    int tester = (c + s) % TESTERS;
                    assertThat(step.getString("status")).as("case %d step %d", c, s).isEqualTo(stepStatus(c, s));
                    assertThat(step.getString("actual")).isEqualTo("case " + c + " step " + s + " by racer" + tester);
                    assertThat(step.getJsonObject("updatedBy").getString("name")).isEqualTo("racer" + tester + " Example");
                }
            }
            JsonObject listed = reader.get("/api/cycles/" + cycle + "/cases").json();
            for (Object item : listed.getJsonArray("items")) {
                JsonObject cycleCase = (JsonObject) item;
                assertThat(cycleCase.getString("status")).isEqualTo(expected(indexByTitle.get(cycleCase.getString("title"))));
            }
            JsonObject progress = listed.getJsonObject("progress");
            assertThat(progress.getLong("total")).isEqualTo(CASES);
            assertThat(progress.getLong("PASS")).isEqualTo(10);
            assertThat(progress.getLong("FAIL")).isEqualTo(20);
            assertThat(progress.getLong("BLOCKED")).isEqualTo(10);
            assertThat(progress.getLong("NA")).isEqualTo(10);
        }
    }
}
