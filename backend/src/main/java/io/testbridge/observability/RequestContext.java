package io.testbridge.observability;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;

/**
 * Values that belong to the request being handled (request id, user id), kept in the data of the
 * request's Vert.x context: every callback of that request (database, Jira calls) runs on the same
 * duplicated context, so log lines written from any of them can carry the values.
 */
public final class RequestContext {
    private static final String REQUEST_ID = "testbridge.request_id";
    private static final String USER_ID = "testbridge.user_id";

    private RequestContext() {
    }

    public static void setRequestId(String id) {
        put(REQUEST_ID, id);
    }

    public static void setUserId(long id) {
        put(USER_ID, Long.toString(id));
    }

    public static String requestId() {
        return get(REQUEST_ID);
    }

    public static String userId() {
        return get(USER_ID);
    }

    private static void put(String key, String value) {
        Context context = Vertx.currentContext();
        if (context instanceof ContextInternal internal && internal.isDuplicate()) {
            internal.localContextData().put(key, value);
        }
    }

    private static String get(String key) {
        Context context = Vertx.currentContext();
        if (context instanceof ContextInternal internal && internal.isDuplicate()) {
            Object value = internal.localContextData().get(key);
            return value == null ? null : value.toString();
        }
        return null;
    }
}
