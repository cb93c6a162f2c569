package io.testbridge.jirasim;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The few response shapes the simulated servers use. */
final class Responses {

    private Responses() {
    }

    static void json(RoutingContext ctx, int status, Object body) {
        String encoded = body instanceof JsonObject o ? o.encode()
                : body instanceof JsonArray a ? a.encode() : String.valueOf(body);
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json;charset=UTF-8")
                .end(encoded);
    }

    /** Jira REST's error shape: {"errorMessages":[...],"errors":{field: message}}. */
    static void jiraError(RoutingContext ctx, int status, List<String> messages, Map<String, String> errors) {
        JsonObject fieldErrors = new JsonObject();
        new LinkedHashMap<>(errors).forEach(fieldErrors::put);
        json(ctx, status, new JsonObject().put("errorMessages", new JsonArray(List.copyOf(messages)))
                .put("errors", fieldErrors));
    }

    static void jiraError(RoutingContext ctx, int status, String message) {
        jiraError(ctx, status, List.of(message), Map.of());
    }

    /** RFC 6749 section 5.2 error; token responses are never cached (section 5.1). */
    static void oauthError(RoutingContext ctx, int status, String error, String description) {
        JsonObject body = new JsonObject().put("error", error);
        if (description != null) {
            body.put("error_description", description);
        }
        noStore(ctx);
        json(ctx, status, body);
    }

    static void noStore(RoutingContext ctx) {
        ctx.response().putHeader("Cache-Control", "no-store").putHeader("Pragma", "no-cache");
    }

    static void html(RoutingContext ctx, int status, String html) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "text/html;charset=UTF-8").end(html);
    }

    static void redirect(RoutingContext ctx, String location) {
        ctx.response().setStatusCode(302).putHeader("Location", location).putHeader("Cache-Control", "no-store")
                .end();
    }

    /** Appends query parameters to a redirect URI that may already carry a query. */
    static String withQuery(String uri, Map<String, String> params) {
        StringBuilder url = new StringBuilder(uri);
        char separator = uri.contains("?") ? '&' : '?';
        for (Map.Entry<String, String> param : params.entrySet()) {
            if (param.getValue() == null) {
                continue;
            }
            url.append(separator).append(encode(param.getKey())).append('=').append(encode(param.getValue()));
            separator = '&';
        }
        return url.toString();
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String escapeHtml(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
