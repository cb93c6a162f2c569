-- Automation results imported from CI (issue 27): JUnit, TestNG and Cucumber reports become
-- executions of automated cases in a cycle.

-- An automated case (owned by testcases) is known by its identifier, e.g.
-- "io.testbridge.FooTest#bar" or "Checkout / Pay by card": unique per project, so every import of
-- the same test finds the same case.
ALTER TABLE test_cases ADD COLUMN automation_id TEXT;
CREATE UNIQUE INDEX test_cases_automation_id_key ON test_cases (project_id, automation_id) WHERE automation_id IS NOT NULL;

-- What an automated run recorded on its execution (owned by cycles): the tool's outcome as
-- reported (passed, failed, error, skipped), its duration, the failure's message, type and a
-- bounded part of its stack trace and output, and how it compares with the test's previous run.
ALTER TABLE executions
    ADD COLUMN outcome          TEXT CHECK (outcome IN ('passed', 'failed', 'error', 'skipped')),
    ADD COLUMN duration_ms      BIGINT CHECK (duration_ms >= 0),
    ADD COLUMN failure_type     TEXT,
    ADD COLUMN failure_message  TEXT,
    ADD COLUMN stack_trace      TEXT,
    ADD COLUMN system_out       TEXT,
    ADD COLUMN system_err       TEXT,
    ADD COLUMN trend            TEXT CHECK (trend IN ('NEW_FAILURE', 'STILL_FAILING', 'FIXED')),
    ADD COLUMN previous_execution_id BIGINT REFERENCES executions (id) ON DELETE SET NULL,
    ADD COLUMN import_id        BIGINT;
CREATE INDEX executions_import_idx ON executions (import_id) WHERE import_id IS NOT NULL;

-- A defect carried over from the previous failing run of the same automated case: a known defect.
ALTER TABLE execution_defects ADD COLUMN carried_from BIGINT REFERENCES execution_defects (id) ON DELETE SET NULL;

-- One upload of results (owned by cycles). The idempotency key makes a re-sent upload answer what
-- the first did instead of recording its results twice; the body's SHA-256 tells a re-sent upload
-- from a different one under the same key.
CREATE TABLE result_imports (
    id               BIGSERIAL PRIMARY KEY,
    project_id       BIGINT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    cycle_id         BIGINT REFERENCES test_cycles (id) ON DELETE SET NULL,
    idempotency_key  TEXT,
    body_sha256      TEXT NOT NULL,
    answer           JSONB NOT NULL,
    imported_by      BIGINT REFERENCES users (id) ON DELETE SET NULL,
    imported_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX result_imports_key ON result_imports (project_id, idempotency_key) WHERE idempotency_key IS NOT NULL;

ALTER TABLE executions ADD CONSTRAINT executions_import_fk FOREIGN KEY (import_id) REFERENCES result_imports (id) ON DELETE SET NULL;
