package io.testbridge.http;

import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An HTTP answer as an {@link OutputStream} for blocking code on a worker thread (a backup
 * streamed with JDBC's COPY): each write waits while the client is behind (the response's write
 * queue full), so memory stays bounded by the queue however big the answer; a client gone or stuck
 * for {@code stallSeconds} makes the next write fail, which stops the producer.
 */
public final class BlockingResponseStream extends OutputStream {
    private static final int CHUNK = 64 * 1024;
    private final HttpServerResponse response;
    private final Context context;
    private final long stallSeconds;
    private volatile boolean gone;

    public BlockingResponseStream(HttpServerResponse response, Context context, long stallSeconds) {
        this.response = response;
        this.context = context;
        this.stallSeconds = stallSeconds;
        context.runOnContext(x -> response.closeHandler(closed -> gone = true));
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        for (int start = offset; start < offset + length; start += CHUNK) {
            int size = Math.min(CHUNK, offset + length - start);
            awaitRoom();
            response.write(Buffer.buffer().appendBytes(bytes, start, size));
        }
    }

    private void awaitRoom() throws IOException {
        if (gone || response.closed()) {
            throw new IOException("the client went away");
        }
        if (!response.writeQueueFull()) {
            return;
        }
        CompletableFuture<Void> room = new CompletableFuture<>();
        context.runOnContext(x -> {
            if (!response.writeQueueFull() || response.closed()) {
                room.complete(null);
            } else {
                response.drainHandler(drained -> room.complete(null));
            }
        });
        try {
            room.get(stallSeconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IOException("the client took nothing for " + stallSeconds + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        } catch (ExecutionException e) {
            throw new IOException(e.getCause());
        }
        if (gone || response.closed()) {
            throw new IOException("the client went away");
        }
    }
}
