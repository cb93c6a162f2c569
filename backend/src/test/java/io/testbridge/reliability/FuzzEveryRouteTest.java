package io.testbridge.reliability;

import io.testbridge.http.ApiRouter;
import io.testbridge.testing.ApiClient;
import io.testbridge.testing.Fixtures;
import io.testbridge.testing.ReliabilityReport;
import io.testbridge.testing.RunningApp;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Thousands of malformed requests, generated from the OpenAPI document for every operation: wrong
 * types, odd and huge strings, nulls, missing and extra fields, broken JSON, wrong content types,
 * bad path and query values. None may produce a 5xx, and every 4xx must have the error shape.
 */
class FuzzEveryRouteTest {
    private static final List<String> PATH_VALUES = List.of("0", "-1", "99999999999999999999", "abc", "%00", "1.5", "%F0%9F%92%A9",
            "'%20OR%201=1", "999999", "1e3", "%2e%2e%2f");
    private static final List<String> RAW_BODIES = List.of("", "null", "[]", "{", "\"text\"", "123", "{\"a\":}", "{\"a\":1,}", "\u0000",
            "{\"__proto__\":{\"admin\":true}}", "[{}]", "true");
    private static final List<String> CONTENT_TYPES = List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x", "application/json; charset=utf-16");
    private static final List<Object> ODD_VALUES = List.of(
            "", " ", "x".repeat(100_000), "\u202Eevil\u0000", "𝕏🙂𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "\uFEFF\u200B", "' OR 1=1 --", "<script>alert(1)</script>",
            "../../etc/passwd", "%s%n%x", "\uD800", 123, -1, 1.5e308, true, new JsonArray().add(1), new JsonObject().put("a", 1),
            new JsonArray(), "0".repeat(400));

    @Test
    void thousands_of_malformed_requests_never_produce_a_5xx_and_always_the_error_shape() throws Exception {
        Vertx vertx = Vertx.vertx();
        OpenAPIContract contract = ApiRouter.loadContract(vertx).toCompletionStage().toCompletableFuture().get();
        vertx.close();
        Map<Integer, Integer> byStatus = new TreeMap<>();
        List<String> serverErrors = new ArrayList<>();
        List<String> shapeErrors = new ArrayList<>();
        int sent = 0;
        try (RunningApp app = RunningApp.start()) {
            ApiClient admin = Fixtures.adminClient(app);
            for (Operation operation : contract.operations()) {
                String id = operation.getOperationId();
                if (id.startsWith("logout")) {
                    continue; // would end the fuzzing session; covered by the permission matrix
                }
                String method = operation.getHttpMethod().name();
                String template = operation.getOpenAPIPath();
                List<String[]> requests = new ArrayList<>();
                String path = template.replaceAll("\\{[^}]+}", "999999");
                if (template.contains("{")) {
                    for (String value : PATH_VALUES) {
                        requests.add(new String[] {template.replaceAll("\\{[^}]+}", value), "{}", "application/json"});
                    }
                }
                for (Object parameter : operation.getParameters()) {
                    io.vertx.openapi.contract.Parameter p = (io.vertx.openapi.contract.Parameter) parameter;
                    if (p.getIn() == io.vertx.openapi.contract.Location.QUERY) {
                        for (String value : List.of("%00", "x".repeat(5000), "-1", "abc", "%F0%9F%92%A9", "", "1e999")) {
                            requests.add(new String[] {path + "?" + p.getName() + "=" + value, null, null});
                        }
                    }
                }
                boolean hasBody = operation.getRequestBody() != null || !method.equals("GET");
                if (hasBody) {
                    for (String raw : RAW_BODIES) {
                        requests.add(new String[] {path, raw, "application/json"});
                    }
                    for (String type : CONTENT_TYPES) {
                        requests.add(new String[] {path, "{\"name\":\"x\"}", type});
                    }
                    requests.add(new String[] {path, "{\"big\":\"" + "y".repeat(1_100_000) + "\"}", "application/json"});
                    for (String property : properties(operation)) {
                        for (Object odd : ODD_VALUES) {
                            requests.add(new String[] {path, new JsonObject().put(property, odd).put("unexpectedExtra", 1).encode(), "application/json"});
                            requests.add(new String[] {path, new JsonObject().put(property, odd).encode(), "application/json"});
                        }
                    }
                }
                for (String[] request : requests) {
                    ApiClient.Response response = admin.send(method, request[0], request[1], request[2]);
                    sent++;
                    byStatus.merge(response.status(), 1, Integer::sum);
                    String label = method + " " + abbreviate(request[0]) + " " + abbreviate(String.valueOf(request[1])) + " -> " + response.status();
                    if (response.status() >= 500) {
                        serverErrors.add(label + " " + abbreviate(response.body()));
                    } else if (response.status() >= 400 && !hasErrorShape(response)) {
                        shapeErrors.add(label + " " + abbreviate(response.body()));
                    }
                }
            }
        }
        ReliabilityReport.write("fuzzing", new JsonObject().put("requests", sent).put("serverErrors", serverErrors.size())
                .put("badErrorShapes", shapeErrors.size()).put("byStatus", new JsonObject(new TreeMap<String, Object>(toStrings(byStatus)))));
        assertThat(sent).isGreaterThanOrEqualTo(2_000);
        assertThat(serverErrors).as("5xx answers").isEmpty();
        assertThat(shapeErrors).as("4xx answers without the error shape").isEmpty();
    }

    private static Map<String, Object> toStrings(Map<Integer, Integer> counts) {
        Map<String, Object> out = new TreeMap<>();
        counts.forEach((status, count) -> out.put(Integer.toString(status), count));
        return out;
    }

    /** The top-level properties of the operation's JSON body schema, and two that it does not have. */
    private static List<String> properties(Operation operation) {
        List<String> names = new ArrayList<>(List.of("id", "admin"));
        if (operation.getRequestBody() != null) {
            JsonObject model = operation.getRequestBody().getOpenAPIModel();
            JsonObject schema = model.getJsonObject("content", new JsonObject()).getJsonObject("application/json", new JsonObject())
                    .getJsonObject("schema", new JsonObject());
            JsonObject properties = schema.getJsonObject("properties");
            if (properties != null) {
                names.addAll(properties.fieldNames());
            }
        }
        return names;
    }

    private static boolean hasErrorShape(ApiClient.Response response) {
        try {
            JsonObject error = response.json().getJsonObject("error");
            return error != null && error.getString("code") != null && error.getString("message") != null;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String abbreviate(String text) {
        return text == null ? "" : text.length() > 120 ? text.substring(0, 120) + "…" : text;
    }
}
