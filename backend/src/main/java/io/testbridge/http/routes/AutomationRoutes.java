package io.testbridge.http.routes;

import io.testbridge.automation.Automation;
import io.testbridge.automation.ResultUpload;
import io.testbridge.automation.UploadedFile;
import io.testbridge.errors.Failure;
import io.testbridge.http.ApiModule;
import io.testbridge.http.ApiResponses;
import io.testbridge.http.Requests;
import io.testbridge.http.UploadSpool;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Automation results from CI: the body (one report, or several as multipart/form-data) is streamed
 * to disk as it arrives, then the automation module reads and records it. The cycle, build and
 * environment come from query parameters or form fields; the Idempotency-Key header makes a re-sent
 * upload answer what the first did.
 */
public final class AutomationRoutes implements ApiModule {
    static final Set<String> REPORT_TYPES = Set.of("application/xml", "text/xml", "application/json", "application/octet-stream");
    private static final int MAX_FIELD = 200;
    private static final int MAX_FILES = 100;

    private final Automation automation;
    private final Path spoolDirectory;
    private final long maxBytes;

    public AutomationRoutes(Automation automation, Path spoolDirectory, long maxBytes) {
        this.automation = automation;
        this.spoolDirectory = spoolDirectory;
        this.maxBytes = maxBytes;
    }

    @Override
    public Map<String, Handler<RoutingContext>> operations() {
        return Map.of("importResults", this::importResults);
    }

    private void importResults(RoutingContext ctx) {
        long projectId = Requests.pathLong(ctx, "projectId");
        String key = ctx.request().getHeader("Idempotency-Key");
        if (key != null && (key.isBlank() || key.length() > MAX_FIELD || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e))) {
            ctx.fail(Failure.invalid("Idempotency-Key", "The Idempotency-Key header is 1 to " + MAX_FIELD
                    + " visible ASCII characters (a UUID, or the CI job's id and attempt)."));
            return;
        }
        String rawName = Requests.queryString(ctx, "filename", "results");
        UploadSpool.spool(ctx, spoolDirectory, maxBytes, MAX_FILES, REPORT_TYPES, rawName)
                .map(spooled -> upload(ctx, projectId, key, spooled))
                .compose(automation::importResults)
                .onSuccess(answer -> {
                    if (answer.replayed()) {
                        ctx.response().putHeader("Idempotent-Replayed", "true");
                    }
                    ApiResponses.reply(ctx, 201, io.vertx.core.Future.succeededFuture(answer.body()));
                })
                .onFailure(ctx::fail);
    }

    /** What the request names (query parameters, or form fields of a multipart upload), checked. */
    private static ResultUpload upload(RoutingContext ctx, long projectId, String key, UploadSpool.Spooled spooled) {
        MultiMap form = spooled.fields();
        String build = field(ctx, form, "build");
        String environment = field(ctx, form, "environment");
        String cycleName = field(ctx, form, "cycleName");
        String cycleIdText = field(ctx, form, "cycleId");
        Long cycleId = null;
        if (!cycleIdText.isEmpty()) {
            if (!cycleIdText.matches("[1-9][0-9]{0,17}")) {
                throw Failure.invalid("cycleId", "cycleId is the id of a test cycle of this project (a number).");
            }
            cycleId = Long.parseLong(cycleIdText);
        }
        if ((cycleId == null) == cycleName.isEmpty()) {
            throw Failure.invalid("cycleId", "Name the cycle: cycleId to add the results to an existing cycle, or cycleName for a new one (one of them).");
        }
        MessageDigest digest = sha256();
        for (String part : new String[] {build, environment, cycleName, cycleIdText}) {
            digest.update(part.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
        }
        List<UploadedFile> files = spooled.files().stream().map(file -> {
            digest.update(file.name().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(file.sha256().getBytes(StandardCharsets.US_ASCII));
            return new UploadedFile(file.name(), file.path(), file.size());
        }).toList();
        return new ResultUpload(projectId, files, cycleId, cycleName.isEmpty() ? null : cycleName, build, environment, key,
                HexFormat.of().formatHex(digest.digest()), Requests.actor(ctx));
    }

    private static String field(RoutingContext ctx, MultiMap form, String name) {
        String value = form.get(name);
        if (value == null) {
            value = ctx.request().getParam(name);
        }
        value = value == null ? "" : value.strip();
        if (value.length() > MAX_FIELD) {
            throw Failure.invalid(name, name + " is at most " + MAX_FIELD + " characters.");
        }
        if (value.chars().anyMatch(c -> c < 0x20)) {
            throw Failure.invalid(name, name + " contains a control character.");
        }
        return value;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
