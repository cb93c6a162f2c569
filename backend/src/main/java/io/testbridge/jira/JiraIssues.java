package io.testbridge.jira;

import io.testbridge.errors.Failure;
import io.testbridge.errors.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What Testbridge reads from and writes to Jira, as the user, independent of Cloud (REST v3) or
 * Data Center (REST v2): projects, create metadata, assignable users, issue search with paging,
 * issues by key, single issues, issue creation.
 */
public final class JiraIssues {
    public static final Pattern ISSUE_KEY = Pattern.compile("^[A-Za-z][A-Za-z0-9_]*-[0-9]+$");
    static final String SUMMARY_FIELDS = "summary,status,assignee,issuetype";
    /** Cloud's bulk fetch and our DC key batches: 100 keys per call. */
    static final int KEYS_PER_CALL = 100;
    /** Create metadata pages hold at most 200 items (Cloud); Data Center caps them lower on its own. */
    static final int CREATEMETA_PAGE_SIZE = 200;

    private final JiraClient jira;

    public JiraIssues(JiraClient jira) {
        this.jira = jira;
    }

    /** The display values of an issue, as Testbridge shows them next to its own records. */
    public record IssueSummary(String key, String id, String summary, String status, String assignee, String issueType, String url) {
        static IssueSummary from(JsonObject issue, JiraSite instance) {
            JsonObject fields = issue.getJsonObject("fields", new JsonObject());
            String key = issue.getString("key");
            return new IssueSummary(key, issue.getString("id"), fields.getString("summary"), name(fields.getJsonObject("status"), "name"),
                    name(fields.getJsonObject("assignee"), "displayName"), name(fields.getJsonObject("issuetype"), "name"), browseUrl(instance, key));
        }

        public JsonObject toJson() {
            return new JsonObject().put("key", key).put("id", id).put("summary", summary).put("status", status)
                    .put("assignee", assignee).put("issueType", issueType).put("url", url);
        }
    }

    /**
     * A JQL string literal: {@code text} in double quotes with {@code \\} and {@code "} escaped, so no
     * value can end the string early or change the query. Every value put into JQL goes through here.
     */
    public static String jqlString(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /**
     * What a person typed, fit for {@code text ~}: Jira matches words, a {@code *} or {@code ?} may end
     * or sit inside one, but a leading one is an error on Data Center, so each word loses its leading
     * wildcards (a word of wildcards only disappears).
     */
    static String withoutLeadingWildcards(String text) {
        return java.util.Arrays.stream(text.strip().split("\\s+")).map(word -> word.replaceFirst("^[*?]+", ""))
                .filter(word -> !word.isEmpty()).collect(java.util.stream.Collectors.joining(" "));
    }

    public static String browseUrl(JiraSite instance, String key) {
        return instance.baseUrl() + "/browse/" + key;
    }

    /** A page of search results and the cursor of the next page, if any. */
    public record Page(List<IssueSummary> issues, String nextCursor) {
    }

    /**
     * Finds issues by exact key or by words; a key that does not exist is an empty page, not an error,
     * and so is text with no word left once leading wildcards are dropped.
     */
    public Future<Page> search(long userId, JiraSite instance, String q, String project, String cursor, int pageSize) {
        String query = q.strip();
        String jql;
        if (ISSUE_KEY.matcher(query).matches()) {
            jql = "key = " + jqlString(query.toUpperCase(java.util.Locale.ROOT));
        } else {
            String words = withoutLeadingWildcards(query);
            if (words.isEmpty()) {
                return Future.succeededFuture(new Page(List.of(), null));
            }
            jql = "text ~ " + jqlString(words);
            if (project != null && !project.isBlank()) {
                jql = "project = " + jqlString(project.strip()) + " AND " + jql;
            }
            jql += " ORDER BY created DESC";
        }
        return searchJql(userId, instance, jql, cursor, pageSize)
                .recover(failure -> ISSUE_KEY.matcher(query).matches() && failure instanceof Failure api
                        && (api.code() == ErrorCode.INVALID_REQUEST || api.code() == ErrorCode.NOT_FOUND)
                        ? Future.succeededFuture(new Page(List.of(), null)) : Future.failedFuture(failure));
    }

    public Future<Page> searchJql(long userId, JiraSite instance, String jql, String cursor, int pageSize) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("jql", jql);
        query.put("fields", SUMMARY_FIELDS);
        query.put("maxResults", Integer.toString(pageSize));
        boolean cloud = instance.deployment() == Deployment.CLOUD;
        if (cursor != null && !cursor.isBlank()) {
            if (cloud) {
                query.put("nextPageToken", cursor);
            } else {
                if (!cursor.matches("[0-9]{1,9}")) {
                    return Future.failedFuture(Failure.invalid("cursor", "This cursor is not from this search."));
                }
                query.put("startAt", cursor);
            }
        }
        return jira.call(userId, instance, HttpMethod.GET, cloud ? "/search/jql" : "/search", query, null).map(response -> {
            JsonObject body = response.bodyAsJsonObject();
            List<IssueSummary> issues = new ArrayList<>();
            body.getJsonArray("issues", new JsonArray()).forEach(issue -> issues.add(IssueSummary.from((JsonObject) issue, instance)));
            String next;
            if (cloud) {
                // The documented end of /search/jql: the last page has no nextPageToken (isLast is optional).
                String token = body.getString("nextPageToken");
                next = token == null || token.isBlank() ? null : token;
            } else {
                int startAt = body.getInteger("startAt", 0);
                next = startAt + issues.size() < body.getInteger("total", 0) && !issues.isEmpty() ? Integer.toString(startAt + issues.size()) : null;
            }
            return new Page(issues, next);
        });
    }

    /** One issue; empty when Jira says it does not exist (deleted, or not visible to the user). */
    public Future<java.util.Optional<IssueSummary>> get(long userId, JiraSite instance, String key) {
        return jira.call(userId, instance, HttpMethod.GET, JiraClient.path("issue", key), Map.of("fields", SUMMARY_FIELDS), null)
                .map(response -> java.util.Optional.of(IssueSummary.from(response.bodyAsJsonObject(), instance)))
                .recover(failure -> failure instanceof Failure api && api.code() == ErrorCode.NOT_FOUND
                        ? Future.succeededFuture(java.util.Optional.empty()) : Future.failedFuture(failure));
    }

    /**
     * Adds a link from a Jira issue back to a page of Testbridge, as the user. The same
     * {@code globalId} again updates the link instead of adding a second one (Jira's rule).
     */
    public Future<Void> addRemoteLink(long userId, JiraSite instance, String key, String globalId, String url, String title) {
        JsonObject body = new JsonObject().put("globalId", globalId)
                .put("object", new JsonObject().put("url", url).put("title", title)
                        .put("icon", new JsonObject().put("title", "Testbridge")));
        return jira.call(userId, instance, HttpMethod.POST, JiraClient.path("issue", key, "remotelink"), Map.of(), body).mapEmpty();
    }

    /** Attaches a file to an issue as the user; answers Jira's id for it. */
    public Future<String> addAttachment(long userId, JiraSite instance, String key, String filename, String contentType, io.vertx.core.buffer.Buffer content) {
        return jira.upload(userId, instance, JiraClient.path("issue", key, "attachments"), filename, contentType, content).compose(response -> {
            JsonArray created = response.bodyAsJsonArray();
            return created == null || created.isEmpty()
                    ? Future.failedFuture(new Failure(ErrorCode.JIRA_ERROR, instance.name() + " did not keep the file " + filename + "."))
                    : Future.succeededFuture(created.getJsonObject(0).getString("id"));
        });
    }

    /**
     * The projects where the user may create issues: on Cloud every page of {@code project/search}
     * with {@code action=create}; Data Center's {@code /project} is one unpaged list of what they see.
     */
    public Future<JsonArray> projects(long userId, JiraSite instance) {
        Future<JsonArray> projects = instance.isCloud()
                ? StartAtPages.readAll(jira, userId, instance, "/project/search", Map.of("action", "create"), 100, page -> page.getJsonArray("values"))
                : jira.call(userId, instance, HttpMethod.GET, "/project", Map.of(), null).map(JiraResponse::bodyAsJsonArray);
        return projects.map(list -> {
            JsonArray items = new JsonArray();
            list.forEach(p -> {
                JsonObject project = (JsonObject) p;
                items.add(new JsonObject().put("id", project.getString("id")).put("key", project.getString("key"))
                        .put("name", project.getString("name")));
            });
            return items;
        });
    }

    /** Every issue type of the project's create metadata, all pages. */
    public Future<JsonArray> issueTypes(long userId, JiraSite instance, String projectKey) {
        return StartAtPages.readAll(jira, userId, instance, JiraClient.path("issue", "createmeta", projectKey, "issuetypes"), Map.of(), CREATEMETA_PAGE_SIZE,
                        page -> page.getJsonArray("issueTypes", page.getJsonArray("values")))
                .map(types -> {
                    JsonArray items = new JsonArray();
                    types.forEach(t -> {
                        JsonObject type = (JsonObject) t;
                        items.add(new JsonObject().put("id", type.getString("id")).put("name", type.getString("name"))
                                .put("subtask", type.getBoolean("subtask", false)));
                    });
                    return items;
                });
    }

    /**
     * The fields of an issue type, all pages (Data Center answers 50 at a time), normalised: id, name,
     * required, type, allowed values (id and label).
     */
    public Future<JsonArray> fields(long userId, JiraSite instance, String projectKey, String issueTypeId) {
        return StartAtPages.readAll(jira, userId, instance, JiraClient.path("issue", "createmeta", projectKey, "issuetypes", issueTypeId), Map.of(),
                        CREATEMETA_PAGE_SIZE, page -> page.getJsonArray("fields", page.getJsonArray("values")))
                .map(raw -> {
                    JsonArray items = new JsonArray();
                    raw.forEach(f -> items.add(JiraFieldValues.describe((JsonObject) f)));
                    return items;
                });
    }

    /** People who can be assigned issues of the Jira project, matching the text (user picker fields). */
    public Future<JsonArray> users(long userId, JiraSite instance, String projectKey, String text) {
        boolean cloud = instance.deployment() == Deployment.CLOUD;
        return jira.call(userId, instance, HttpMethod.GET, "/user/assignable/search",
                        Map.of("project", projectKey, cloud ? "query" : "username", text, "maxResults", "20"), null)
                .map(response -> {
                    JsonArray items = new JsonArray();
                    response.bodyAsJsonArray().forEach(u -> {
                        JsonObject user = (JsonObject) u;
                        items.add(new JsonObject().put("id", cloud ? user.getString("accountId") : user.getString("name"))
                                .put("displayName", user.getString("displayName")));
                    });
                    return items;
                });
    }

    /**
     * The issues of these keys that Jira still shows the user, by upper-case key; keys it does not
     * (deleted, hidden, moved) are simply absent. Never a {@code key in (…)} that fails as a whole on one
     * unknown key: Cloud's bulk fetch leaves such keys out, Data Center's {@code validateQuery=warn} turns
     * them into warnings. {@value #KEYS_PER_CALL} keys per call.
     */
    public Future<Map<String, IssueSummary>> byKeys(long userId, JiraSite instance, List<String> keys) {
        Future<Map<String, IssueSummary>> found = Future.succeededFuture(new LinkedHashMap<>());
        for (int from = 0; from < keys.size(); from += KEYS_PER_CALL) {
            List<String> chunk = keys.subList(from, Math.min(keys.size(), from + KEYS_PER_CALL));
            found = found.compose(sofar -> keyChunk(userId, instance, chunk).map(issues -> {
                issues.forEach(issue -> sofar.put(issue.key().toUpperCase(java.util.Locale.ROOT), issue));
                return sofar;
            }));
        }
        return found;
    }

    private Future<List<IssueSummary>> keyChunk(long userId, JiraSite instance, List<String> keys) {
        Future<JiraResponse> answer;
        if (instance.isCloud()) {
            answer = jira.call(userId, instance, HttpMethod.POST, "/issue/bulkfetch", Map.of(), new JsonObject()
                    .put("issueIdsOrKeys", new JsonArray(List.copyOf(keys)))
                    .put("fields", new JsonArray(List.of(SUMMARY_FIELDS.split(",")))));
        } else {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("jql", "key in (" + keys.stream().map(JiraIssues::jqlString).collect(java.util.stream.Collectors.joining(", ")) + ")");
            query.put("validateQuery", "warn");
            query.put("fields", SUMMARY_FIELDS);
            query.put("maxResults", Integer.toString(keys.size()));
            answer = jira.call(userId, instance, HttpMethod.GET, "/search", query, null);
        }
        return answer.map(response -> {
            List<IssueSummary> issues = new ArrayList<>();
            response.bodyAsJsonObject().getJsonArray("issues", new JsonArray())
                    .forEach(issue -> issues.add(IssueSummary.from((JsonObject) issue, instance)));
            return issues;
        });
    }

    /** Creates an issue; answers its key and id. Field errors come back as {@link JiraFieldErrors}. */
    public Future<JsonObject> create(long userId, JiraSite instance, JsonObject fields) {
        return jira.callRaw(userId, instance, HttpMethod.POST, "/issue", Map.of(), new JsonObject().put("fields", fields))
                .compose(response -> {
                    if (response.statusCode() == 201 || response.statusCode() == 200) {
                        return Future.succeededFuture(response.bodyAsJsonObject());
                    }
                    JsonObject fieldErrors = JiraErrors.fieldErrors(response);
                    Failure described = JiraErrors.describe(response, instance.name());
                    return Future.failedFuture(response.statusCode() == 400 ? new JiraFieldErrors(described.getMessage(), fieldErrors) : described);
                });
    }

    /** Jira refused the issue: its message, and the errors per field. */
    public static final class JiraFieldErrors extends Failure {
        private static final long serialVersionUID = 1L;
        private final transient JsonObject fields;

        JiraFieldErrors(String message, JsonObject fields) {
            super(ErrorCode.INVALID_REQUEST, message, fields.isEmpty() ? null : "fields." + fields.fieldNames().iterator().next());
            this.fields = fields;
        }

        public JsonObject fields() {
            return fields;
        }
    }

    static String name(JsonObject object, String member) {
        return object == null ? null : object.getString(member);
    }
}
