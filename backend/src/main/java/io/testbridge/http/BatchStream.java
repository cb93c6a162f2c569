package io.testbridge.http;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

import java.util.function.Function;

/**
 * Writes a long answer (a CSV export) batch by batch, asking for the next batch only once the
 * client has taken the last: memory stays bounded however long the export. A failure after the
 * first bytes cuts the answer short, so that no client mistakes it for a whole file; the failure
 * handler logs it.
 */
public final class BatchStream {
    /** Some text, and where the next batch starts (null: this was the last). */
    public record Batch<C>(String text, C next) {
    }

    private BatchStream() {
    }

    /** The headers must be set; {@code batches} is asked for the first batch with {@code start}, then with each batch's {@code next}. */
    public static <C> void write(RoutingContext ctx, C start, Function<C, Future<Batch<C>>> batches) {
        HttpServerResponse response = ctx.response();
        if (!response.headWritten()) {
            response.setChunked(true);
        }
        batches.apply(start).onSuccess(batch -> {
            if (response.closed()) {
                return;
            }
            if (!batch.text().isEmpty()) {
                response.write(batch.text());
            }
            if (batch.next() == null) {
                response.end();
            } else if (response.writeQueueFull()) {
                response.drainHandler(drained -> write(ctx, batch.next(), batches));
            } else {
                write(ctx, batch.next(), batches);
            }
        }).onFailure(ctx::fail);
    }
}
