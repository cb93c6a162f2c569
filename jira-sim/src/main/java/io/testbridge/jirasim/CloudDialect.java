package io.testbridge.jirasim;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.Set;

/** Jira Cloud REST v3 behind api.atlassian.com. */
final class CloudDialect implements RestDialect {

    private final ScopeMismatchAnswer scopeMismatch;

    CloudDialect(ScopeMismatchAnswer scopeMismatch) {
        this.scopeMismatch = scopeMismatch;
    }

    @Override
    public boolean isCloud() {
        return true;
    }

    @Override
    public boolean grants(Set<String> scopes, Need need) {
        return switch (need) {
            case READ_WORK -> scopes.contains("read:jira-work");
            case READ_USER -> scopes.contains("read:jira-user");
            case WRITE_WORK -> scopes.contains("write:jira-work");
        };
    }

    @Override
    public void rejectMissingScope(RoutingContext ctx) {
        if (scopeMismatch == ScopeMismatchAnswer.GATEWAY_401) {
            Responses.json(ctx, 401, new JsonObject().put("code", 401)
                    .put("message", "Unauthorized; scope does not match"));
        } else {
            Responses.json(ctx, 403, new JsonObject().put("code", 403)
                    .put("message", "Forbidden; scope does not match"));
        }
    }

    @Override
    public JsonObject user(SimUser user, String restBase) {
        return new JsonObject().put("self", restBase + "/user?accountId=" + Responses.encode(user.accountId()))
                .put("accountId", user.accountId()).put("accountType", "atlassian")
                .put("emailAddress", user.emailAddress()).put("displayName", user.displayName())
                .put("active", true).put("timeZone", "Etc/UTC").put("locale", "en_US");
    }

    @Override
    public Object renderRichText(Object stored) {
        if (stored == null) {
            return null;
        }
        return stored instanceof JsonObject doc ? doc : Adf.fromPlainText(stored.toString());
    }

    @Override
    public String richTextProblem(Object value) {
        if (value == null || Adf.isDocument(value)) {
            return null;
        }
        return "Operation value must be an Atlassian Document (see the Atlassian Document Format)";
    }

    @Override
    public Optional<SimUser> findUser(JsonObject reference, SimulatorState state) {
        String accountId = reference.getString("accountId", reference.getString("id"));
        return accountId == null ? Optional.empty()
                : state.users().stream().filter(u -> u.accountId().equals(accountId)).findFirst();
    }
}
