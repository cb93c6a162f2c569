package io.testbridge.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Secrets a test made the application issue (e.g. personal API tokens), added to the list the
 * suite-wide secret scan ({@code scripts/reliability-summary}) looks for in every log and test output.
 */
public final class IssuedSecrets {
    private IssuedSecrets() {
    }

    public static void record(String... secrets) {
        try {
            Path file = Path.of(System.getProperty("testbridge.test.workdir", "target/test-work"), "issued-secrets.txt");
            Files.createDirectories(file.getParent());
            Files.write(file, List.of(secrets), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
