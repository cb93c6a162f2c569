package io.testbridge.jirasim;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.Set;

/** What differs between Cloud REST v3 and Data Center REST v2 for the same resource. */
interface RestDialect {

    /** What an operation needs from the token's scopes. */
    enum Need { READ_WORK, READ_USER, WRITE_WORK }

    boolean isCloud();

    boolean grants(Set<String> scopes, Need need);

    void rejectMissingScope(RoutingContext ctx);

    JsonObject user(SimUser user, String restBase);

    /** Cloud v3 renders rich text (description, environment, multi-line custom fields) as ADF, DC v2 as plain/wiki text. */
    Object renderRichText(Object stored);

    /** The error Jira gives for a rich-text field value of the wrong kind, or null if it is acceptable. */
    String richTextProblem(Object value);

    /** Resolves a user reference in a request body: {"accountId":…} on Cloud, {"name":…} on DC. */
    Optional<SimUser> findUser(JsonObject reference, SimulatorState state);
}
