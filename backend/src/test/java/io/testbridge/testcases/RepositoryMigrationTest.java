package io.testbridge.testcases;

import io.testbridge.config.DatabaseUrl;
import io.testbridge.testing.ApiClient;
import io.testbridge.testing.Fixtures;
import io.testbridge.testing.RunningApp;
import io.testbridge.testing.Sql;
import io.testbridge.testing.TestDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Suites' cases from before the repository (a title and lines of text) become repository cases, without loss. */
class RepositoryMigrationTest {

    @Test
    void the_cases_suites_held_become_versioned_cases_in_their_suites_in_the_same_order() {
        DatabaseUrl database = TestDatabase.freshDatabase();
        Flyway.configure().dataSource("jdbc:postgresql://" + database.host() + ":" + database.port() + "/" + database.database(),
                database.user(), database.password()).locations("classpath:db/migration").target("5").load().migrate();
        Sql sql = new Sql(database);
        sql.execute("""
                INSERT INTO projects (id, key, name) VALUES (1, 'SHOP', 'Shop'), (2, 'HR', 'People');
                INSERT INTO suites (id, project_id, name) VALUES (10, 1, 'Checkout'), (11, 1, 'Search'), (20, 2, 'Onboarding');
                INSERT INTO test_cases (id, suite_id, title, steps) VALUES
                    (100, 10, 'Pay by card', E'Add an item\\n\\nPay by card\\r\\nSee the receipt'),
                    (101, 11, 'Find a shoe', 'Type shoe'),
                    (102, 10, 'Pay with a voucher', ''),
                    (103, 20, 'Sign the contract', 'Open the contract');
                """);
        try (RunningApp app = RunningApp.start(database, Map.of())) {
            ApiClient admin = Fixtures.adminClient(app);
            JsonObject checkout = admin.get("/api/suites/10").json();
            assertThat(titles(checkout.getJsonArray("cases"))).containsExactly("Pay by card", "Pay with a voucher");
            assertThat(keys(checkout.getJsonArray("cases"))).containsExactly("SHOP-TC-1", "SHOP-TC-3");
            assertThat(keys(admin.get("/api/suites/11").json().getJsonArray("cases"))).containsExactly("SHOP-TC-2");
            assertThat(keys(admin.get("/api/suites/20").json().getJsonArray("cases"))).as("numbered per project").containsExactly("HR-TC-1");

            JsonObject card = admin.get("/api/cases/" + checkout.getJsonArray("cases").getJsonObject(0).getLong("id")).json();
            assertThat(card.getJsonArray("steps").stream().map(s -> ((JsonObject) s).getString("action")).toList())
                    .as("one step per line, blank lines dropped").containsExactly("Add an item", "Pay by card", "See the receipt");
            assertThat(card.getString("status")).isEqualTo("READY");
            assertThat(admin.get("/api/cases/" + card.getLong("id") + "/versions").json().getJsonArray("items").getJsonObject(0)
                    .getJsonArray("changes").getList()).containsExactly("created");
            assertThat(admin.post("/api/projects/1/cases", new JsonObject().put("title", "New")).json().getString("key"))
                    .as("the next key follows the migrated ones").isEqualTo("SHOP-TC-4");
            assertThat(sql.column("SELECT count(*) FROM information_schema.tables WHERE table_name = 'suite_cases_v4'")).containsExactly("0");
        }
    }

    private static List<String> titles(JsonArray cases) {
        return cases.stream().map(c -> ((JsonObject) c).getString("title")).toList();
    }

    private static List<String> keys(JsonArray cases) {
        return cases.stream().map(c -> ((JsonObject) c).getString("key")).toList();
    }
}
