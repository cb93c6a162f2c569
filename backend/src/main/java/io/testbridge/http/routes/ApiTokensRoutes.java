package io.testbridge.http.routes;

import io.testbridge.errors.Failure;
import io.testbridge.http.ApiModule;
import io.testbridge.http.ApiResponses;
import io.testbridge.http.Requests;
import io.testbridge.identity.ApiToken;
import io.testbridge.identity.ApiTokenScope;
import io.testbridge.identity.Identity;
import io.testbridge.identity.NewApiToken;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Personal API tokens: a user's own (create, list, revoke) and, for administrators, everyone's. */
public final class ApiTokensRoutes implements ApiModule {
    private final Identity identity;
    private final Clock clock;

    public ApiTokensRoutes(Identity identity, Clock clock) {
        this.identity = identity;
        this.clock = clock;
    }

    @Override
    public Map<String, Handler<RoutingContext>> operations() {
        return Map.of(
                "listMyApiTokens", ctx -> ApiResponses.reply(ctx, 200,
                        identity.listApiTokens(Requests.principal(ctx).userId()).map(this::items)),
                "createApiToken", this::create,
                "revokeMyApiToken", ctx -> ApiResponses.reply(ctx, 204,
                        identity.revokeOwnApiToken(Requests.principal(ctx).userId(), Requests.pathLong(ctx, "tokenId"))),
                "listAllApiTokens", ctx -> ApiResponses.reply(ctx, 200, identity.listAllApiTokens().map(this::items)),
                "revokeApiToken", ctx -> ApiResponses.reply(ctx, 204,
                        identity.revokeAnyApiToken(Requests.pathLong(ctx, "tokenId"), Requests.principal(ctx).userId())));
    }

    private void create(RoutingContext ctx) {
        JsonObject body = Requests.body(ctx);
        String name = Requests.text(body, "name");
        Set<ApiTokenScope> scopes = EnumSet.noneOf(ApiTokenScope.class);
        for (Object scope : body.getJsonArray("scopes")) {
            scopes.add(ApiTokenScope.fromWireName(String.valueOf(scope))
                    .orElseThrow(() -> Failure.invalid("scopes", "Unknown scope " + scope + "; the scopes are read and results:write.")));
        }
        Instant expiresAt;
        try {
            expiresAt = Instant.parse(body.getString("expiresAt"));
        } catch (DateTimeParseException e) {
            throw Failure.invalid("expiresAt", "expiresAt must be a date and time with its offset, e.g. 2027-01-31T23:59:59Z.");
        }
        ApiResponses.reply(ctx, 201, identity.createApiToken(Requests.principal(ctx).userId(), new NewApiToken(name, scopes, expiresAt))
                .map(created -> new JsonObject().put("token", created.token().toJson(clock.instant())).put("secret", created.secret())));
    }

    private JsonObject items(List<ApiToken> tokens) {
        Instant now = clock.instant();
        return new JsonObject().put("items", new JsonArray(tokens.stream().map(token -> token.toJson(now)).toList()));
    }
}
