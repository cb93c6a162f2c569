-- OAuth 2.0: per-instance client registrations, in-progress flows, per-user tokens, and the history.
-- Every secret column holds SecretBox ciphertext (AES-256-GCM, key outside the database).

ALTER TABLE jira_instances
    ADD COLUMN jira_account_id   TEXT,
    ADD COLUMN jira_account_name TEXT,
    ADD COLUMN granted_scopes    TEXT,
    ADD COLUMN connected_at      TIMESTAMPTZ,
    ADD COLUMN connected_by      BIGINT REFERENCES users (id) ON DELETE SET NULL;

CREATE TABLE oauth_clients (
    instance_id    BIGINT PRIMARY KEY REFERENCES jira_instances (id) ON DELETE CASCADE,
    client_id      TEXT NOT NULL,
    client_secret  TEXT NOT NULL,                 -- encrypted
    generation     INT NOT NULL,                  -- tokens of another generation belong to a replaced client
    configured_by  BIGINT REFERENCES users (id) ON DELETE SET NULL,
    configured_at  TIMESTAMPTZ NOT NULL
);

CREATE TABLE oauth_flows (
    id                       UUID PRIMARY KEY,
    state_hash               BYTEA NOT NULL UNIQUE,     -- SHA-256 of the state sent to Jira
    purpose                  TEXT NOT NULL CHECK (purpose IN ('ADMIN_CONNECT', 'USER_AUTH')),
    instance_id              BIGINT NOT NULL REFERENCES jira_instances (id) ON DELETE CASCADE,
    user_id                  BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    client_id                TEXT NOT NULL,
    client_secret            TEXT,                      -- encrypted candidate secret (ADMIN_CONNECT); NULL: the instance's
    client_generation        INT,                       -- USER_AUTH: the generation the flow was started with
    code_verifier            TEXT,                      -- encrypted PKCE verifier (Data Center)
    redirect_uri             TEXT NOT NULL,
    status                   TEXT NOT NULL CHECK (status IN ('STARTED', 'AWAITING_VERIFICATION', 'DENIED', 'FAILED', 'COMPLETED', 'EXPIRED')),
    failure_reason           TEXT,
    token_set                TEXT,                      -- encrypted tokens waiting for the verification code
    verification_hash        BYTEA UNIQUE,              -- SHA-256 of the verification code
    verification_expires_at  TIMESTAMPTZ,
    verification_attempts    INT NOT NULL DEFAULT 0,
    created_at               TIMESTAMPTZ NOT NULL,
    expires_at               TIMESTAMPTZ NOT NULL,
    callback_at              TIMESTAMPTZ,
    completed_at             TIMESTAMPTZ
);
CREATE INDEX oauth_flows_user_idx ON oauth_flows (user_id, instance_id, status);
CREATE INDEX oauth_flows_pending_idx ON oauth_flows (verification_expires_at) WHERE token_set IS NOT NULL;

CREATE TABLE oauth_tokens (
    instance_id        BIGINT NOT NULL REFERENCES jira_instances (id) ON DELETE CASCADE,
    user_id            BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    client_generation  INT NOT NULL,
    access_token       TEXT NOT NULL,                   -- encrypted
    refresh_token      TEXT,                            -- encrypted
    access_expires_at  TIMESTAMPTZ NOT NULL,
    scopes             TEXT NOT NULL,
    jira_account_id    TEXT NOT NULL,
    jira_account_name  TEXT NOT NULL,
    cloud_id           TEXT,
    status             TEXT NOT NULL CHECK (status IN ('ACTIVE', 'NEEDS_REAUTHENTICATION')),
    version            BIGINT NOT NULL DEFAULT 1,
    granted_at         TIMESTAMPTZ NOT NULL,
    refreshed_at       TIMESTAMPTZ,
    last_used_at       TIMESTAMPTZ,
    PRIMARY KEY (instance_id, user_id)
);

-- Append-only: the application inserts, and deletes only through the retention setting.
-- No foreign keys, so history outlives the users and instances it names.
CREATE TABLE oauth_history (
    id              BIGSERIAL PRIMARY KEY,
    occurred_at     TIMESTAMPTZ NOT NULL,
    instance_id     BIGINT NOT NULL,
    instance_name   TEXT NOT NULL,
    actor_user_id   BIGINT,                              -- NULL: the system (background work)
    actor_name      TEXT NOT NULL,
    event_type      TEXT NOT NULL,
    outcome         TEXT NOT NULL CHECK (outcome IN ('SUCCESS', 'FAILURE')),
    reason          TEXT,
    request_id      TEXT,
    client_address  TEXT
);
CREATE INDEX oauth_history_instance_idx ON oauth_history (instance_id, occurred_at DESC, id DESC);
