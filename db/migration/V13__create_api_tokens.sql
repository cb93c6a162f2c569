-- Personal API tokens for automation (CI sends them as Authorization: Bearer). A token reads
-- tb_<public_id>_<secret>; only the SHA-256 of the whole token is stored, so a copy of this table
-- authenticates nobody. public_id is not secret: it finds the row and names the token in lists.
-- A revoked token keeps its row (so a request with it is told "revoked", not "unknown") until the
-- purge removes tokens that ended long ago.
CREATE TABLE api_tokens (
    id            BIGSERIAL PRIMARY KEY,
    public_id     TEXT NOT NULL UNIQUE CHECK (public_id ~ '^[a-z0-9]{10}$'),
    secret_hash   BYTEA NOT NULL CHECK (octet_length(secret_hash) = 32),
    user_id       BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name          TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    scopes        TEXT[] NOT NULL CHECK (cardinality(scopes) > 0),
    created_at    TIMESTAMPTZ NOT NULL,
    expires_at    TIMESTAMPTZ NOT NULL,
    last_used_at  TIMESTAMPTZ,
    revoked_at    TIMESTAMPTZ,
    revoked_by    BIGINT REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX api_tokens_user_idx ON api_tokens (user_id, created_at DESC);
