package io.testbridge.jirasim;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Cloud's enhanced search (/search/jql: nextPageToken only while there are more pages, only issue ids
 * unless fields are asked for, unbounded queries refused) and Data Center's classic /search (startAt,
 * total, validateQuery).
 */
final class SearchResource {

    private static final int CLOUD_MAX_RESULTS = 5000;
    private static final int DC_MAX_RESULTS = 1000;

    private final SimContext sim;

    SearchResource(SimContext sim) {
        this.sim = sim;
    }

    /** The search parameters, from the query string (GET) or a JSON body (POST). */
    private record Params(String jql, String fields, Integer maxResults, Integer startAt, String nextPageToken,
            String validateQuery) {

        static Params read(RoutingContext ctx) {
            if (ctx.request().method() == HttpMethod.POST) {
                JsonObject body = IssueResource.jsonBody(ctx);
                if (body == null) {
                    return null;
                }
                Object fields = body.getValue("fields");
                String joined = fields instanceof JsonArray array
                        ? String.join(",", array.stream().map(String::valueOf).toList())
                        : fields instanceof String s ? s : null;
                return new Params(body.getString("jql"), joined, body.getInteger("maxResults"),
                        body.getInteger("startAt"), body.getString("nextPageToken"),
                        body.getValue("validateQuery") == null ? null : String.valueOf(body.getValue("validateQuery")));
            }
            return new Params(ctx.request().getParam("jql"), ctx.request().getParam("fields"),
                    intOrNull(ctx.request().getParam("maxResults")), intOrNull(ctx.request().getParam("startAt")),
                    ctx.request().getParam("nextPageToken"), ctx.request().getParam("validateQuery"));
        }
    }

    void cloudSearch(RoutingContext ctx) {
        RestCaller caller = RestCaller.of(ctx);
        Params params = Params.read(ctx);
        if (params == null) {
            return;
        }
        List<JiraIssue> matches;
        try {
            JqlQuery query = JqlParser.parse(params.jql(), caller.data(), JqlConditions.LeadingWildcard.IGNORED,
                    JqlParser.Validation.STRICT);
            if (!query.isBounded()) {
                throw new JqlException("Unbounded JQL queries are not allowed here. "
                        + "Please add a search restriction to your query.");
            }
            matches = indexedByNow(query.run(caller.data()));
        } catch (JqlException e) {
            Responses.jiraError(ctx, 400, e.getMessage());
            return;
        }
        int offset = decodePageToken(params.nextPageToken(), params.jql());
        if (offset < 0) {
            Responses.jiraError(ctx, 400, "The provided next page token is invalid or expired.");
            return;
        }
        int maxResults = clamp(params.maxResults(), 50, CLOUD_MAX_RESULTS);
        IssueJson.Selection selection = IssueJson.Selection.parse(params.fields(), IssueJson.Selection.ID_ONLY);
        JsonArray issues = new JsonArray();
        matches.stream().skip(offset).limit(maxResults)
                .forEach(issue -> issues.add(IssueJson.render(issue, caller, sim.state, selection)));
        // The last page has no nextPageToken (JRACLOUD-92184); isLast is optional in Atlassian's schema
        // and left out here, so that clients end on the token as documented.
        JsonObject page = new JsonObject().put("issues", issues);
        if (offset + maxResults < matches.size()) {
            page.put("nextPageToken", encodePageToken(offset + maxResults, params.jql()));
        }
        Responses.json(ctx, 200, page);
    }

    void dcSearch(RoutingContext ctx) {
        RestCaller caller = RestCaller.of(ctx);
        Params params = Params.read(ctx);
        if (params == null) {
            return;
        }
        List<JiraIssue> matches;
        JqlQuery query;
        try {
            query = JqlParser.parse(params.jql(), caller.data(), JqlConditions.LeadingWildcard.REFUSED,
                    "warn".equalsIgnoreCase(params.validateQuery()) ? JqlParser.Validation.WARN : JqlParser.Validation.STRICT);
            matches = query.run(caller.data());
        } catch (JqlException e) {
            Responses.jiraError(ctx, 400, e.getMessage());
            return;
        }
        int startAt = params.startAt() == null ? 0 : Math.max(0, params.startAt());
        int maxResults = clamp(params.maxResults(), 50, DC_MAX_RESULTS);
        IssueJson.Selection selection = IssueJson.Selection.parse(params.fields(), IssueJson.Selection.ALL);
        JsonArray issues = new JsonArray();
        matches.stream().skip(startAt).limit(maxResults)
                .forEach(issue -> issues.add(IssueJson.render(issue, caller, sim.state, selection)));
        JsonObject page = new JsonObject().put("expand", "names,schema").put("startAt", startAt)
                .put("maxResults", maxResults).put("total", matches.size()).put("issues", issues);
        if (!query.warnings.isEmpty()) {
            page.put("warningMessages", new JsonArray(List.copyOf(query.warnings)));
        }
        Responses.json(ctx, 200, page);
    }

    /**
     * What Cloud's search index holds now: issues created within the search lag are not found yet
     * (Atlassian: /search/jql results are eventually consistent; a just-created issue may be missing).
     */
    private List<JiraIssue> indexedByNow(List<JiraIssue> matches) {
        java.time.Instant indexedUntil = sim.clock.now().minus(sim.searchLag);
        return sim.searchLag.isZero() ? matches : matches.stream().filter(issue -> !issue.created.isAfter(indexedUntil)).toList();
    }

    /** Opaque to clients; bound to the query so a token cannot be replayed on another search. */
    private static String encodePageToken(int offset, String jql) {
        String raw = offset + ":" + Integer.toHexString(String.valueOf(jql).hashCode());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static int decodePageToken(String token, String jql) {
        if (token == null) {
            return 0;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            String[] parts = raw.split(":");
            if (parts.length != 2 || !parts[1].equals(Integer.toHexString(String.valueOf(jql).hashCode()))) {
                return -1;
            }
            return Integer.parseInt(parts[0]);
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }

    private static int clamp(Integer requested, int defaultValue, int max) {
        if (requested == null || requested < 1) {
            return defaultValue;
        }
        return Math.min(requested, max);
    }

    private static Integer intOrNull(String value) {
        try {
            return value == null ? null : Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
