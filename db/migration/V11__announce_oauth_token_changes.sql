-- Every node keeps its users' decrypted access tokens in memory until they expire (issue 29), so a
-- warm Jira call reads nothing from the database. Whatever could make a kept token wrong is
-- announced on one channel when its transaction commits, whichever node or code path made it:
-- a user's token replaced, marked for re-authentication or deleted (a row trigger; the payload is
-- "<instance id>:<user id>"), and any change to the OAuth clients or connections ("*": every kept
-- token goes). Writing last_used_at alone changes nothing kept, so it announces nothing.
CREATE FUNCTION announce_oauth_token_change() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF TG_LEVEL = 'ROW' THEN
        PERFORM pg_notify('testbridge_oauth_token_changes', OLD.instance_id || ':' || OLD.user_id);
    ELSE
        PERFORM pg_notify('testbridge_oauth_token_changes', '*');
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER oauth_tokens_announce_change
    AFTER UPDATE ON oauth_tokens
    FOR EACH ROW
    WHEN ((OLD.access_token, OLD.access_expires_at, OLD.status, OLD.version, OLD.client_generation, OLD.cloud_id, OLD.instance_id, OLD.user_id)
          IS DISTINCT FROM
          (NEW.access_token, NEW.access_expires_at, NEW.status, NEW.version, NEW.client_generation, NEW.cloud_id, NEW.instance_id, NEW.user_id))
    EXECUTE FUNCTION announce_oauth_token_change();

CREATE TRIGGER oauth_tokens_announce_removal
    AFTER DELETE ON oauth_tokens
    FOR EACH ROW EXECUTE FUNCTION announce_oauth_token_change();

CREATE TRIGGER oauth_tokens_announce_truncate
    AFTER TRUNCATE ON oauth_tokens
    FOR EACH STATEMENT EXECUTE FUNCTION announce_oauth_token_change();

CREATE TRIGGER oauth_clients_announce_token_change
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON oauth_clients
    FOR EACH STATEMENT EXECUTE FUNCTION announce_oauth_token_change();

CREATE TRIGGER oauth_connections_announce_token_change
    AFTER UPDATE OR DELETE OR TRUNCATE ON oauth_connections
    FOR EACH STATEMENT EXECUTE FUNCTION announce_oauth_token_change();
