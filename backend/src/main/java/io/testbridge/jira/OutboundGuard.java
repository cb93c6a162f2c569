package io.testbridge.jira;

import io.testbridge.config.AppConfig;
import io.testbridge.errors.Failure;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What Testbridge agrees to call: https (http only on loopback, or when allowed), and never a
 * link-local or cloud-metadata address unless allowed, so a registered "Jira" cannot be used to
 * reach the host's metadata service. Every outbound call goes through {@link #pin}: the name is
 * resolved once, every address it resolves to is checked, and the call connects to the checked
 * address, so a name that re-resolves between the check and the connection (DNS rebinding) cannot
 * move it. Loopback is allowed (development, and the tests' Jira simulator). A checked address is
 * reused for {@link #PIN_TIME} (the JVM's own DNS cache time), so a warm call does not queue on a
 * worker thread for a look-up the JVM would answer from its cache anyway; a name that fails is not kept.
 */
public final class OutboundGuard {
    static final Duration PIN_TIME = Duration.ofSeconds(30);
    private static final int PIN_LIMIT = 1_024;

    private final Vertx vertx;
    private final AppConfig.OutboundPolicy policy;
    /** Shared by every verticle that calls Jira, hence concurrent. */
    private final Map<String, Pinned> pins = new ConcurrentHashMap<>();

    private record Pinned(InetAddress address, long untilNanos) {
    }

    public OutboundGuard(Vertx vertx, AppConfig.OutboundPolicy policy) {
        this.vertx = vertx;
        this.policy = policy;
    }

    /** Refuses at once (400, naming the field) what the scheme alone rules out. */
    public void checkScheme(String field, JiraUrl url) {
        if (!schemeAllowed(url)) {
            throw Failure.invalid(field, "Use https:// (Jira requires it); plain http is only allowed for "
                    + "localhost unless TESTBRIDGE_JIRA_ALLOW_HTTP=true.");
        }
    }

    private boolean schemeAllowed(JiraUrl url) {
        return url.isHttps() || url.isLoopback() || policy.allowHttp();
    }

    /** Fails with a reason when the host resolves to a forbidden address; unknown hosts pass (they are unreachable, not forbidden). */
    public Future<Void> checkAddress(JiraUrl url) {
        return pin(url).<Void>mapEmpty().recover(failure -> failure instanceof UnknownHostException
                ? Future.succeededFuture() : Future.failedFuture(failure));
    }

    /**
     * The one address a call to {@code url} connects to: resolved once and checked (every address
     * of the name, not only the one used). Fails with {@link ForbiddenAddressException}, or with
     * {@link UnknownHostException} when the name does not resolve.
     */
    public Future<InetAddress> pin(JiraUrl url) {
        if (!schemeAllowed(url)) {
            return Future.failedFuture(new ForbiddenAddressException(url.host() + " is called over plain http, which Testbridge "
                    + "only does on loopback unless TESTBRIDGE_JIRA_ALLOW_HTTP=true."));
        }
        String name = url.hostName();
        Pinned pinned = pins.get(name);
        if (pinned != null && System.nanoTime() - pinned.untilNanos() < 0) {
            return Future.succeededFuture(pinned.address());
        }
        return vertx.executeBlocking(() -> {
            InetAddress[] addresses = InetAddress.getAllByName(name);
            if (!policy.allowLinkLocal() && Arrays.stream(addresses).anyMatch(OutboundGuard::forbidden)) {
                throw new ForbiddenAddressException(url.host() + " resolves to a link-local or cloud-metadata address, "
                        + "which Testbridge does not call (set TESTBRIDGE_JIRA_ALLOW_LINK_LOCAL=true to allow it).");
            }
            if (pins.size() >= PIN_LIMIT) {
                pins.clear();
            }
            pins.put(name, new Pinned(addresses[0], System.nanoTime() + PIN_TIME.toNanos()));
            return addresses[0];
        }, false);
    }

    private static boolean forbidden(InetAddress address) {
        if (address.isLinkLocalAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        // AWS's IPv6 metadata endpoint fd00:ec2::254
        return address instanceof Inet6Address && bytes[0] == (byte) 0xfd && bytes[1] == 0 && bytes[2] == 0x0e && bytes[3] == (byte) 0xc2;
    }

    /** A URL whose address is off limits. */
    public static final class ForbiddenAddressException extends RuntimeException {
        public ForbiddenAddressException(String message) {
            super(message, null, false, false);
        }
    }
}
