package io.testbridge.jirasim;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One response-schema fragment from {@code src/test/resources/contract} (see the README there):
 * a JSON Schema 2020-12 document whose {@code $ref}s all point into its own {@code $defs}, and
 * which names its source in {@code x-source}.
 */
final class ContractSchema {

    private final String name;
    private final JsonObject document;
    private final Validator validator;

    private ContractSchema(String name, JsonObject document) {
        this.name = name;
        this.document = document;
        this.validator = Validator.create(JsonSchema.of(document), new JsonSchemaOptions().setDraft(Draft.DRAFT202012)
                .setBaseUri("https://testbridge.invalid/contract/" + name).setOutputFormat(OutputFormat.Basic));
    }

    /** Loads {@code contract/{name}}, e.g. {@code cloud-v3/myself.json}. */
    static ContractSchema load(String name) {
        String resource = "/contract/" + name;
        try (InputStream in = ContractSchema.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no schema fragment " + resource);
            }
            return new ContractSchema(name, new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String name() {
        return name;
    }

    /** What the fragment was cut from, as one line for failure messages. */
    String source() {
        JsonObject source = document.getJsonObject("x-source", new JsonObject());
        return source.getString("operation", source.getString("component", "?")) + " in "
                + source.getString("url", source.getString("document", "?"))
                + (source.containsKey("infoVersion") ? " (info.version " + source.getString("infoVersion") + ")" : "");
    }

    /**
     * The places where {@code json} (a JSON text) breaks the schema, as "instance location: error"
     * lines; empty when it conforms. Only the innermost errors are kept: the outer ones only say
     * that something below failed.
     */
    List<String> violations(String json) {
        Object value = Json.decodeValue(json);
        OutputUnit result = validator.validate(value);
        List<String> lines = new ArrayList<>();
        if (Boolean.TRUE.equals(result.getValid())) {
            return lines;
        }
        List<OutputUnit> errors = result.getErrors() == null ? List.of(result) : result.getErrors();
        for (OutputUnit error : errors) {
            String message = error.getError();
            if (message == null || message.startsWith("A subschema had errors") || message.endsWith("does not match schema")) {
                continue;
            }
            lines.add(error.getInstanceLocation() + ": " + message + " (" + error.getKeywordLocation() + ")");
        }
        // vert.x also reports a declared property that failed its own schema as an "additional" one: drop that echo.
        List<String> locations = lines.stream().filter(line -> !line.contains("does not match additional properties schema"))
                .map(line -> line.substring(0, line.indexOf(": "))).toList();
        lines.removeIf(line -> line.contains("does not match additional properties schema")
                && locations.contains(line.substring(0, line.indexOf(": "))));
        if (lines.isEmpty()) {
            errors.forEach(error -> lines.add(error.getInstanceLocation() + ": " + error.getError()));
        }
        return lines;
    }
}
