package io.testbridge.config;

import io.netty.util.NetUtil;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The reverse proxies whose {@code X-Forwarded-For} is believed (TESTBRIDGE_TRUSTED_PROXIES):
 * addresses and CIDR ranges. Only a request whose direct peer is one of them has its client taken
 * from that header: the right-most address that is not a trusted proxy, since every proxy appends
 * the address it received the request from and only what trusted proxies appended is true. The
 * standard {@code Forwarded} header is not read: common proxies pass a client's own copy through.
 */
public final class TrustedProxies {
    private static final java.util.regex.Pattern WITH_PORT = java.util.regex.Pattern.compile("\\[([^]]+)]:[0-9]{1,5}|([0-9.]+):[0-9]{1,5}");

    private final List<Range> ranges;

    private TrustedProxies(List<Range> ranges) {
        this.ranges = List.copyOf(ranges);
    }

    public static TrustedProxies none() {
        return new TrustedProxies(List.of());
    }

    /** @param setting comma-separated addresses and CIDR ranges, e.g. {@code 127.0.0.1, 10.0.0.0/8, ::1} */
    public static TrustedProxies parse(String setting) {
        List<Range> ranges = new ArrayList<>();
        for (String part : setting.split(",")) {
            String entry = part.strip();
            if (entry.isEmpty()) {
                continue;
            }
            int slash = entry.indexOf('/');
            byte[] address = literal(slash < 0 ? entry : entry.substring(0, slash));
            if (address == null) {
                throw new ConfigException("TESTBRIDGE_TRUSTED_PROXIES: '" + entry + "' is not an IP address or CIDR range.");
            }
            int bits = address.length * 8;
            if (slash >= 0) {
                try {
                    bits = Integer.parseInt(entry.substring(slash + 1));
                } catch (NumberFormatException e) {
                    bits = -1;
                }
                if (bits < 0 || bits > address.length * 8) {
                    throw new ConfigException("TESTBRIDGE_TRUSTED_PROXIES: '" + entry + "' has a bad prefix length.");
                }
            }
            ranges.add(new Range(address, bits));
        }
        return new TrustedProxies(ranges);
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    /**
     * The client of a request.
     *
     * @param peer         the address of the direct peer
     * @param forwardedFor every X-Forwarded-For header of the request, in order
     */
    public String clientAddress(String peer, List<String> forwardedFor) {
        if (!trusts(peer)) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        forwardedFor.forEach(header -> hops.addAll(List.of(header.split(","))));
        String client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            byte[] address = literal(hops.get(i).strip());
            if (address == null) {
                // not an address: what the last trusted hop says cannot be read, so it stays the client
                return client;
            }
            client = canonical(address);
            if (!trusts(address)) {
                return client;
            }
        }
        return client;
    }

    boolean trusts(String address) {
        byte[] bytes = literal(address);
        return bytes != null && trusts(bytes);
    }

    private boolean trusts(byte[] address) {
        return ranges.stream().anyMatch(range -> range.contains(address));
    }

    @Override
    public String toString() {
        return "TrustedProxies" + ranges;
    }

    /** The bytes of an IP literal (IPv4, IPv6 with or without brackets; an IPv4-mapped IPv6 as IPv4), or null; never a DNS lookup. */
    private static byte[] literal(String text) {
        // some proxies append the client's port: 192.0.2.1:4711, [2001:db8::1]:4711
        java.util.regex.Matcher withPort = WITH_PORT.matcher(text);
        String bare = withPort.matches() ? (withPort.group(1) != null ? withPort.group(1) : withPort.group(2)) : text;
        bare = bare.startsWith("[") && bare.endsWith("]") ? bare.substring(1, bare.length() - 1) : bare;
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(bare);
        if (bytes != null && bytes.length == 16 && isIpv4Mapped(bytes)) {
            return java.util.Arrays.copyOfRange(bytes, 12, 16);
        }
        return bytes;
    }

    private static boolean isIpv4Mapped(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
    }

    private static String canonical(byte[] address) {
        try {
            return InetAddress.getByAddress(address).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Range(byte[] network, int bits) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < bits; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((address[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public String toString() {
            return canonical(network) + "/" + bits;
        }
    }
}
