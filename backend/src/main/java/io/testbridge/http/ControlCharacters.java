package io.testbridge.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatedRequest;

import java.util.Map;

/**
 * Finds text PostgreSQL cannot store (NUL) or that has no business in names and values (other C0
 * controls except tab, newline and carriage return), anywhere in a validated request.
 */
final class ControlCharacters {
    private ControlCharacters() {
    }

    /** The name of the first offending field, or null. */
    static String find(ValidatedRequest request) {
        for (Map<String, RequestParameter> parameters : java.util.List.of(request.getPathParameters(), request.getQuery())) {
            for (Map.Entry<String, RequestParameter> parameter : parameters.entrySet()) {
                if (parameter.getValue() != null && bad(parameter.getValue().get())) {
                    return parameter.getKey();
                }
            }
        }
        RequestParameter body = request.getBody();
        return body == null || body.isNull() ? null : inValue("body", body.get());
    }

    private static String inValue(String path, Object value) {
        if (value instanceof JsonObject object) {
            for (Map.Entry<String, Object> entry : object) {
                if (bad(entry.getKey())) {
                    return entry.getKey();
                }
                String found = inValue(entry.getKey(), entry.getValue());
                if (found != null) {
                    return path.equals("body") ? found : path + "." + found;
                }
            }
            return null;
        }
        if (value instanceof JsonArray array) {
            for (int i = 0; i < array.size(); i++) {
                String found = inValue(Integer.toString(i), array.getValue(i));
                if (found != null) {
                    return path + "." + found;
                }
            }
            return null;
        }
        return bad(value) ? path : null;
    }

    private static boolean bad(Object value) {
        if (!(value instanceof String text)) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                return true;
            }
        }
        return false;
    }
}
