package io.testbridge.jirasim;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.Set;

/** Jira Data Center REST v2 with OAuth 2.0 permissions READ < WRITE < ADMIN < SYSTEM_ADMIN. */
final class DcDialect implements RestDialect {

    @Override
    public boolean isCloud() {
        return false;
    }

    @Override
    public boolean grants(Set<String> scopes, Need need) {
        DcScope required = need == Need.WRITE_WORK ? DcScope.WRITE : DcScope.READ;
        return scopes.stream().filter(DcScope::isKnown).map(DcScope::parse).anyMatch(s -> s.includes(required));
    }

    @Override
    public void rejectMissingScope(RoutingContext ctx) {
        Responses.jiraError(ctx, 403, "The OAuth 2.0 token's scope does not allow this request.");
    }

    @Override
    public JsonObject user(SimUser user, String restBase) {
        return new JsonObject().put("self", restBase + "/user?username=" + Responses.encode(user.username()))
                .put("key", user.key()).put("name", user.username()).put("emailAddress", user.emailAddress())
                .put("displayName", user.displayName()).put("active", true).put("timeZone", "Etc/UTC")
                .put("locale", "en_US");
    }

    @Override
    public Object renderRichText(Object stored) {
        return stored == null ? null : Adf.plainText(stored);
    }

    @Override
    public String richTextProblem(Object value) {
        return value == null || value instanceof String ? null : "Operation value must be a string";
    }

    @Override
    public Optional<SimUser> findUser(JsonObject reference, SimulatorState state) {
        String name = reference.getString("name", reference.getString("key"));
        return name == null ? Optional.empty()
                : state.users().stream().filter(u -> u.username().equalsIgnoreCase(name)).findFirst();
    }
}
