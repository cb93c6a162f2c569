package io.testbridge.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.openapi.contract.OpenAPIContract;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code /api/docs}: the OpenAPI document rendered for people (every operation with its right,
 * parameters, body and answers), and {@code /api/openapi.yaml}: the document itself.
 */
final class ApiDocs {
    private ApiDocs() {
    }

    static void mount(Router router, OpenAPIContract contract) {
        Buffer yaml = resource(ApiRouter.CONTRACT);
        String html = render(contract);
        router.get("/api/openapi.yaml").handler(ctx -> ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/yaml; charset=utf-8")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache").end(yaml));
        router.get("/api/docs").handler(ctx -> ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache").end(html));
    }

    private static String render(OpenAPIContract contract) {
        JsonObject raw = contract.getRawContract();
        JsonObject info = raw.getJsonObject("info", new JsonObject());
        StringBuilder toc = new StringBuilder();
        StringBuilder body = new StringBuilder();
        Map<String, Object> paths = new TreeMap<>(raw.getJsonObject("paths").getMap());
        for (Map.Entry<String, Object> path : paths.entrySet()) {
            JsonObject item = asObject(path.getValue());
            if (item == null) {
                continue; // resolver bookkeeping, not a path
            }
            for (String method : new String[] {"get", "post", "put", "patch", "delete"}) {
                JsonObject operation = asObject(item.getValue(method));
                if (operation == null) {
                    continue;
                }
                String id = operation.getString("operationId");
                toc.append("<li><a href=\"#").append(Html.escape(id)).append("\"><code>").append(method.toUpperCase()).append(' ')
                        .append(Html.escape(path.getKey())).append("</code></a> ").append(Html.escape(operation.getString("summary", ""))).append("</li>\n");
                body.append("<section id=\"").append(Html.escape(id)).append("\"><h2><code>").append(method.toUpperCase()).append(' ')
                        .append(Html.escape(path.getKey())).append("</code></h2>\n<p>").append(Html.escape(operation.getString("summary", ""))).append("</p>\n")
                        .append("<p><strong>Needs:</strong> <code>").append(Html.escape(String.valueOf(operation.getValue(Access.EXTENSION)))).append("</code>")
                        .append(" · <strong>operationId:</strong> <code>").append(Html.escape(id)).append("</code></p>\n");
                JsonArray parameters = new JsonArray();
                item.getJsonArray("parameters", new JsonArray()).forEach(parameters::add);
                operation.getJsonArray("parameters", new JsonArray()).forEach(parameters::add);
                if (!parameters.isEmpty()) {
                    body.append("<h3>Parameters</h3><pre>").append(Html.escape(parameters.encodePrettily())).append("</pre>\n");
                }
                if (operation.getJsonObject("requestBody") != null) {
                    body.append("<h3>Request body</h3><pre>").append(Html.escape(operation.getJsonObject("requestBody").encodePrettily())).append("</pre>\n");
                }
                body.append("<h3>Answers</h3><pre>").append(Html.escape(operation.getJsonObject("responses", new JsonObject()).encodePrettily()))
                        .append("</pre></section>\n");
            }
        }
        return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + Html.escape(info.getString("title", "API"))
                + "</title><link rel=\"icon\" href=\"data:,\"><link rel=\"stylesheet\" href=\"/oauth/callback.css\"></head><body><main style=\"max-width:60rem\">\n<h1>"
                + Html.escape(info.getString("title", "API")) + " " + Html.escape(info.getString("version", "")) + "</h1>\n<p>"
                + Html.escape(info.getString("description", "")) + "</p>\n<p>Machine-readable: <a href=\"/api/openapi.yaml\">openapi.yaml</a>. "
                + "Schemas referenced as <code>#/components/…</code> are in that file.</p>\n<nav aria-label=\"Operations\"><ul>\n" + toc
                + "</ul></nav>\n" + body + "</main></body></html>\n";
    }

    @SuppressWarnings("unchecked")
    private static JsonObject asObject(Object value) {
        if (value instanceof JsonObject json) {
            return json;
        }
        return value instanceof Map<?, ?> map ? new JsonObject((Map<String, Object>) map) : null;
    }


    private static Buffer resource(String path) {
        try (InputStream in = ApiDocs.class.getClassLoader().getResourceAsStream(path)) {
            return Buffer.buffer(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
