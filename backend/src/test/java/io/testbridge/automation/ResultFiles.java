package io.testbridge.automation;

import io.testbridge.testing.ApiClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Test helpers for result uploads: report files, multipart bodies, and an independent reading of JUnit XML. */
final class ResultFiles {
    private ResultFiles() {
    }

    /** A test as the XML says, read with the DOM (not the code under test): its result and duration in ms. */
    record Expected(String identifier, String status, long durationMs) {
    }

    static Path resource(String path) {
        try {
            return Path.of(ResultFiles.class.getClassLoader().getResource("automation/" + path).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Path> xmlFiles(Path folder) {
        try (var files = Files.list(folder)) {
            return files.filter(file -> file.getFileName().toString().matches("TEST-.*\\.xml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every test case of JUnit XML files, by identifier (class#name). */
    static Map<String, Expected> junitTests(List<Path> files) {
        Map<String, Expected> tests = new LinkedHashMap<>();
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            for (Path file : files) {
                Document document = factory.newDocumentBuilder().parse(file.toFile());
                NodeList cases = document.getElementsByTagName("testcase");
                for (int i = 0; i < cases.getLength(); i++) {
                    Element testCase = (Element) cases.item(i);
                    String status = testCase.getElementsByTagName("failure").getLength() + testCase.getElementsByTagName("error").getLength() > 0
                            ? "FAIL" : testCase.getElementsByTagName("skipped").getLength() > 0 ? "NOT_RUN" : "PASS";
                    String time = testCase.getAttribute("time");
                    long ms = time.isEmpty() ? 0 : Math.round(Double.parseDouble(time.replace(",", "")) * 1000);
                    String identifier = testCase.getAttribute("classname") + "#" + testCase.getAttribute("name");
                    tests.put(identifier, new Expected(identifier, status, ms));
                }
            }
            return tests;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A multipart/form-data body: the files (as "files" parts) and fields. */
    static Multipart multipart(List<Path> files, Map<String, String> fields) {
        String boundary = "----testbridge" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try {
            for (Map.Entry<String, String> field : fields.entrySet()) {
                body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey() + "\"\r\n\r\n" + field.getValue() + "\r\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            for (Path file : files) {
                body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"" + file.getFileName()
                        + "\"\r\nContent-Type: application/xml\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                body.write(Files.readAllBytes(file));
                body.write("\r\n".getBytes(StandardCharsets.UTF_8));
            }
            body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Multipart(body.toByteArray(), "multipart/form-data; boundary=" + boundary);
    }

    record Multipart(byte[] body, String contentType) {
        ApiClient.Response send(ApiClient client, String path, Map<String, String> headers) {
            return client.postStream(path, HttpRequest.BodyPublishers.ofByteArray(body), contentType, headers);
        }
    }

    static ApiClient.Response upload(ApiClient client, long projectId, String query, Path file, String contentType, Map<String, String> headers) {
        try {
            return client.postStream("/api/projects/" + projectId + "/results?" + query, HttpRequest.BodyPublishers.ofFile(file), contentType, headers);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ApiClient.Response upload(ApiClient client, long projectId, String query, String body, String contentType) {
        return client.postStream("/api/projects/" + projectId + "/results?" + query, HttpRequest.BodyPublishers.ofString(body), contentType, Map.of());
    }

    /** The cycle's cases, each with its case's automation identifier, by identifier. */
    static Map<String, JsonObject> cycleResults(ApiClient client, long cycleId) {
        JsonArray items = client.get("/api/cycles/" + cycleId + "/cases").json().getJsonArray("items");
        Map<String, JsonObject> byIdentifier = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            JsonObject item = items.getJsonObject(i);
            JsonObject testCase = client.get("/api/cases/" + item.getLong("caseId")).json();
            assertThat(testCase.getString("automationId")).as("an automated case").isNotNull();
            byIdentifier.put(testCase.getString("automationId"), item.put("automationId", testCase.getString("automationId")));
        }
        return byIdentifier;
    }
}
