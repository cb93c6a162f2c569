package io.testbridge.db;

import io.testbridge.config.ConfigException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The embedded PostgreSQL's superuser password: generated on first start into a file beside the
 * encryption key ({@code <data dir>/database.password}, 0600) and read on every start after. It is
 * never logged; whoever can read it can already read the data files.
 */
public final class DatabasePassword {
    public static final String FILE = "database.password";

    private DatabasePassword() {
    }

    public static String readOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            String password = Files.readString(file, StandardCharsets.US_ASCII).strip();
            if (password.isEmpty()) {
                throw new ConfigException("The database password file " + file + " is empty; restore it from a backup of the data dir.");
            }
            return password;
        } catch (IOException e) {
            throw new ConfigException("Cannot read or create the database password file " + file + ": " + e.getMessage());
        }
    }

    /**
     * Written to a private temporary file, flushed, then linked into place: a crash never leaves an
     * empty or half-written password, and a second process starting at once keeps the first one's.
     */
    private static void create(Path file) throws IOException {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        // URL-safe base64: no character that needs quoting in a connection string or initdb's pwfile
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Path temporary = Files.createTempFile(file.getParent(), ".database-password", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.write(StandardCharsets.US_ASCII.encode(password + "\n"));
                channel.force(true);
            }
            try {
                Files.createLink(file, temporary);
            } catch (FileAlreadyExistsException raced) {
                // another process created it first: theirs is read
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
