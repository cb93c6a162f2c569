package io.testbridge.testing;

import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A browser-like API client over real HTTP: keeps cookies, sends the CSRF token it was given on
 * unsafe methods, and records every response so tests can scan them for secrets.
 */
public final class ApiClient {
    private final String baseUrl;
    private final CookieManager cookies;
    private final HttpClient http;
    private final List<Response> seen = Collections.synchronizedList(new ArrayList<>());
    private String csrfToken;
    private final String authorization;

    public ApiClient(String baseUrl) {
        this(baseUrl, new CookieManager(), null, null);
    }

    private ApiClient(String baseUrl, CookieManager cookies, String csrfToken, String authorization) {
        this.baseUrl = baseUrl;
        this.cookies = cookies;
        this.csrfToken = csrfToken;
        this.authorization = authorization;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(cookies).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /**
     * The same browser (cookies, CSRF token) talking to another address, e.g. the server after a
     * restart on a new port. Cookies are per host, not per port, so they carry over as in a browser.
     */
    public ApiClient rebase(String newBaseUrl) {
        return new ApiClient(newBaseUrl, cookies, csrfToken, authorization);
    }

    /** A client as CI uses the API: {@code Authorization: Bearer <token>} on every request, no session, no CSRF token. */
    public static ApiClient withBearer(String baseUrl, String token) {
        return new ApiClient(baseUrl, new CookieManager(), null, "Bearer " + token);
    }

    /** This browser (its cookies and CSRF token) sending an {@code Authorization} header as well. */
    public ApiClient withAuthorization(String header) {
        return new ApiClient(baseUrl, cookies, csrfToken, header);
    }

    public record Response(int status, String body, java.net.http.HttpHeaders headers) {
        public JsonObject json() {
            return new JsonObject(body);
        }

        /** The error's code; null for an answer that is not an error (so a wait for one can read it again). */
        public String errorCode() {
            return error().getString("code");
        }

        public String errorField() {
            return error().getString("field");
        }

        private JsonObject error() {
            return json().getJsonObject("error", new JsonObject());
        }
    }

    public Response get(String path) {
        return send("GET", path, null, null);
    }

    /** GET with one more request header (e.g. If-None-Match). */
    public Response get(String path, String header, String value) {
        return sendTo(URI.create(baseUrl + path), "GET", HttpRequest.BodyPublishers.noBody(), null, Map.of(header, value));
    }

    public Response post(String path, JsonObject body) {
        return send("POST", path, body.encode(), "application/json");
    }

    public Response put(String path, JsonObject body) {
        return send("PUT", path, body.encode(), "application/json");
    }

    public Response patch(String path, JsonObject body) {
        return send("PATCH", path, body.encode(), "application/json");
    }

    public Response delete(String path) {
        return send("DELETE", path, null, null);
    }

    /** Opens a full URL in this browser (e.g. where Jira redirects to), with its cookies. */
    public Response open(String absoluteUrl) {
        return sendTo(URI.create(absoluteUrl), "GET", (String) null, null);
    }

    /** Any method, raw body and content type (null for none): for malformed-input tests. */
    public Response send(String method, String path, String body, String contentType) {
        return sendTo(URI.create(baseUrl + path), method, body, contentType);
    }

    /** A raw byte body, e.g. an uploaded file. */
    public Response postBytes(String path, byte[] body, String contentType) {
        return sendTo(URI.create(baseUrl + path), "POST", HttpRequest.BodyPublishers.ofByteArray(body), contentType);
    }

    /** POST with any body (e.g. streamed from a generator, or multipart) and extra request headers. */
    public Response postStream(String path, HttpRequest.BodyPublisher body, String contentType, Map<String, String> headers) {
        return sendTo(URI.create(baseUrl + path), "POST", body, contentType, headers, Duration.ofSeconds(120));
    }

    private Response sendTo(URI uri, String method, String body, String contentType) {
        return sendTo(uri, method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body), contentType);
    }

    private Response sendTo(URI uri, String method, HttpRequest.BodyPublisher body, String contentType) {
        return sendTo(uri, method, body, contentType, Map.of());
    }

    private Response sendTo(URI uri, String method, HttpRequest.BodyPublisher body, String contentType, Map<String, String> headers) {
        return sendTo(uri, method, body, contentType, headers, Duration.ofSeconds(30));
    }

    private Response sendTo(URI uri, String method, HttpRequest.BodyPublisher body, String contentType, Map<String, String> headers, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).method(method, body);
        headers.forEach(request::header);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (csrfToken != null && !method.equals("GET")) {
            request.header("X-CSRF-Token", csrfToken);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Response result = new Response(response.statusCode(), response.body(), response.headers());
            seen.add(result);
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Logs in and keeps the session cookie and CSRF token, as the SPA does. */
    public Response login(String username, String password) {
        Response response = post("/api/session", new JsonObject().put("username", username).put("password", password));
        if (response.status() == 200) {
            csrfToken = response.json().getString("csrfToken");
        }
        return response;
    }

    public void forgetCsrfToken() {
        csrfToken = null;
    }

    public CookieManager cookies() {
        return cookies;
    }

    public List<Response> responses() {
        return seen;
    }
}
