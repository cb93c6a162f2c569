package io.testbridge.testcases;

import io.testbridge.config.DatabaseUrl;
import io.testbridge.testing.ApiClient;
import io.testbridge.testing.Fixtures;
import io.testbridge.testing.RunningApp;
import io.testbridge.testing.TestDatabase;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two people on two nodes save the same case from the same revision at the same moment, again and
 * again: one save wins, the other is told (409 edit_conflict with the case as the winner left it),
 * and nobody's text is overwritten unknowingly.
 */
class ConcurrentCaseSaveTest {
    private static final int ROUNDS = 25;

    @Test
    void of_two_saves_at_once_on_two_nodes_one_wins_and_the_other_is_told() throws Exception {
        DatabaseUrl database = TestDatabase.freshDatabase();
        try (RunningApp nodeA = RunningApp.start(database, Map.of()); RunningApp nodeB = RunningApp.start(database, Map.of())) {
            ApiClient ada = Fixtures.adminClient(nodeA);
            Fixtures.createUser(ada, "tess", "tess password 12", "Tester");
            ApiClient tess = nodeB.client();
            assertThat(tess.login("tess", "tess password 12").status()).isEqualTo(200);
            long project = ada.post("/api/projects", new JsonObject().put("key", "RACE").put("name", "Races")).json().getLong("id");
            JsonObject current = TestCaseRepositoryTest.createCase(ada, project, new JsonObject().put("title", "Shared"));
            String path = "/api/cases/" + current.getLong("id");

            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                for (int round = 0; round < ROUNDS; round++) {
                    JsonObject base = current;
                    CyclicBarrier together = new CyclicBarrier(2);
                    String adasTitle = "Ada's title " + round;
                    String tesssTitle = "Tess's title " + round;
                    CompletableFuture<ApiClient.Response> adaSaves = CompletableFuture.supplyAsync(() -> {
                        await(together);
                        return ada.put(path, TestCaseRepositoryTest.edit(base, UUID.randomUUID()).put("title", adasTitle));
                    }, pool);
                    CompletableFuture<ApiClient.Response> tessSaves = CompletableFuture.supplyAsync(() -> {
                        await(together);
                        return tess.put(path, TestCaseRepositoryTest.edit(base, UUID.randomUUID()).put("title", tesssTitle));
                    }, pool);
                    List<ApiClient.Response> answers = List.of(adaSaves.get(), tessSaves.get());

                    assertThat(answers.stream().map(ApiClient.Response::status).sorted().toList()).as("round %d", round).containsExactly(200, 409);
                    ApiClient.Response won = answers.stream().filter(answer -> answer.status() == 200).findFirst().orElseThrow();
                    ApiClient.Response told = answers.stream().filter(answer -> answer.status() == 409).findFirst().orElseThrow();
                    assertThat(told.errorCode()).isEqualTo("edit_conflict");
                    JsonObject asTheWinnerLeftIt = told.json().getJsonObject("error").getJsonObject("current");
                    assertThat(asTheWinnerLeftIt.getString("title")).isEqualTo(won.json().getString("title"));
                    assertThat(asTheWinnerLeftIt.getLong("revision")).isEqualTo(won.json().getLong("revision"));
                    current = ada.get(path).json();
                    assertThat(current.getString("title")).as("the winner's save stands").isEqualTo(won.json().getString("title"));
                    assertThat(current.getLong("revision")).isEqualTo(base.getLong("revision") + 1);
                }
            } finally {
                pool.shutdown();
            }
            assertThat(ada.get(path + "/versions").json().getJsonArray("items")).as("one version per won save, and the first").hasSize(ROUNDS + 1);
        }
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
