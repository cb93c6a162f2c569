package io.testbridge.http;

import io.vertx.core.json.Json;
import io.vertx.json.schema.common.dsl.SchemaType;
import io.vertx.openapi.contract.Location;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatableRequest;

import java.util.HashMap;
import java.util.Map;

/**
 * Makes free-text query parameters arrive as typed. vertx-openapi reads a string parameter that is
 * not a plain word as JSON: {@code 1.5} became a number (then "must be a string"), {@code "a b"} lost
 * its quotes, {@code a\b} became a backspace and {@code a"b} "can't be decoded". Handing it the
 * value as a JSON string literal makes that reading give back exactly what the user typed.
 */
final class TextQueryParameters {
    private TextQueryParameters() {
    }

    static ValidatableRequest asTyped(ValidatableRequest request, Operation operation) {
        Map<String, RequestParameter> query = new HashMap<>(request.getQuery());
        boolean changed = false;
        for (Parameter parameter : operation.getParameters()) {
            RequestParameter value = query.get(parameter.getName());
            if (parameter.getIn() == Location.QUERY && parameter.getSchemaType() == SchemaType.STRING
                    && value != null && value.get() instanceof String raw) {
                String literal = Json.encode(raw);
                query.put(parameter.getName(), () -> literal);
                changed = true;
            }
        }
        if (!changed) {
            return request;
        }
        return new ValidatableRequest() {
            @Override
            public String getContentType() {
                return request.getContentType();
            }

            @Override
            public Map<String, RequestParameter> getCookies() {
                return request.getCookies();
            }

            @Override
            public Map<String, RequestParameter> getPathParameters() {
                return request.getPathParameters();
            }

            @Override
            public Map<String, RequestParameter> getQuery() {
                return query;
            }

            @Override
            public Map<String, RequestParameter> getHeaders() {
                return request.getHeaders();
            }

            @Override
            public RequestParameter getBody() {
                return request.getBody();
            }
        };
    }
}
