package io.testbridge.http;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * Who may create the first administrator while none exists. A person on the server itself may (a
 * loopback peer, a loopback Host, and only loopback addresses in any forwarding header: the
 * README's first run and the browser tests); anyone else needs the one-time setup token, which is
 * written to {@code <data dir>/setup-token} (0600) at a start without users and never logged. The
 * token travels in the header {@value #HEADER}, or in a cookie set by opening {@code /setup?token=…}.
 */
public final class FirstRunSetup {
    private static final Logger LOG = LoggerFactory.getLogger(FirstRunSetup.class);
    public static final String HEADER = "X-Testbridge-Setup-Token";
    public static final String FILE_NAME = "setup-token";
    private static final String COOKIE = "testbridge_setup";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Optional<String> token;
    private final Path file;
    private final boolean secureCookie;

    private FirstRunSetup(Optional<String> token, Path file, boolean secureCookie) {
        this.token = token;
        this.file = file;
        this.secureCookie = secureCookie;
    }

    /** Users exist: no token; a leftover token file is removed. */
    public static FirstRunSetup closed(Path dataDir, boolean secureCookie) {
        Path file = dataDir.resolve(FILE_NAME);
        deleteQuietly(file);
        return new FirstRunSetup(Optional.empty(), file, secureCookie);
    }

    /** No user yet: a new token in {@code <data dir>/setup-token}, readable by this OS user only. */
    public static FirstRunSetup awaitingAdministrator(Path dataDir, boolean secureCookie) {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Path file = dataDir.resolve(FILE_NAME);
        try {
            deleteQuietly(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, token + "\n", StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the setup token to " + file, e);
        }
        return new FirstRunSetup(Optional.of(token), file, secureCookie);
    }

    /** Says how to create the administrator from elsewhere, naming the file and never the token. */
    public void announce(URI publicUrl) {
        if (token.isPresent()) {
            LOG.info("event=setup_waiting message=\"No administrator yet: create one at {}/setup from this machine, or from elsewhere by opening "
                    + "{}/setup?token=<the token in {}>\"", publicUrl, publicUrl, file);
        }
    }

    /** Whether this request may create the first administrator. */
    public boolean allows(RoutingContext ctx) {
        return isLocal(ctx) || token.filter(expected -> matches(expected, presented(ctx))).isPresent();
    }

    /** The administrator exists: the token is spent. */
    public void spent() {
        deleteQuietly(file);
    }

    /** {@code GET /setup?token=…}: keeps the token in a cookie for the setup page's request and drops it from the address bar. */
    public void mount(Router router) {
        router.get("/setup").handler(ctx -> {
            String presented = ctx.request().getParam("token");
            if (presented == null) {
                ctx.next();
                return;
            }
            ctx.response().addCookie(Cookie.cookie(COOKIE, presented).setPath("/api/setup").setHttpOnly(true).setSecure(secureCookie)
                    .setSameSite(CookieSameSite.STRICT).setMaxAge(3600));
            ctx.response().setStatusCode(303).putHeader("Location", "/setup").putHeader("Cache-Control", "no-store").end();
        });
    }

    private static String presented(RoutingContext ctx) {
        String header = ctx.request().getHeader(HEADER);
        if (header != null) {
            return header.strip();
        }
        Cookie cookie = ctx.request().getCookie(COOKIE);
        return cookie == null ? null : cookie.getValue();
    }

    private static boolean matches(String expected, String presented) {
        return presented != null
                && MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), presented.getBytes(StandardCharsets.US_ASCII));
    }

    /** On this machine end to end: a proxy in front (even on loopback) must show a loopback client and Host too. */
    static boolean isLocal(RoutingContext ctx) {
        SocketAddress peer = ctx.request().remoteAddress();
        if (peer == null || !isLoopbackLiteral(peer.hostAddress()) || !isLoopbackHost(ctx.request().getHeader("Host"))) {
            return false;
        }
        String forwardedHost = ctx.request().getHeader("X-Forwarded-Host");
        if (forwardedHost != null && !isLoopbackHost(forwardedHost)) {
            return false;
        }
        for (String header : new String[] {"X-Forwarded-For", "X-Real-IP"}) {
            for (String value : ctx.request().headers().getAll(header)) {
                for (String address : value.split(",")) {
                    if (!isLoopbackLiteral(address.strip())) {
                        return false;
                    }
                }
            }
        }
        // RFC 7239's Forwarded is not parsed: its presence alone means "from elsewhere"
        return ctx.request().getHeader("Forwarded") == null;
    }

    private static boolean isLoopbackHost(String host) {
        if (host == null) {
            return false;
        }
        String name = host.strip().toLowerCase(Locale.ROOT);
        if (name.startsWith("[")) {
            int end = name.indexOf(']');
            return end > 0 && isLoopbackLiteral(name.substring(1, end));
        }
        int colon = name.lastIndexOf(':');
        if (colon >= 0) {
            name = name.substring(0, colon);
        }
        return name.equals("localhost") || isLoopbackLiteral(name);
    }

    /** An IP literal in 127.0.0.0/8 or ::1, IPv4-mapped included; parsed by hand, so nothing is ever resolved. */
    private static boolean isLoopbackLiteral(String address) {
        if (address == null) {
            return false;
        }
        String value = address.toLowerCase(Locale.ROOT);
        if (value.equals("::1") || value.equals("0:0:0:0:0:0:0:1")) {
            return true;
        }
        if (value.startsWith("::ffff:")) {
            value = value.substring("::ffff:".length());
        }
        String[] parts = value.split("\\.", -1);
        if (parts.length != 4 || !parts[0].equals("127")) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit) || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("event=setup_token_not_deleted file={} reason={}", file, e.getMessage());
        }
    }
}
