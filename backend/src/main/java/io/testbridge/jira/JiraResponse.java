package io.testbridge.jira;

import io.testbridge.errors.ErrorCode;
import io.testbridge.errors.Failure;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** A whole answer from Jira, read within the size cap and the deadline of {@link JiraHttp}. */
public record JiraResponse(int statusCode, MultiMap headers, Buffer body) {

    public String getHeader(String name) {
        return headers.get(name);
    }

    public String bodyAsString() {
        return body.toString();
    }

    /** The body as JSON of any kind (object, array, text, number); fails on what is not JSON. */
    public Object bodyAsJson() {
        try {
            return Json.decodeValue(body);
        } catch (RuntimeException e) {
            throw notJson("JSON");
        }
    }

    public JsonObject bodyAsJsonObject() {
        try {
            return body.length() == 0 ? null : body.toJsonObject();
        } catch (RuntimeException e) {
            throw notJson("a JSON object");
        }
    }

    public JsonArray bodyAsJsonArray() {
        try {
            return body.length() == 0 ? null : body.toJsonArray();
        } catch (RuntimeException e) {
            throw notJson("a JSON array");
        }
    }

    /** The parser's message would quote the body: name the problem instead. */
    private Failure notJson(String expected) {
        return new Failure(ErrorCode.JIRA_ERROR, "Jira answered HTTP " + statusCode + " with something other than " + expected
                + " (a proxy in the way?).");
    }
}
