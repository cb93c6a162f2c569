package io.testbridge.jirasim;

import io.vertx.core.MultiMap;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** The parameters of a token request, read from a form or JSON body, plus HTTP Basic client credentials. */
final class TokenRequest {

    enum BodyKind { FORM, JSON, OTHER }

    final BodyKind bodyKind;
    private final Map<String, String> params;
    final String clientId;
    final String clientSecret;
    /** Whether the client secret came in the body ({@code client_secret_post}) rather than as HTTP Basic. */
    final boolean secretInBody;

    private TokenRequest(BodyKind bodyKind, Map<String, String> params, String basicId, String basicSecret) {
        this.bodyKind = bodyKind;
        this.params = params;
        // Body credentials win; Basic is the fallback many OAuth libraries use by default.
        this.clientId = params.getOrDefault("client_id", basicId);
        this.clientSecret = params.getOrDefault("client_secret", basicSecret);
        this.secretInBody = params.containsKey("client_secret");
    }

    /** Returns null when the body claims to be JSON but is not a JSON object. */
    static TokenRequest parse(RoutingContext ctx) {
        String contentType = ctx.request().getHeader("Content-Type");
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        Map<String, String> params = new HashMap<>();
        BodyKind kind;
        if (type.startsWith("application/json")) {
            kind = BodyKind.JSON;
            try {
                JsonObject body = ctx.body().asJsonObject();
                if (body == null) {
                    return null;
                }
                body.forEach(entry -> {
                    if (entry.getValue() != null) {
                        params.put(entry.getKey(), String.valueOf(entry.getValue()));
                    }
                });
            } catch (DecodeException | ClassCastException e) {
                return null;
            }
        } else if (type.startsWith("application/x-www-form-urlencoded")) {
            kind = BodyKind.FORM;
            MultiMap form = ctx.request().formAttributes();
            form.names().forEach(name -> params.put(name, form.get(name)));
        } else {
            kind = BodyKind.OTHER;
        }
        String[] basic = basicCredentials(ctx.request().getHeader("Authorization"));
        return new TokenRequest(kind, params, basic[0], basic[1]);
    }

    String param(String name) {
        String value = params.get(name);
        return value == null || value.isEmpty() ? null : value;
    }

    private static String[] basicCredentials(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return new String[] {null, null};
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                return new String[] {null, null};
            }
            // RFC 6749 §2.3.1: id and secret are form-urlencoded before they are joined and base64-encoded
            return new String[] {URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                    URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)};
        } catch (IllegalArgumentException e) {
            return new String[] {null, null};
        }
    }
}
