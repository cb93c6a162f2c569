-- The integrations list is cached on every node (issue 29). Whatever changes what it shows, on any
-- node and through any code path, is announced on one channel when its transaction commits: the
-- instances themselves, and the OAuth connection as oauth_connection_summaries (oauth's read view
-- for the list) shows it. Statement triggers, so a change of many rows sends one notification, and
-- PostgreSQL folds the same notification sent twice in one transaction into one.
CREATE FUNCTION announce_integrations_list_change() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('testbridge_integrations_list_changes', TG_TABLE_NAME);
    RETURN NULL;
END;
$$;

CREATE TRIGGER jira_instances_announce_change
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON jira_instances
    FOR EACH STATEMENT EXECUTE FUNCTION announce_integrations_list_change();

CREATE TRIGGER oauth_connections_announce_change
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON oauth_connections
    FOR EACH STATEMENT EXECUTE FUNCTION announce_integrations_list_change();
