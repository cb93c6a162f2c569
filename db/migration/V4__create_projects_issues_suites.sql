-- The test-management domain: projects, local issues (defects) pushed to Jira, test suites with
-- test cases and the Jira issues linked to them.

CREATE TABLE projects (
    id                     BIGSERIAL PRIMARY KEY,
    key                    TEXT NOT NULL,
    name                   TEXT NOT NULL,
    default_instance_id    BIGINT REFERENCES jira_instances (id) ON DELETE SET NULL,
    default_jira_project   TEXT,
    created_at             TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX projects_key_key ON projects (upper(key));

-- A local issue keeps everything the tester typed, whatever Jira answers, so it can be retried.
CREATE TABLE issues (
    id                 BIGSERIAL PRIMARY KEY,
    project_id         BIGINT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    instance_id        BIGINT NOT NULL REFERENCES jira_instances (id) ON DELETE RESTRICT,
    jira_project       TEXT NOT NULL,
    issue_type_id      TEXT NOT NULL,
    issue_type_name    TEXT,
    summary            TEXT NOT NULL,
    description        TEXT NOT NULL DEFAULT '',
    fields             JSONB NOT NULL DEFAULT '{}',
    marker             TEXT NOT NULL UNIQUE,       -- written into the Jira issue, so a retry finds it instead of duplicating it
    state              TEXT NOT NULL CHECK (state IN ('DRAFT', 'CREATED', 'FAILED', 'UNKNOWN')),
    last_error         JSONB,
    jira_id            TEXT,
    jira_key           TEXT,
    jira_url           TEXT,
    jira_status        TEXT,
    jira_checked_at    TIMESTAMPTZ,
    created_by         BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at         TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX issues_project_idx ON issues (project_id, created_at DESC);

CREATE TABLE suites (
    id           BIGSERIAL PRIMARY KEY,
    project_id   BIGINT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    description  TEXT NOT NULL DEFAULT '',
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX suites_project_idx ON suites (project_id, lower(name));

CREATE TABLE test_cases (
    id          BIGSERIAL PRIMARY KEY,
    suite_id    BIGINT NOT NULL REFERENCES suites (id) ON DELETE CASCADE,
    title       TEXT NOT NULL,
    steps       TEXT NOT NULL DEFAULT '',
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX test_cases_suite_idx ON test_cases (suite_id, id);

CREATE TABLE suite_links (
    suite_id      BIGINT NOT NULL REFERENCES suites (id) ON DELETE CASCADE,
    instance_id   BIGINT NOT NULL REFERENCES jira_instances (id) ON DELETE CASCADE,
    jira_key      TEXT NOT NULL,
    jira_id       TEXT,
    summary       TEXT,
    status        TEXT,
    assignee      TEXT,
    issue_type    TEXT,
    not_found     BOOLEAN NOT NULL DEFAULT false,
    checked_at    TIMESTAMPTZ,
    linked_by     BIGINT REFERENCES users (id) ON DELETE SET NULL,
    linked_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (suite_id, instance_id, jira_key)
);
