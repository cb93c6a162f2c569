-- The test-case repository (owned by the testcases module): per project, folders and versioned
-- cases with structured steps; suites become ordered collections of cases. Suites and their Jira
-- links move from testmgmt to testcases with the cases they collect; their rows stay as they are.
-- The cases suites held (a title and lines of text) become repository cases, one step per line,
-- in their suite's project, and stay in their suite in the same order.

ALTER TABLE test_cases RENAME TO suite_cases_v4;

CREATE TABLE case_folders (
    id          BIGSERIAL PRIMARY KEY,
    project_id  BIGINT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    parent_id   BIGINT REFERENCES case_folders (id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
-- sibling folders have distinct names, whatever their case
CREATE UNIQUE INDEX case_folders_sibling_name_key ON case_folders (project_id, COALESCE(parent_id, 0), lower(name));

-- the last key number given out per project: keys are never reused
CREATE TABLE case_counters (
    project_id   BIGINT PRIMARY KEY REFERENCES projects (id) ON DELETE CASCADE,
    last_number  INT NOT NULL
);

CREATE TABLE test_cases (
    id                BIGSERIAL PRIMARY KEY,
    project_id        BIGINT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    number            INT NOT NULL,                  -- the key is <project key>-TC-<number>
    folder_id         BIGINT REFERENCES case_folders (id) ON DELETE SET NULL,
    title             TEXT NOT NULL,
    precondition      TEXT NOT NULL DEFAULT '',
    steps             JSONB NOT NULL DEFAULT '[]',   -- [{id (uuid), action, data, expected}], in order
    priority          TEXT NOT NULL DEFAULT 'MEDIUM' CHECK (priority IN ('CRITICAL', 'HIGH', 'MEDIUM', 'LOW')),
    status            TEXT NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT', 'READY', 'DEPRECATED')),
    labels            TEXT[] NOT NULL DEFAULT '{}',
    components        TEXT[] NOT NULL DEFAULT '{}',
    owner_id          BIGINT REFERENCES users (id) ON DELETE SET NULL,
    estimate_minutes  INT CHECK (estimate_minutes >= 0),
    archived_at       TIMESTAMPTZ,
    version           INT NOT NULL DEFAULT 1,        -- the history's newest version
    revision          BIGINT NOT NULL DEFAULT 1,     -- bumped by every save: what concurrent editors compare
    created_by        BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_by        BIGINT REFERENCES users (id) ON DELETE SET NULL,
    updated_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- words of the title, precondition and steps, for the list's text search
    search            TSVECTOR GENERATED ALWAYS AS (
                          to_tsvector('simple', title || ' ' || precondition)
                          || jsonb_to_tsvector('simple', steps, '["string"]')) STORED,
    UNIQUE (project_id, number)
);
CREATE INDEX test_cases_list_idx ON test_cases (project_id, number) WHERE archived_at IS NULL;
CREATE INDEX test_cases_folder_idx ON test_cases (folder_id);
CREATE INDEX test_cases_search_idx ON test_cases USING GIN (search);
CREATE INDEX test_cases_labels_idx ON test_cases USING GIN (labels);

-- every version of every case as it was; an edit session by one person refines its own version
CREATE TABLE test_case_versions (
    case_id       BIGINT NOT NULL REFERENCES test_cases (id) ON DELETE CASCADE,
    version       INT NOT NULL,
    snapshot      JSONB NOT NULL,                    -- the case's content at this version
    changes       TEXT[] NOT NULL,                   -- the fields this version changed from the one before
    edit_session  UUID,
    author_id     BIGINT REFERENCES users (id) ON DELETE SET NULL,
    author_name   TEXT NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    saved_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (case_id, version)
);

CREATE TABLE suite_cases (
    suite_id   BIGINT NOT NULL REFERENCES suites (id) ON DELETE CASCADE,
    case_id    BIGINT NOT NULL REFERENCES test_cases (id) ON DELETE CASCADE,
    position   INT NOT NULL,
    added_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (suite_id, case_id)
);
CREATE INDEX suite_cases_case_idx ON suite_cases (case_id);

-- The suites' cases, migrated: numbered per project in the order they were created.
CREATE TEMPORARY TABLE migrated_cases AS
SELECT c.id AS old_id, s.project_id, c.suite_id, c.title, c.steps, c.created_at,
       row_number() OVER (PARTITION BY s.project_id ORDER BY c.id) AS number,
       row_number() OVER (PARTITION BY c.suite_id ORDER BY c.id) AS position
  FROM suite_cases_v4 c JOIN suites s ON s.id = c.suite_id;

ALTER TABLE migrated_cases ADD COLUMN new_id BIGINT;

WITH inserted AS (
    INSERT INTO test_cases (project_id, number, title, steps, status, created_at, updated_at)
    SELECT m.project_id, m.number, m.title,
           COALESCE((SELECT jsonb_agg(jsonb_build_object('id', gen_random_uuid(), 'action', line, 'data', '', 'expected', '')
                                      ORDER BY ordinality)
                       FROM regexp_split_to_table(m.steps, E'\r?\n') WITH ORDINALITY AS lines (line, ordinality)
                      WHERE btrim(line) <> ''), '[]'::jsonb),
           'READY', m.created_at, m.created_at
      FROM migrated_cases m
    RETURNING id, project_id, number)
UPDATE migrated_cases m SET new_id = i.id FROM inserted i WHERE i.project_id = m.project_id AND i.number = m.number;

INSERT INTO suite_cases (suite_id, case_id, position, added_at)
SELECT suite_id, new_id, position, created_at FROM migrated_cases;

INSERT INTO case_counters (project_id, last_number)
SELECT project_id, max(number) FROM migrated_cases GROUP BY project_id;

INSERT INTO test_case_versions (case_id, version, snapshot, changes, author_name, created_at, saved_at)
SELECT c.id, 1,
       jsonb_build_object('title', c.title, 'precondition', c.precondition, 'steps', c.steps, 'priority', c.priority,
                          'status', c.status, 'labels', to_jsonb(c.labels), 'components', to_jsonb(c.components),
                          'ownerId', c.owner_id, 'estimateMinutes', c.estimate_minutes, 'folderId', c.folder_id),
       ARRAY['created'], 'migration', c.created_at, c.created_at
  FROM test_cases c;

DROP TABLE migrated_cases;
DROP TABLE suite_cases_v4;

-- The repository's rights: Administrators and Testers view and modify cases, Viewers view them.
UPDATE roles SET rights = array_cat(rights, ARRAY['CASES_VIEW', 'CASES_MODIFY']) WHERE built_in AND name IN ('Administrator', 'Tester');
UPDATE roles SET rights = array_cat(rights, ARRAY['CASES_VIEW']) WHERE built_in AND name = 'Viewer';
