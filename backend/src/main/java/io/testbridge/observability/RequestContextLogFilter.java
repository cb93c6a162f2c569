package io.testbridge.observability;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.MDC;
import org.slf4j.Marker;

/**
 * Puts the request id and user id of the current Vert.x request into the MDC just before each log
 * event is made (an event loop thread serves many requests, so a thread-bound MDC alone would mix
 * them up). Registered in logback.xml.
 */
public final class RequestContextLogFilter extends TurboFilter {
    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        set("request_id", RequestContext.requestId());
        set("user_id", RequestContext.userId());
        return FilterReply.NEUTRAL;
    }

    private static void set(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }
}
