package io.testbridge.jirasim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The JQL subset against the sample data, without HTTP. */
class JqlParserTest {

    private JiraData data;

    @BeforeEach
    void seed() {
        data = new JiraData();
        SampleData.seed(data, Instant.parse("2025-01-01T00:00:00Z"), List.of());
    }

    @Test
    void order_by_created_desc_puts_the_newest_first() throws JqlException {
        assertThat(keys("project = TB ORDER BY created DESC")).startsWith("TB-7", "TB-6").endsWith("TB-1");
    }

    @Test
    void clauses_are_anded_and_projects_match_by_key_or_name_case_insensitively() throws JqlException {
        assertThat(keys("project in (tb, \"Operations\") AND text ~ 'disk'")).containsExactly("OPS-2");
        assertThat(keys("issuekey in (OPS-1, TB-1) order by key asc")).containsExactly("OPS-1", "TB-1");
    }

    @Test
    void default_order_is_creation_order() throws JqlException {
        assertThat(keys("project = OPS")).containsExactly("OPS-1", "OPS-2");
    }

    @Test
    void unsupported_constructs_are_refused_not_ignored() {
        assertThatThrownBy(() -> keys("project = TB OR key = TB-1")).isInstanceOf(JqlException.class)
                .hasMessageContaining("only AND");
        assertThatThrownBy(() -> keys("key != TB-1")).isInstanceOf(JqlException.class);
        assertThatThrownBy(() -> keys("key = foo")).hasMessage("The issue key 'foo' for field 'key' is invalid.");
        assertThatThrownBy(() -> keys("project = TB ORDER BY priority")).isInstanceOf(JqlException.class);
        assertThatThrownBy(() -> keys("project = ")).isInstanceOf(JqlException.class);
        assertThatThrownBy(() -> keys("summary ~ \"\"")).isInstanceOf(JqlException.class);
    }

    @Test
    void deleted_issues_are_not_found() throws JqlException {
        data.deleteIssue("TB-3");

        assertThat(keys("project = TB")).doesNotContain("TB-3").hasSize(6);
    }

    private List<String> keys(String jql) throws JqlException {
        return JqlParser.parse(jql, data).run(data).stream().map(issue -> issue.key).toList();
    }
}
