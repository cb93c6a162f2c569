package io.testbridge.http;

import io.testbridge.errors.ErrorCode;
import io.testbridge.errors.Failure;
import io.testbridge.identity.ApiTokenSecret;
import io.testbridge.identity.Principal;
import io.testbridge.identity.Identity;
import io.testbridge.identity.SessionToken;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.validation.ValidatedRequest;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the API router from the OpenAPI document. Every operation gets, in this order: access
 * control (from its declared right; CSRF on unsafe methods; a personal API token only where the
 * operation declares {@code x-testbridge-bearer: true}), request validation against the
 * document, then the module's handler. Start-up fails if an operation lacks a declared right or a
 * handler, or a handler has no operation: the document is the one list of routes and rights.
 */
public final class ApiRouter {
    public static final String CONTRACT = "openapi/testbridge.yaml";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    private static final long MAX_BODY_BYTES = 1024 * 1024;
    /** Where a request keeps the body limit it was read with (for the refusal's message). */
    static final String BODY_LIMIT = "testbridge.bodyLimit";
    /** An operation's own body limit in bytes, where it needs more than the default. */
    static final String MAX_BODY_EXTENSION = "x-testbridge-max-body-bytes";
    private static final String BEARER = "Bearer ";
    private static final String WWW_AUTHENTICATE = "WWW-Authenticate";
    private static final String BEARER_CHALLENGE = "Bearer realm=\"Testbridge\"";
    /**
     * An operation whose handler streams the body itself ({@link UploadSpool}): no body handler
     * reads it, the request is paused until access control and validation let it through, and the
     * body is not validated against the document (the handler checks what it reads).
     */
    static final String STREAMED_BODY_EXTENSION = "x-testbridge-streamed-body";
    private static final Set<HttpMethod> SAFE_METHODS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private final Vertx vertx;
    private final Identity identity;
    private final SessionCookie cookie;
    private final Map<String, Long> bodyLimits;

    /** @param bodyLimits body limits in bytes of operations whose limit is a setting (by operationId) */
    public ApiRouter(Vertx vertx, Identity identity, SessionCookie cookie, Map<String, Long> bodyLimits) {
        this.vertx = vertx;
        this.identity = identity;
        this.bodyLimits = Map.copyOf(bodyLimits);
        this.cookie = cookie;
    }

    public static Future<OpenAPIContract> loadContract(Vertx vertx) {
        return OpenAPIContract.from(vertx, CONTRACT);
    }

    /** The declared access of every operation, by operationId (the permission matrix test reads it). */
    public static Map<String, Access> accessByOperation(OpenAPIContract contract) {
        Map<String, Access> access = new HashMap<>();
        for (Operation operation : contract.operations()) {
            access.put(operation.getOperationId(), Access.parse(operation.getOperationId(),
                    operation.getExtensions().get(Access.EXTENSION), operation.getExtensions().get(Access.BEARER_EXTENSION)));
        }
        return access;
    }

    /**
     * @param rootHandlers run first on every request the returned router sees, API or not
     */
    public Router create(OpenAPIContract contract, List<ApiModule> modules, List<Handler<RoutingContext>> rootHandlers) {
        Map<String, Handler<RoutingContext>> handlers = new HashMap<>();
        for (ApiModule module : modules) {
            module.operations().forEach((id, handler) -> {
                if (handlers.put(id, handler) != null) {
                    throw new IllegalStateException("Two handlers for operation " + id);
                }
            });
        }
        Map<String, Access> access = accessByOperation(contract);
        Set<String> unhandled = new HashSet<>(access.keySet());
        unhandled.removeAll(handlers.keySet());
        Set<String> unknown = new HashSet<>(handlers.keySet());
        unknown.removeAll(access.keySet());
        if (!unhandled.isEmpty() || !unknown.isEmpty()) {
            throw new IllegalStateException("API operations without handler: " + unhandled + "; handlers without operation: " + unknown);
        }

        RouterBuilder builder = RouterBuilder.create(vertx, contract, RequestExtractor.withBodyHandler());
        rootHandlers.forEach(builder::rootHandler);
        builder.rootHandler(bodyLimits(contract, bodyLimits));
        RequestValidation validator = new RequestValidation(vertx, contract);
        Set<String> streamed = streamedOperations(contract);
        for (OpenAPIRoute route : builder.getRoutes()) {
            Operation operation = route.getOperation();
            String id = operation.getOperationId();
            route.setDoValidation(false);
            route.addHandler(accessControl(access.get(id)));
            route.addHandler(validation(validator, operation, streamed.contains(id)));
            route.addHandler(handlers.get(id));
        }
        Router router = builder.createRouter();
        ApiDocs.mount(router, contract);
        router.route("/api/*").handler(ctx -> ctx.fail(contract.findPath(ctx.normalizedPath()) == null ? 404 : 405));
        return router;
    }

    /**
     * Reads request bodies up to what the request's operation allows: a setting ({@code settings}),
     * its {@value #MAX_BODY_EXTENSION} (a CSV import), else {@value #MAX_BODY_BYTES} bytes. One
     * operation taking large bodies does not open every route to them. The limit stays on the
     * request, so a refusal can name it.
     */
    private static Handler<RoutingContext> bodyLimits(OpenAPIContract contract, Map<String, Long> settings) {
        BodyHandler standard = BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES);
        Map<String, Long> limits = new HashMap<>();
        for (Operation operation : contract.operations()) {
            Object declared = operation.getExtensions().get(MAX_BODY_EXTENSION);
            if (declared instanceof Number limit) {
                limits.put(operation.getOperationId(), limit.longValue());
            }
        }
        limits.putAll(settings);
        Map<String, BodyHandler> larger = new HashMap<>();
        limits.forEach((operationId, limit) -> larger.put(operationId, BodyHandler.create(false).setBodyLimit(limit)));
        Set<String> streamed = streamedOperations(contract);
        return ctx -> {
            HttpMethod method = ctx.request().method();
            if ((!larger.isEmpty() || !streamed.isEmpty()) && !SAFE_METHODS.contains(method)) {
                Operation operation = contract.findOperation(ctx.normalizedPath(), method);
                if (operation != null && streamed.contains(operation.getOperationId())) {
                    ctx.request().pause();
                    // refused before (or while) its handler reads it, the body is not left paused on the connection
                    ctx.addEndHandler(answered -> UploadSpool.swallowRest(ctx.request()));
                    ctx.next();
                    return;
                }
                BodyHandler handler = operation == null ? null : larger.get(operation.getOperationId());
                if (handler != null) {
                    ctx.put(BODY_LIMIT, limits.get(operation.getOperationId()));
                    handler.handle(ctx);
                    return;
                }
            }
            ctx.put(BODY_LIMIT, MAX_BODY_BYTES);
            standard.handle(ctx);
        };
    }

    static Set<String> streamedOperations(OpenAPIContract contract) {
        Set<String> streamed = new HashSet<>();
        for (Operation operation : contract.operations()) {
            if (Boolean.TRUE.equals(operation.getExtensions().get(STREAMED_BODY_EXTENSION))) {
                streamed.add(operation.getOperationId());
            }
        }
        return streamed;
    }

    private Handler<RoutingContext> accessControl(Access access) {
        return ctx -> {
            // Only a Bearer credential with Testbridge's token prefix is ours: a reverse proxy's Basic
            // authentication, or the JWT oauth2-proxy (--pass-authorization-header) or a gateway adds to every
            // request, must not turn the SPA's requests into token requests; the session cookie decides those.
            String authorization = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
            if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
                String credentials = authorization.substring(BEARER.length()).strip();
                if (ApiTokenSecret.hasTokenPrefix(credentials)) {
                    bearerAccess(ctx, access, credentials);
                    return;
                }
            }
            if (access.kind() == Access.Kind.PUBLIC) {
                ctx.next();
                return;
            }
            SessionToken token = cookie.read(ctx);
            if (token == null) {
                if (access.bearer()) {
                    ctx.response().putHeader(WWW_AUTHENTICATE, BEARER_CHALLENGE);
                }
                ctx.fail(new Failure(ErrorCode.UNAUTHENTICATED, "Log in first."));
                return;
            }
            identity.resolveSession(token).onComplete(result -> {
                if (result.failed()) {
                    ctx.fail(result.cause());
                    return;
                }
                if (result.result().isEmpty()) {
                    cookie.clear(ctx);
                    ctx.fail(new Failure(ErrorCode.UNAUTHENTICATED, "Your session has ended; log in again."));
                    return;
                }
                Principal principal = result.result().get();
                if (!SAFE_METHODS.contains(ctx.request().method()) && !csrfTokenMatches(ctx, principal)) {
                    ctx.fail(new Failure(ErrorCode.CSRF_TOKEN_INVALID,
                            "The " + CSRF_HEADER + " header is missing or wrong; reload the page."));
                    return;
                }
                if (access.kind() == Access.Kind.RIGHT && !principal.has(access.right())) {
                    ctx.fail(new Failure(ErrorCode.FORBIDDEN,
                            "You need the " + access.right() + " right for this; ask an administrator."));
                    return;
                }
                ctx.put(Requests.PRINCIPAL, principal);
                io.testbridge.observability.RequestContext.setUserId(principal.userId());
                ctx.next();
            });
        };
    }

    /**
     * A request with an {@code Authorization: Bearer tb_…} header is a personal API token's, whatever cookies it
     * carries: it reaches only operations that declare {@link Access#BEARER_EXTENSION}, needs no CSRF
     * token (a browser never adds this header to a cross-site request by itself), and never reads,
     * sets or clears the session cookie. Its principal has the owner's current rights that the
     * token's scopes grant.
     */
    private void bearerAccess(RoutingContext ctx, Access access, String credentials) {
        if (!access.bearer()) {
            ctx.fail(new Failure(ErrorCode.FORBIDDEN, "API tokens cannot be used for this operation; it is only open to a logged-in session."));
            return;
        }
        ApiTokenSecret presented = ApiTokenSecret.parse(credentials);
        if (presented == null) {
            ctx.response().putHeader(WWW_AUTHENTICATE, BEARER_CHALLENGE + ", error=\"invalid_request\"");
            ctx.fail(new Failure(ErrorCode.TOKEN_UNKNOWN,
                    "Send a Testbridge API token as 'Authorization: Bearer tb_…' (the whole token, as it was shown when it was created).",
                    "Authorization"));
            return;
        }
        identity.resolveApiToken(presented).onComplete(result -> {
            if (result.failed()) {
                if (result.cause() instanceof Failure failure && failure.code().status() == 401) {
                    ctx.response().putHeader(WWW_AUTHENTICATE, BEARER_CHALLENGE + ", error=\"invalid_token\"");
                }
                ctx.fail(result.cause());
                return;
            }
            Principal principal = result.result();
            if (!principal.has(access.right())) {
                ctx.fail(new Failure(ErrorCode.FORBIDDEN, "This API token does not carry the " + access.right()
                        + " right: its scopes, or its owner's roles, do not grant it."));
                return;
            }
            ctx.put(Requests.PRINCIPAL, principal);
            io.testbridge.observability.RequestContext.setUserId(principal.userId());
            ctx.next();
        });
    }

    private static boolean csrfTokenMatches(RoutingContext ctx, Principal principal) {
        String sent = ctx.request().getHeader(CSRF_HEADER);
        return sent != null && MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
                principal.csrfToken().getBytes(StandardCharsets.UTF_8));
    }

    private static Handler<RoutingContext> validation(RequestValidation validator, Operation operation, boolean streamedBody) {
        RequestExtractor extractor = streamedBody
                ? (ctx, op) -> io.vertx.openapi.validation.RequestUtils.extract(ctx.request(), op, () -> io.vertx.core.Future.succeededFuture(null))
                : RequestExtractor.withBodyHandler();
        return ctx -> extractor.extractValidatableRequest(ctx, operation).onSuccess(request -> {
            ValidatedRequest validated;
            try {
                validated = validator.validate(TextQueryParameters.asTyped(request, operation), operation, streamedBody);
            } catch (RuntimeException e) { // ValidatorException names the bad part; anything else is ours to fix (500)
                ctx.fail(e);
                return;
            }
            String badField = ControlCharacters.find(validated);
            if (badField != null) {
                ctx.fail(Failure.invalid(badField, badField + " contains a control character (such as NUL) that Testbridge does not store."));
                return;
            }
            ctx.put(Requests.VALIDATED, validated);
            ctx.next();
        }).onFailure(ctx::fail);
    }
}
