package io.testbridge.cycles;

import io.vertx.core.json.JsonObject;

/** What an import of results answers; {@code replayed}: the answer of an earlier upload with the same idempotency key. */
public record ImportAnswer(JsonObject body, boolean replayed) {
}
