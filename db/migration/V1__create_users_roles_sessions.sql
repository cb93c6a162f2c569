-- People and rights: users, roles (a set of rights per module), sessions and login throttling.

CREATE TABLE roles (
    id          BIGSERIAL PRIMARY KEY,
    name        TEXT NOT NULL,
    built_in    BOOLEAN NOT NULL DEFAULT false,
    rights      TEXT[] NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX roles_name_key ON roles (lower(name));

INSERT INTO roles (name, built_in, rights) VALUES
    ('Administrator', true, ARRAY['INTEGRATION_VIEW','INTEGRATION_MODIFY','ISSUES_VIEW','ISSUES_CREATE','SUITES_VIEW','SUITES_MODIFY','USERS_MANAGE']),
    ('Tester',        true, ARRAY['ISSUES_VIEW','ISSUES_CREATE','SUITES_VIEW','SUITES_MODIFY']),
    ('Viewer',        true, ARRAY['ISSUES_VIEW','SUITES_VIEW']);

CREATE TABLE users (
    id             BIGSERIAL PRIMARY KEY,
    username       TEXT NOT NULL,
    display_name   TEXT NOT NULL,
    email          TEXT NOT NULL,
    password_hash  TEXT NOT NULL,
    disabled       BOOLEAN NOT NULL DEFAULT false,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_username_key ON users (lower(username));

CREATE TABLE user_roles (
    user_id  BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role_id  BIGINT NOT NULL REFERENCES roles (id) ON DELETE RESTRICT,
    PRIMARY KEY (user_id, role_id)
);
CREATE INDEX user_roles_role_idx ON user_roles (role_id);

-- The cookie holds a random token; only its SHA-256 is stored, so a copy of this table opens no session.
CREATE TABLE sessions (
    token_hash     BYTEA PRIMARY KEY,
    user_id        BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at     TIMESTAMPTZ NOT NULL,
    last_seen_at   TIMESTAMPTZ NOT NULL,
    expires_at     TIMESTAMPTZ NOT NULL,
    client_address TEXT,
    user_agent     TEXT
);
CREATE INDEX sessions_user_idx ON sessions (user_id);
CREATE INDEX sessions_expires_idx ON sessions (expires_at);

-- Failed logins per key ('user:<name>' or 'address:<ip>'), shared by every node.
CREATE TABLE login_throttle (
    key             TEXT PRIMARY KEY,
    failures        INT NOT NULL,
    first_failed_at TIMESTAMPTZ NOT NULL,
    locked_until    TIMESTAMPTZ,
    lock_count      INT NOT NULL DEFAULT 0
);
