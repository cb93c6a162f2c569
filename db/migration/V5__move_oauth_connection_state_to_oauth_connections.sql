-- One owner per table: an instance's OAuth connection (is OAuth on, as whom is it connected) belongs
-- to the oauth module, so it moves out of jira_instances (owned by integrations) into a table of its
-- own. The integrations list shows it through oauth_connection_summaries, the read view oauth
-- defines for others; nothing but oauth writes oauth_connections.

CREATE TABLE oauth_connections (
    instance_id        BIGINT PRIMARY KEY REFERENCES jira_instances (id) ON DELETE CASCADE,
    enabled            BOOLEAN NOT NULL DEFAULT false,
    state              TEXT NOT NULL DEFAULT 'NOT_CONNECTED'
                       CHECK (state IN ('NOT_CONNECTED', 'CONNECTED', 'NEEDS_REAUTHENTICATION')),
    jira_account_id    TEXT,
    jira_account_name  TEXT,
    granted_scopes     TEXT,
    connected_at       TIMESTAMPTZ,
    connected_by       BIGINT REFERENCES users (id) ON DELETE SET NULL,
    updated_at         TIMESTAMPTZ NOT NULL DEFAULT now()
);

INSERT INTO oauth_connections (instance_id, enabled, state, jira_account_id, jira_account_name, granted_scopes, connected_at, connected_by)
SELECT id, oauth_enabled, connection_state, jira_account_id, jira_account_name, granted_scopes, connected_at, connected_by
  FROM jira_instances
 WHERE oauth_enabled OR connection_state <> 'NOT_CONNECTED';

ALTER TABLE jira_instances
    DROP COLUMN oauth_enabled,
    DROP COLUMN connection_state,
    DROP COLUMN jira_account_id,
    DROP COLUMN jira_account_name,
    DROP COLUMN granted_scopes,
    DROP COLUMN connected_at,
    DROP COLUMN connected_by;

-- What other modules may read of an instance's connection (never a secret: those are in
-- oauth_clients and oauth_tokens, which only oauth reads).
CREATE VIEW oauth_connection_summaries AS
SELECT instance_id, enabled, state, jira_account_name, granted_scopes, connected_at
  FROM oauth_connections;
