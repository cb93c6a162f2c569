package io.testbridge.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

import java.util.Map;

/**
 * A module's share of the API: a handler per OpenAPI operationId. Access control and request
 * validation have run before a handler is called (see {@link ApiRouter}).
 */
public interface ApiModule {
    Map<String, Handler<RoutingContext>> operations();
}
