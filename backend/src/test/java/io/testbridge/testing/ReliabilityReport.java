package io.testbridge.testing;

import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Figures of the reliability and security suite, one JSON file per test; scripts/reliability-summary prints the table. */
public final class ReliabilityReport {
    private ReliabilityReport() {
    }

    public static void write(String name, JsonObject figures) {
        try {
            Path dir = Path.of(System.getProperty("testbridge.test.workdir", "target/test-work")).resolve("reliability");
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(name + ".json"), figures.encodePrettily());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
