package io.testbridge.cycles;

import io.vertx.core.buffer.Buffer;

/** A file of evidence, with what it is (sniffed) and its bytes. {@link #toString()} leaves the bytes out. */
public record Attachment(long id, String filename, String contentType, int size, Buffer data) {
    @Override
    public String toString() {
        return "Attachment[" + id + ", " + filename + ", " + contentType + ", " + size + " bytes]";
    }
}
