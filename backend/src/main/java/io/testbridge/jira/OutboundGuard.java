package io.testbridge.jira;

import io.testbridge.config.AppConfig;
import io.testbridge.errors.Failure;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * What Testbridge agrees to call: https (http only on loopback, or when allowed), and never a
 * link-local or cloud-metadata address unless allowed, so a registered "Jira" cannot be used to
 * reach the host's metadata service. The address check resolves the name at registration and
 * before each check.
 */
public final class OutboundGuard {
    private final Vertx vertx;
    private final AppConfig.OutboundPolicy policy;

    public OutboundGuard(Vertx vertx, AppConfig.OutboundPolicy policy) {
        this.vertx = vertx;
        this.policy = policy;
    }

    /** Refuses at once (400, naming the field) what the scheme alone rules out. */
    public void checkScheme(String field, JiraUrl url) {
        if (!url.isHttps() && !url.isLoopback() && !policy.allowHttp()) {
            throw Failure.invalid(field, "Use https:// (Jira requires it); plain http is only allowed for "
                    + "localhost unless TESTBRIDGE_JIRA_ALLOW_HTTP=true.");
        }
    }

    /** Fails with a reason when the host resolves to a forbidden address; unknown hosts pass (they are unreachable, not forbidden). */
    public Future<Void> checkAddress(JiraUrl url) {
        if (policy.allowLinkLocal()) {
            return Future.succeededFuture();
        }
        return vertx.executeBlocking(() -> {
            InetAddress[] addresses;
            try {
                addresses = InetAddress.getAllByName(url.host().replace("[", "").replace("]", ""));
            } catch (UnknownHostException e) {
                return null;
            }
            if (Arrays.stream(addresses).anyMatch(OutboundGuard::forbidden)) {
                throw new ForbiddenAddressException(url.host() + " resolves to a link-local or cloud-metadata address, "
                        + "which Testbridge does not call (set TESTBRIDGE_JIRA_ALLOW_LINK_LOCAL=true to allow it).");
            }
            return null;
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
