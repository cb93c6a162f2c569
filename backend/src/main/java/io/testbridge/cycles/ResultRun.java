package io.testbridge.cycles;

import io.testbridge.shared.Actor;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * One upload of automated results to record: into cycle {@code cycleId}, or a new cycle named
 * {@code cycleName}; its idempotency key (null: none) and the SHA-256 of what was uploaded;
 * {@code report} (files read, cases created) goes into the answer as it is.
 */
public record ResultRun(long projectId, Long cycleId, String cycleName, String build, String environment, String idempotencyKey,
                        String uploadSha256, List<AutomatedResult> results, JsonObject report, Actor actor) {
}
