package io.testbridge.config;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrustedProxiesTest {
    private final TrustedProxies proxies = TrustedProxies.parse("127.0.0.1, 10.0.0.0/8, ::1, fd00::/8");

    @Test
    void a_peer_that_is_not_a_trusted_proxy_is_the_client_whatever_it_forwards() {
        assertThat(proxies.clientAddress("203.0.113.5", List.of("198.51.100.1"))).isEqualTo("203.0.113.5");
        assertThat(TrustedProxies.none().clientAddress("127.0.0.1", List.of("198.51.100.1"))).isEqualTo("127.0.0.1");
    }

    @Test
    void behind_trusted_proxies_the_client_is_the_right_most_untrusted_address() {
        // a client cannot choose its address: what it sends stays left of what the proxy appends
        assertThat(proxies.clientAddress("127.0.0.1", List.of("6.6.6.6, 198.51.100.7"))).isEqualTo("198.51.100.7");
        assertThat(proxies.clientAddress("127.0.0.1", List.of("6.6.6.6", "198.51.100.7, 10.1.2.3"))).isEqualTo("198.51.100.7");
        assertThat(proxies.clientAddress("::1", List.of("2001:db8::7"))).isEqualTo("2001:db8:0:0:0:0:0:7");
        assertThat(proxies.clientAddress("0:0:0:0:0:0:0:1", List.of("[2001:db8::7]:4711"))).isEqualTo("2001:db8:0:0:0:0:0:7");
        assertThat(proxies.clientAddress("127.0.0.1", List.of("198.51.100.7:4711"))).isEqualTo("198.51.100.7");
        assertThat(proxies.clientAddress("127.0.0.1", List.of("::ffff:198.51.100.7"))).isEqualTo("198.51.100.7");
    }

    @Test
    void without_a_readable_address_the_last_trusted_hop_is_the_client() {
        assertThat(proxies.clientAddress("127.0.0.1", List.of())).isEqualTo("127.0.0.1");
        assertThat(proxies.clientAddress("127.0.0.1", List.of("10.0.0.9"))).isEqualTo("10.0.0.9");
        assertThat(proxies.clientAddress("127.0.0.1", List.of("198.51.100.7, evil\r\nline, 10.0.0.9"))).isEqualTo("10.0.0.9");
        assertThat(proxies.clientAddress("127.0.0.1", List.of("example.com"))).as("never a DNS name").isEqualTo("127.0.0.1");
    }

    @Test
    void a_setting_that_is_not_addresses_is_refused_at_start() {
        assertThat(TrustedProxies.parse("").isEmpty()).isTrue();
        assertThatThrownBy(() -> TrustedProxies.parse("proxy.internal")).isInstanceOf(ConfigException.class).hasMessageContaining("proxy.internal");
        assertThatThrownBy(() -> TrustedProxies.parse("10.0.0.0/33")).isInstanceOf(ConfigException.class).hasMessageContaining("prefix");
    }
}
