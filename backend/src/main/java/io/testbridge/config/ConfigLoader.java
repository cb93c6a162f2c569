package io.testbridge.config;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/** Resolves every {@link Setting} from flags, environment, config file and defaults, and validates it. */
public final class ConfigLoader {

    private final Map<Setting, String> values = new EnumMap<>(Setting.class);

    private ConfigLoader() {
    }

    /**
     * @param args command-line flags such as {@code --http-port=8080} or {@code --http-port 8080}
     * @param env  the process environment (a map, so tests can pass their own)
     */
    public static AppConfig load(List<String> args, Map<String, String> env) {
        Map<Setting, String> flags = parseFlags(args);
        ConfigLoader loader = new ConfigLoader();
        String configFile = flags.getOrDefault(Setting.CONFIG_FILE, env.getOrDefault(Setting.CONFIG_FILE.envName(), ""));
        Map<Setting, String> fileValues = configFile.isBlank() ? Map.of() : readFile(Path.of(configFile));
        for (Setting setting : Setting.values()) {
            String value = flags.get(setting);
            if (value == null) {
                value = env.get(setting.envName());
            }
            if (value == null) {
                value = fileValues.get(setting);
            }
            loader.values.put(setting, value == null ? setting.defaultValue() : value.trim());
        }
        return loader.build();
    }

    private static Map<Setting, String> parseFlags(List<String> args) {
        Map<Setting, String> flags = new EnumMap<>(Setting.class);
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            Setting setting = settingForFlag(name);
            if (value == null) {
                if (i + 1 >= args.size()) {
                    throw new ConfigException("The flag " + name + " needs a value.");
                }
                value = args.get(++i);
            }
            flags.put(setting, value);
        }
        return flags;
    }

    private static Setting settingForFlag(String flag) {
        for (Setting setting : Setting.values()) {
            if (setting.flag().equals(flag)) {
                return setting;
            }
        }
        throw new ConfigException("Unknown flag " + flag + " (see --help).");
    }

    private static Map<Setting, String> readFile(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new ConfigException("Cannot read the config file " + file + ": " + e.getMessage());
        }
        Map<Setting, String> values = new EnumMap<>(Setting.class);
        for (String key : properties.stringPropertyNames()) {
            Setting setting = null;
            for (Setting candidate : Setting.values()) {
                if (candidate.envName().equals(key)) {
                    setting = candidate;
                }
            }
            if (setting == null) {
                throw new ConfigException("Unknown setting " + key + " in the config file " + file + ".");
            }
            values.put(setting, properties.getProperty(key));
        }
        return values;
    }

    private AppConfig build() {
        String adminUser = text(Setting.INITIAL_ADMIN_USERNAME);
        String adminPassword = text(Setting.INITIAL_ADMIN_PASSWORD);
        if (adminUser.isEmpty() != adminPassword.isEmpty()) {
            throw new ConfigException("Set both TESTBRIDGE_INITIAL_ADMIN_USERNAME and TESTBRIDGE_INITIAL_ADMIN_PASSWORD, or neither.");
        }
        String dbUrl = text(Setting.DB_URL);
        return new AppConfig(
                text(Setting.HTTP_HOST),
                integer(Setting.HTTP_PORT, 0, 65535),
                publicUrl(),
                Path.of(text(Setting.DATA_DIR)).toAbsolutePath().normalize(),
                dbUrl.isEmpty() ? Optional.empty() : Optional.of(DatabaseUrl.parse(dbUrl)),
                integer(Setting.DB_POOL_SIZE, 1, 500),
                Duration.ofSeconds(integer(Setting.DB_CONNECT_TIMEOUT_SECONDS, 1, 600)),
                adminUser.isEmpty() ? Optional.empty() : Optional.of(new AppConfig.InitialAdmin(adminUser, adminPassword)),
                Duration.ofMinutes(integer(Setting.SESSION_IDLE_MINUTES, 1, 525_600)),
                Duration.ofHours(integer(Setting.SESSION_ABSOLUTE_HOURS, 1, 8_760)),
                integer(Setting.LOGIN_MAX_FAILURES, 1, 1000),
                Duration.ofSeconds(integer(Setting.LOGIN_LOCK_SECONDS, 1, 86_400)),
                integer(Setting.API_TOKEN_REQUESTS_PER_MINUTE, 1, 1_000_000),
                TrustedProxies.parse(text(Setting.TRUSTED_PROXIES)),
                text(Setting.SECRET_KEY),
                text(Setting.PREVIOUS_SECRET_KEYS),
                baseUrl(Setting.ATLASSIAN_AUTH_URL),
                baseUrl(Setting.ATLASSIAN_API_URL),
                new AppConfig.OutboundPolicy(bool(Setting.JIRA_ALLOW_HTTP), bool(Setting.JIRA_ALLOW_LINK_LOCAL),
                        Duration.ofSeconds(integer(Setting.JIRA_TIMEOUT_SECONDS, 1, 300)),
                        integer(Setting.JIRA_MAX_ANSWER_MB, 1, 100) * 1024L * 1024L),
                Duration.ofMinutes(integer(Setting.INSTANCE_CHECK_MINUTES, 1, 1440)),
                Duration.ofDays(integer(Setting.HISTORY_RETENTION_DAYS, 0, 36_500)),
                backups(),
                integer(Setting.ATTACHMENT_MAX_MB, 1, 100) * 1024L * 1024L,
                integer(Setting.RESULTS_MAX_MB, 1, 1024) * 1024L * 1024L,
                metrics(),
                oneOf(Setting.LOG_FORMAT, "text", "json"));
    }

    private AppConfig.BackupSchedule backups() {
        String time = text(Setting.BACKUP_TIME).strip();
        Optional<java.time.LocalTime> at = Optional.empty();
        if (!time.isEmpty()) {
            if (!time.matches("([01][0-9]|2[0-3]):[0-5][0-9]")) {
                throw new ConfigException(Setting.BACKUP_TIME.envName() + " must be a time of day as HH:MM (e.g. 02:30), not '" + time + "'.");
            }
            at = Optional.of(java.time.LocalTime.parse(time));
        }
        String folder = text(Setting.BACKUP_DIR).strip();
        Path dataDir = Path.of(text(Setting.DATA_DIR)).toAbsolutePath().normalize();
        return new AppConfig.BackupSchedule(at, folder.isEmpty() ? dataDir.resolve("backups") : Path.of(folder).toAbsolutePath().normalize(),
                integer(Setting.BACKUP_KEEP, 1, 1000));
    }

    private String text(Setting setting) {
        return values.get(setting);
    }

    private AppConfig.MetricsSettings metrics() {
        AppConfig.MetricsMode mode = AppConfig.MetricsMode.valueOf(oneOf(Setting.METRICS, "off", "token", "port").toUpperCase(java.util.Locale.ROOT));
        String token = text(Setting.METRICS_TOKEN);
        if (mode == AppConfig.MetricsMode.TOKEN && token.length() < 16) {
            throw new ConfigException("TESTBRIDGE_METRICS=token needs TESTBRIDGE_METRICS_TOKEN of at least 16 characters.");
        }
        return new AppConfig.MetricsSettings(mode, token, integer(Setting.METRICS_PORT, 1, 65535));
    }

    private String oneOf(Setting setting, String... allowed) {
        String value = text(setting).toLowerCase(java.util.Locale.ROOT);
        if (!java.util.Arrays.asList(allowed).contains(value)) {
            throw new ConfigException(setting.envName() + " must be one of " + String.join(", ", allowed) + ", not '" + text(setting) + "'.");
        }
        return value;
    }

    private boolean bool(Setting setting) {
        String value = text(setting).toLowerCase(java.util.Locale.ROOT);
        if (value.equals("true") || value.equals("false")) {
            return Boolean.parseBoolean(value);
        }
        throw new ConfigException(setting.envName() + " must be true or false, not '" + text(setting) + "'.");
    }

    private int integer(Setting setting, int min, int max) {
        String value = text(setting);
        try {
            int number = Integer.parseInt(value);
            if (number < min || number > max) {
                throw new ConfigException(setting.envName() + " must be between " + min + " and " + max + ", not " + value + ".");
            }
            return number;
        } catch (NumberFormatException e) {
            throw new ConfigException(setting.envName() + " must be a whole number, not '" + value + "'.");
        }
    }

    private String baseUrl(Setting setting) {
        String value = text(setting);
        try {
            URI uri = new URI(value);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new ConfigException(setting.envName() + " must be an http(s) URL, not '" + value + "'.");
            }
        } catch (URISyntaxException e) {
            throw new ConfigException(setting.envName() + " is not a URL: " + e.getReason() + ".");
        }
        return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }

    private Optional<URI> publicUrl() {
        String value = text(Setting.PUBLIC_URL);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                    || uri.getRawQuery() != null || uri.getRawUserInfo() != null) {
                throw new ConfigException("TESTBRIDGE_PUBLIC_URL must be an http(s) URL without credentials or query, like https://testbridge.example.com.");
            }
            return Optional.of(uri);
        } catch (URISyntaxException e) {
            throw new ConfigException("TESTBRIDGE_PUBLIC_URL is not a URL: " + e.getReason() + ".");
        }
    }

    /** The settings table printed by {@code --help}. */
    public static String helpText() {
        StringBuilder help = new StringBuilder("Usage: java -jar testbridge.jar [--setting value ...]\n\nSettings (flag / environment variable, default):\n");
        for (Setting setting : Setting.values()) {
            help.append(String.format("  %-32s %-40s %s%n      %s%n", setting.flag(), setting.envName(),
                    setting.defaultValue().isEmpty() ? "(empty)" : setting.defaultValue(), setting.description()));
        }
        return help.toString();
    }
}
