package io.testbridge.config;

/** A setting that cannot be used; its message is one line an operator can act on. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
