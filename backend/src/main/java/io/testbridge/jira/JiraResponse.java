package io.testbridge.jira;

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
        return Json.decodeValue(body);
    }

    public JsonObject bodyAsJsonObject() {
        return body.length() == 0 ? null : body.toJsonObject();
    }

    public JsonArray bodyAsJsonArray() {
        return body.length() == 0 ? null : body.toJsonArray();
    }
}
