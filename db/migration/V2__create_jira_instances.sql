-- Registered Jira instances (Cloud sites and Data Center servers) and what checking them found.

CREATE TABLE jira_instances (
    id                  BIGSERIAL PRIMARY KEY,
    name                TEXT NOT NULL,
    base_url            TEXT NOT NULL,       -- normalised: scheme://host[:port][/path], no trailing slash
    deployment          TEXT NOT NULL CHECK (deployment IN ('CLOUD', 'DATA_CENTER')),
    cloud_id            TEXT,                -- Cloud: from {site}/_edge/tenant_info
    server_version      TEXT,                -- Data Center: from /rest/api/2/serverInfo
    server_title        TEXT,
    oauth_refusal       TEXT,                -- why OAuth 2.0 cannot be enabled (Data Center before 8.22)
    reachable           BOOLEAN,             -- NULL until first checked
    unreachable_reason  TEXT,
    checked_at          TIMESTAMPTZ,
    oauth_enabled       BOOLEAN NOT NULL DEFAULT false,
    connection_state    TEXT NOT NULL DEFAULT 'NOT_CONNECTED'
                        CHECK (connection_state IN ('NOT_CONNECTED', 'CONNECTED', 'NEEDS_REAUTHENTICATION')),
    created_by          BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at          TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX jira_instances_base_url_key ON jira_instances (base_url);
CREATE INDEX jira_instances_name_idx ON jira_instances (lower(name), id);

-- Periodic background work claims its period here, so it runs once per period across all nodes.
CREATE TABLE job_runs (
    job          TEXT PRIMARY KEY,
    last_run_at  TIMESTAMPTZ NOT NULL
);
