package io.testbridge.cycles;

import io.vertx.core.buffer.Buffer;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * What an uploaded file is, from its first bytes, never from what the uploader claims: the images
 * and documents people attach as evidence; other text is plain text (HTML included: it is served
 * as text, never rendered); anything else is opaque bytes.
 */
final class ContentSniffer {
    private ContentSniffer() {
    }

    static String sniff(Buffer data) {
        byte[] head = data.getBytes(0, Math.min(data.length(), 16));
        if (startsWith(head, 0x89, 'P', 'N', 'G')) {
            return "image/png";
        }
        if (startsWith(head, 0xFF, 0xD8, 0xFF)) {
            return "image/jpeg";
        }
        if (startsWith(head, 'G', 'I', 'F', '8')) {
            return "image/gif";
        }
        if (startsWith(head, 'R', 'I', 'F', 'F') && head.length >= 12 && head[8] == 'W' && head[9] == 'E' && head[10] == 'B' && head[11] == 'P') {
            return "image/webp";
        }
        if (startsWith(head, '%', 'P', 'D', 'F')) {
            return "application/pdf";
        }
        if (startsWith(head, 'P', 'K', 3, 4)) {
            return "application/zip";
        }
        return isText(data) ? "text/plain; charset=utf-8" : "application/octet-stream";
    }

    /** Whether the type is one a browser may show in an img element (the SPA's thumbnails). */
    static boolean isImage(String contentType) {
        return contentType.startsWith("image/");
    }

    private static boolean isText(Buffer data) {
        byte[] sample = data.getBytes(0, Math.min(data.length(), 64 * 1024));
        for (byte b : sample) {
            if (b == 0) {
                return false;
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(sample, 0, trimmedToCharacter(sample)));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** The sample's length without a UTF-8 character cut off at its end. */
    private static int trimmedToCharacter(byte[] sample) {
        int end = sample.length;
        for (int back = 1; back <= 3 && end - back >= 0; back++) {
            int b = sample[end - back] & 0xFF;
            if ((b & 0xC0) == 0xC0) {
                return end - back;
            }
            if ((b & 0x80) == 0) {
                return end;
            }
        }
        return end;
    }

    private static boolean startsWith(byte[] head, int... prefix) {
        if (head.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((head[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
