-- Every backup Testbridge took or served: by the daily schedule, by an administrator's
-- "Back up now", or downloaded from the System page. A row is written when the backup has
-- ended (a backup in progress is its node's state), so no backup contains a row about itself.
CREATE TABLE backup_runs (
    id           BIGSERIAL PRIMARY KEY,
    kind         TEXT NOT NULL CHECK (kind IN ('SCHEDULED', 'MANUAL', 'DOWNLOAD')),
    started_at   TIMESTAMPTZ NOT NULL,
    finished_at  TIMESTAMPTZ NOT NULL,
    succeeded    BOOLEAN NOT NULL,
    file         TEXT,
    bytes        BIGINT,
    rows_total   BIGINT,
    message      TEXT,
    started_by   BIGINT REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX backup_runs_kind_started_idx ON backup_runs (kind, started_at DESC);
