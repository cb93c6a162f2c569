package io.testbridge.crypto;

import io.testbridge.config.ConfigException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Where the encryption key comes from: {@code TESTBRIDGE_SECRET_KEY} (base64 of 32 bytes), or else a
 * key file in the data dir, generated on first start with permissions 0600. The key never enters
 * the database, so a database backup alone reveals no secret.
 */
public final class KeyStore {
    public static final String KEY_FILE = "secret.key";

    private KeyStore() {
    }

    /** Whether a key is there to open: configured, or a key file in the data dir (opening would create one). */
    public static boolean exists(String configuredKey, Path dataDir) {
        return !configuredKey.isBlank() || Files.exists(dataDir.resolve(KEY_FILE));
    }

    /** The current key as base64, for a backup asked to include it. */
    public static String currentKeyText(String configuredKey, Path dataDir) {
        return Base64.getEncoder().encodeToString(configuredKey.isBlank() ? keyFile(dataDir.resolve(KEY_FILE)) : decode("TESTBRIDGE_SECRET_KEY", configuredKey));
    }

    /** Installs a key (from a backup that includes it) as this data dir's key file, 0600; there must be none yet. */
    public static void install(String base64, Path dataDir) {
        decode("The backup's key", base64);
        Path file = dataDir.resolve(KEY_FILE);
        try {
            Files.createDirectories(dataDir);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, base64.strip() + "\n", StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new ConfigException("Cannot write the key file " + file + ": " + e.getMessage());
        }
    }

    public static SecretBox open(String configuredKey, String previousKeys, Path dataDir) {
        byte[] current = configuredKey.isBlank() ? keyFile(dataDir.resolve(KEY_FILE)) : decode("TESTBRIDGE_SECRET_KEY", configuredKey);
        List<byte[]> previous = new ArrayList<>();
        for (String key : previousKeys.split(",")) {
            if (!key.isBlank()) {
                previous.add(decode("TESTBRIDGE_PREVIOUS_SECRET_KEYS", key.strip()));
            }
        }
        return new SecretBox(current, previous);
    }

    private static byte[] decode(String setting, String base64) {
        try {
            byte[] key = Base64.getDecoder().decode(base64.strip());
            if (key.length != 32) {
                throw new ConfigException(setting + " must be 32 random bytes in base64 (e.g. from `openssl rand -base64 32`), not " + key.length + " bytes.");
            }
            return key;
        } catch (IllegalArgumentException e) {
            throw new ConfigException(setting + " is not valid base64.");
        }
    }

    private static byte[] keyFile(Path file) {
        try {
            if (!Files.exists(file)) {
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
                } catch (FileAlreadyExistsException raced) {
                    // another process created it first: read theirs
                } catch (UnsupportedOperationException notPosix) {
                    Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
                }
            }
            return decode("The key file " + file, Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new ConfigException("Cannot read or create the encryption key file " + file + ": " + e.getMessage());
        }
    }
}
