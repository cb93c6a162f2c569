-- Test cycles and their execution (owned by the cycles module): a cycle runs cases of a project
-- against a build and an environment, each case pinned to the version it had when added; each run
-- of a case is an attempt with a result per step; defects (Jira issues) and evidence (attachments)
-- hang off attempts and steps.

-- A version a cycle runs is pinned: its content never changes again (an editing session that made
-- it starts a new version instead of refining it). Owned by testcases, set through its door.
ALTER TABLE test_case_versions ADD COLUMN pinned BOOLEAN NOT NULL DEFAULT false;

CREATE TABLE test_cycles (
    id             BIGSERIAL PRIMARY KEY,
    project_id     BIGINT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    name           TEXT NOT NULL,
    description    TEXT NOT NULL DEFAULT '',
    build          TEXT NOT NULL DEFAULT '',
    environment    TEXT NOT NULL DEFAULT '',
    planned_start  DATE,
    planned_end    DATE,
    copied_from    BIGINT REFERENCES test_cycles (id) ON DELETE SET NULL,
    created_by     BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX test_cycles_project_idx ON test_cycles (project_id, created_at DESC);

-- A case in a cycle; its status is that of its latest attempt (kept here for fast progress counts).
CREATE TABLE cycle_cases (
    id            BIGSERIAL PRIMARY KEY,
    cycle_id      BIGINT NOT NULL REFERENCES test_cycles (id) ON DELETE CASCADE,
    case_id       BIGINT NOT NULL REFERENCES test_cases (id) ON DELETE RESTRICT,  -- a case that ran is never destroyed
    case_key      TEXT NOT NULL,
    case_title    TEXT NOT NULL,                 -- as of the pinned version
    case_version  INT NOT NULL,                  -- the version the latest attempt runs
    step_count    INT NOT NULL,
    position      INT NOT NULL,
    assignee_id   BIGINT REFERENCES users (id) ON DELETE SET NULL,
    status        TEXT NOT NULL DEFAULT 'NOT_RUN'
                  CHECK (status IN ('NOT_RUN', 'IN_PROGRESS', 'PASS', 'FAIL', 'BLOCKED', 'NA')),
    attempts      INT NOT NULL DEFAULT 1,
    UNIQUE (cycle_id, case_id)
);
CREATE INDEX cycle_cases_cycle_idx ON cycle_cases (cycle_id, position);
CREATE INDEX cycle_cases_case_idx ON cycle_cases (case_id);

-- One attempt at a case in a cycle; re-runs add attempts and keep the earlier ones.
CREATE TABLE executions (
    id                  BIGSERIAL PRIMARY KEY,
    cycle_case_id       BIGINT NOT NULL REFERENCES cycle_cases (id) ON DELETE CASCADE,
    attempt             INT NOT NULL,
    case_version        INT NOT NULL,
    status              TEXT NOT NULL DEFAULT 'NOT_RUN'
                        CHECK (status IN ('NOT_RUN', 'IN_PROGRESS', 'PASS', 'FAIL', 'BLOCKED', 'NA')),
    status_set_by_hand  BOOLEAN NOT NULL DEFAULT false,
    started_at          TIMESTAMPTZ,
    finished_at         TIMESTAMPTZ,
    executed_by         BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (cycle_case_id, attempt)
);

CREATE TABLE step_results (
    execution_id  BIGINT NOT NULL REFERENCES executions (id) ON DELETE CASCADE,
    step_id       UUID NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('NOT_RUN', 'PASS', 'FAIL', 'BLOCKED', 'NA')),
    actual        TEXT NOT NULL DEFAULT '',
    comment       TEXT NOT NULL DEFAULT '',
    updated_by    BIGINT REFERENCES users (id) ON DELETE SET NULL,
    updated_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (execution_id, step_id)
);

-- Jira issues raised from (or linked to) an attempt, with their last known status.
CREATE TABLE execution_defects (
    id            BIGSERIAL PRIMARY KEY,
    execution_id  BIGINT NOT NULL REFERENCES executions (id) ON DELETE CASCADE,
    step_id       UUID,
    instance_id   BIGINT NOT NULL REFERENCES jira_instances (id) ON DELETE CASCADE,
    jira_key      TEXT NOT NULL,
    jira_id       TEXT,
    summary       TEXT,
    status        TEXT,
    assignee      TEXT,
    not_found     BOOLEAN NOT NULL DEFAULT false,
    checked_at    TIMESTAMPTZ,
    linked_by     BIGINT REFERENCES users (id) ON DELETE SET NULL,
    linked_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (execution_id, instance_id, jira_key)
);

-- Evidence attached to a step result: kept in the database (backed up with everything else).
CREATE TABLE step_attachments (
    id            BIGSERIAL PRIMARY KEY,
    execution_id  BIGINT NOT NULL REFERENCES executions (id) ON DELETE CASCADE,
    step_id       UUID NOT NULL,
    filename      TEXT NOT NULL,
    content_type  TEXT NOT NULL,                 -- as sniffed from the bytes, never as the uploader said
    size          INT NOT NULL,
    data          BYTEA NOT NULL,
    uploaded_by   BIGINT REFERENCES users (id) ON DELETE SET NULL,
    uploaded_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX step_attachments_execution_idx ON step_attachments (execution_id, step_id);

-- Evidence copied to a defect in Jira: a row claims the file for the defect while it is being sent
-- (jira_attachment_id still null), so two clicks never attach it twice.
CREATE TABLE defect_evidence (
    defect_id           BIGINT NOT NULL REFERENCES execution_defects (id) ON DELETE CASCADE,
    attachment_id       BIGINT NOT NULL REFERENCES step_attachments (id) ON DELETE CASCADE,
    jira_attachment_id  TEXT,
    claimed_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (defect_id, attachment_id)
);

UPDATE roles SET rights = array_cat(rights, ARRAY['CYCLES_VIEW', 'CYCLES_MODIFY', 'CYCLES_EXECUTE']) WHERE built_in AND name IN ('Administrator', 'Tester');
UPDATE roles SET rights = array_cat(rights, ARRAY['CYCLES_VIEW']) WHERE built_in AND name = 'Viewer';
