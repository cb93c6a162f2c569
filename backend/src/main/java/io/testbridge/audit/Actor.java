package io.testbridge.audit;

import io.testbridge.http.RequestIds;
import io.testbridge.http.Requests;
import io.testbridge.sessions.Principal;
import io.vertx.ext.web.RoutingContext;

/** Who did something, and from where: a user on a request, or the system. */
public record Actor(Long userId, String name, String requestId, String clientAddress) {
    public static final Actor SYSTEM = new Actor(null, "system", null, null);

    public static Actor of(RoutingContext ctx, Principal principal) {
        return new Actor(principal.userId(), principal.username(), RequestIds.of(ctx), Requests.clientAddress(ctx));
    }
}
