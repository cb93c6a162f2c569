package io.testbridge.db;

import io.testbridge.config.DatabaseUrl;
import io.testbridge.testing.Sql;
import io.testbridge.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** A start on a current schema skips Flyway; anything else (a migration missing, one that failed) still goes to it. */
class MigrationsTest {

    @Test
    void the_schema_history_decides_whether_flyway_has_anything_to_do() {
        DatabaseUrl url = TestDatabase.freshDatabase();
        Sql sql = new Sql(url);
        Migrations migrations = Migrations.prepare(Duration.ofSeconds(5));
        assertThat(migrations.isCurrent(url)).as("an empty database").isFalse();

        migrations.migrate(url);
        assertThat(migrations.isCurrent(url)).isTrue();

        // the newest migration undone, as on a database of the previous release: Flyway applies it again
        sql.execute("ALTER TABLE executions DROP COLUMN import_id, DROP COLUMN outcome, DROP COLUMN duration_ms, DROP COLUMN failure_type, "
                + "DROP COLUMN failure_message, DROP COLUMN stack_trace, DROP COLUMN system_out, DROP COLUMN system_err, DROP COLUMN trend, "
                + "DROP COLUMN previous_execution_id");
        sql.execute("DROP TABLE result_imports");
        sql.execute("ALTER TABLE execution_defects DROP COLUMN carried_from");
        sql.execute("ALTER TABLE test_cases DROP COLUMN automation_id");
        sql.execute("DELETE FROM flyway_schema_history WHERE version = '14'");
        assertThat(migrations.isCurrent(url)).isFalse();
        migrations.migrate(url);
        assertThat(migrations.isCurrent(url)).isTrue();
        assertThat(sql.count("SELECT count(*) FROM information_schema.columns WHERE table_name = 'test_cases' AND column_name = 'automation_id'"))
                .isEqualTo(1);

        // a migration recorded as failed is Flyway's to explain
        sql.execute("UPDATE flyway_schema_history SET success = false WHERE version = '14'");
        assertThat(migrations.isCurrent(url)).isFalse();
    }

    @Test
    void the_build_knows_its_migrations_by_the_names_flyway_records() throws IOException {
        Path folder = Path.of("..", "db", "migration");
        Set<String> files;
        try (Stream<Path> listed = Files.list(folder)) {
            files = listed.map(file -> file.getFileName().toString()).collect(Collectors.toSet());
        }
        assertThat(Migrations.knownScripts()).isNotEmpty().isEqualTo(files);
    }
}
