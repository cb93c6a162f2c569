package io.testbridge.integrations;

import io.testbridge.bus.Door;
import io.testbridge.bus.EventAddresses;
import io.testbridge.jira.Deployment;
import io.testbridge.shared.Actor;
import io.testbridge.shared.EncodedJson;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * The integrations module's door: registered Jira instances, identified and kept checked. It owns
 * the table jira_instances; every change is recorded in the OAuth history in the same transaction.
 */
@Door(value = EventAddresses.INTEGRATIONS, timeoutSeconds = 60)
public interface Integrations {
    /** One page of the instances whose URL or name contains {@code filter} (case-insensitive), by name, ready to send. */
    Future<EncodedJson> list(String filter, int page, int pageSize);

    /** The instance, or a not-found failure. */
    Future<JiraInstance> get(long id);

    /** Those of these instances that exist, by name. */
    Future<List<JiraInstance>> getAll(List<Long> ids);

    /** Validates, identifies (probing the URL) and stores a new instance; an unreachable one is stored and marked so. */
    Future<JiraInstance> create(String name, String baseUrl, Deployment deployment, Actor actor);

    /** Renames, or moves to another URL or type (re-identifying it); the OAuth connection must be off for a move. */
    Future<JiraInstance> update(long id, JsonObject patch, Actor actor);

    Future<Void> delete(long id, Actor actor);

    /** Checks one instance now: reachability, and what it is (version, cloud id). */
    Future<JiraInstance> check(long id);

    /**
     * The version of a Data Center instance registered while its serverInfo needed a login, read with
     * the first connection's access token; below 8.22 OAuth is flagged unavailable as at registration.
     * Recorded in the history; an instance whose version is known is left as it is.
     */
    Future<JiraInstance> confirmVersion(long id, String accessToken, Actor actor);

    /** The cloud id a grant revealed, for an instance registered before its site could be identified. */
    Future<Void> learnCloudId(long id, String cloudId);

    /**
     * Another module committed a change that the list shows (an OAuth connection): this node answers
     * it from the database again at once. Other nodes hear of it from PostgreSQL.
     */
    Future<Void> listChanged();

    /** How many instances there are, and how many have OAuth on (for the System page). */
    Future<JsonObject> counts();
}
