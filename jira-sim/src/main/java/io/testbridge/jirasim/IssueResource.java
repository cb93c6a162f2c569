package io.testbridge.jirasim;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

/** Create and read issues, their remote links and attachments. */
final class IssueResource {

    static final String ISSUE_NOT_FOUND = "Issue does not exist or you do not have permission to see it.";
    /** Jira's attachment size limit is a site setting; the simulator's sites all have this one. */
    static final long MAX_ATTACHMENT_BYTES = 10L * 1024 * 1024;

    private final SimContext sim;

    IssueResource(SimContext sim) {
        this.sim = sim;
    }

    void create(RoutingContext ctx) {
        RestCaller caller = RestCaller.of(ctx);
        JsonObject body = jsonBody(ctx);
        if (body == null) {
            return;
        }
        if (!(body.getValue("fields") instanceof JsonObject fields)) {
            Responses.jiraError(ctx, 400, List.of(), Map.of("project", "Specify a valid project ID or key",
                    "issuetype", "Specify an issue type", "summary", "You must specify a summary of the issue."));
            return;
        }
        IssueCreation creation = IssueCreation.attempt(fields, caller, sim.state, sim.clock.now());
        if (creation.created == null) {
            Responses.jiraError(ctx, 400, List.of(), creation.errors);
            return;
        }
        JiraIssue issue = creation.created;
        Responses.json(ctx, 201, new JsonObject().put("id", issue.id).put("key", issue.key)
                .put("self", caller.restBase() + "/issue/" + issue.id));
    }

    void get(RoutingContext ctx) {
        RestCaller caller = RestCaller.of(ctx);
        JiraIssue issue = issue(ctx, caller);
        if (issue == null) {
            return;
        }
        IssueJson.Selection selection = IssueJson.Selection.parse(ctx.request().getParam("fields"),
                IssueJson.Selection.ALL);
        Responses.json(ctx, 200, IssueJson.render(issue, caller, sim.state, selection));
    }

    /**
     * Cloud's bulk fetch: {"issueIdsOrKeys":[…], "fields":[…]} → {"issues":[…], "issueErrors":[]}. Keys
     * that are unknown or hidden are left out, not errors (Atlassian's "Bulk fetch issues"). Up to 100
     * ids or keys, or 1,000 when every field is named explicitly (no wildcard, no exclusion only).
     */
    void bulkFetch(RoutingContext ctx) {
        RestCaller caller = RestCaller.of(ctx);
        JsonObject body = jsonBody(ctx);
        if (body == null) {
            return;
        }
        JsonArray requested = body.getValue("issueIdsOrKeys") instanceof JsonArray array ? array : null;
        if (requested == null || requested.isEmpty() || !requested.stream().allMatch(String.class::isInstance)) {
            Responses.jiraError(ctx, 400, "issueIdsOrKeys must contain between 1 and 100 issue ids or keys.");
            return;
        }
        JsonArray fields = body.getValue("fields") instanceof JsonArray array ? array : new JsonArray();
        String joined = String.join(",", fields.stream().map(String::valueOf).toList());
        boolean namedFields = !fields.isEmpty() && fields.stream().map(String::valueOf)
                .noneMatch(f -> f.startsWith("*") || f.startsWith("-"));
        int limit = namedFields ? 1000 : 100;
        if (requested.size() > limit) {
            Responses.jiraError(ctx, 400, "issueIdsOrKeys must contain between 1 and " + limit + " issue ids or keys.");
            return;
        }
        IssueJson.Selection selection = IssueJson.Selection.parse(joined, IssueJson.Selection.ALL);
        JsonArray issues = new JsonArray();
        requested.stream().map(String.class::cast).map(key -> caller.data().issue(key)).flatMap(java.util.Optional::stream)
                .distinct().sorted(java.util.Comparator.comparingLong(issue -> Long.parseLong(issue.id)))
                .forEach(issue -> issues.add(IssueJson.render(issue, caller, sim.state, selection)));
        Responses.json(ctx, 200, new JsonObject().put("issues", issues)
                .put("issueErrors", new JsonArray()));
    }

    void remoteLinks(RoutingContext ctx) {
        RestCaller caller = RestCaller.of(ctx);
        JiraIssue issue = issue(ctx, caller);
        if (issue == null) {
            return;
        }
        JsonArray links = new JsonArray();
        for (RemoteLink link : caller.data().remoteLinks(issue.key)) {
            JsonObject json = new JsonObject().put("id", link.id())
                    .put("self", caller.restBase() + "/issue/" + issue.key + "/remotelink/" + link.id())
                    .put("object", new JsonObject().put("url", link.url()).put("title", link.title()));
            if (link.globalId() != null) {
                json.put("globalId", link.globalId());
            }
            if (link.relationship() != null) {
                json.put("relationship", link.relationship());
            }
            links.add(json);
        }
        Responses.json(ctx, 200, links);
    }

    /** Creates a link, or updates the one with the same globalId (200 instead of 201), as Jira does. */
    void addRemoteLink(RoutingContext ctx) {
        RestCaller caller = RestCaller.of(ctx);
        JiraIssue issue = issue(ctx, caller);
        if (issue == null) {
            return;
        }
        JsonObject body = jsonBody(ctx);
        if (body == null) {
            return;
        }
        JsonObject object = body.getValue("object") instanceof JsonObject o ? o : null;
        String url = object == null ? null : object.getString("url");
        String title = object == null ? null : object.getString("title");
        if (url == null || url.isBlank() || title == null || title.isBlank()) {
            Responses.jiraError(ctx, 400, List.of(), url == null || url.isBlank()
                    ? Map.of("url", "'url' is required.") : Map.of("title", "'title' is required."));
            return;
        }
        String globalId = body.getString("globalId");
        boolean updating = caller.data().hasRemoteLinkWithGlobalId(issue.key, globalId);
        RemoteLink link = caller.data().putRemoteLink(issue.key, globalId, url, title, body.getString("relationship"));
        Responses.json(ctx, updating ? 200 : 201, new JsonObject().put("id", link.id())
                .put("self", caller.restBase() + "/issue/" + issue.key + "/remotelink/" + link.id()));
    }

    /**
     * Attaches the multipart parts named {@code file}, as Jira does: the request must carry
     * {@code X-Atlassian-Token: no-check} (Jira's XSRF protection blocks it otherwise, with a plain
     * text 403), a body over the site's limit is 413, and the answer is the list of new attachments.
     */
    void addAttachments(RoutingContext ctx) {
        RestCaller caller = RestCaller.of(ctx);
        String xsrf = ctx.request().getHeader("X-Atlassian-Token");
        if (xsrf == null || !(xsrf.equalsIgnoreCase("no-check") || xsrf.equalsIgnoreCase("nocheck"))) {
            ctx.response().setStatusCode(403).putHeader("Content-Type", "text/plain;charset=UTF-8").end("XSRF check failed");
            return;
        }
        JiraIssue issue = issue(ctx, caller);
        if (issue == null) {
            return;
        }
        List<FileUpload> files = ctx.fileUploads().stream().filter(file -> "file".equals(file.name())).toList();
        List<Future<Buffer>> contents = files.stream().map(file -> ctx.vertx().fileSystem().readFile(file.uploadedFileName())).toList();
        Future.all(contents).onComplete(read -> {
            if (read.failed()) {
                Responses.jiraError(ctx, 500, "The attachment could not be stored.");
                return;
            }
            JsonArray created = new JsonArray();
            for (int i = 0; i < files.size(); i++) {
                FileUpload file = files.get(i);
                String mimeType = file.contentType() == null || file.contentType().isBlank() ? "application/octet-stream"
                        : file.contentType();
                IssueAttachment attachment = caller.data().addAttachment(issue.key, file.fileName(), mimeType,
                        contents.get(i).result().getBytes(), caller.user().accountId(), sim.clock.now());
                created.add(attachmentJson(attachment, caller, sim.state));
            }
            Responses.json(ctx, 200, created);
        });
    }

    static JsonObject attachmentJson(IssueAttachment attachment, RestCaller caller, SimulatorState state) {
        String base = caller.restBase();
        JsonObject author = state.findUser(attachment.authorAccountId()).map(u -> caller.dialect().user(u, base)).orElse(null);
        if (author != null && caller.dialect().isCloud()) {
            author.remove("locale"); // Cloud's Attachment.author is a UserDetails, which has no locale
        }
        return new JsonObject().put("self", base + "/attachment/" + attachment.id()).put("id", String.valueOf(attachment.id()))
                .put("filename", attachment.filename())
                .put("author", author)
                .put("created", JiraTime.format(attachment.created())).put("size", attachment.content().length)
                .put("mimeType", attachment.mimeType()).put("content", base + "/attachment/content/" + attachment.id());
    }

    /** Multipart bodies up to the attachment limit, their files in a temporary folder removed after each request. */
    static BodyHandler attachmentBody() {
        try {
            java.nio.file.Path folder = Files.createTempDirectory("jira-sim-attachments");
            folder.toFile().deleteOnExit();
            return BodyHandler.create(folder.toString()).setBodyLimit(MAX_ATTACHMENT_BYTES).setDeleteUploadedFilesOnEnd(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JiraIssue issue(RoutingContext ctx, RestCaller caller) {
        JiraIssue issue = caller.data().issue(ctx.pathParam("issueIdOrKey")).orElse(null);
        if (issue == null) {
            Responses.jiraError(ctx, 404, ISSUE_NOT_FOUND);
        }
        return issue;
    }

    /** Null (and a 400 sent) when the body is not a JSON object. */
    static JsonObject jsonBody(RoutingContext ctx) {
        try {
            JsonObject body = ctx.body().asJsonObject();
            if (body == null) {
                Responses.jiraError(ctx, 400, "No content to map to Object due to end of input");
            }
            return body;
        } catch (DecodeException | ClassCastException e) {
            Responses.jiraError(ctx, 400, "Unexpected character in the request body: it is not valid JSON.");
            return null;
        }
    }
}
