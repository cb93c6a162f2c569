package io.testbridge.http;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.nio.file.NoSuchFileException;

import static org.assertj.core.api.Assertions.assertThat;

/** Which failures answer 503 ("the database is not answering") rather than 500. */
class FailureHandlerTest {

    @Test
    void a_lost_or_refused_connection_is_the_database_being_unavailable() {
        // As Netty's NIO transport reports a reset while PostgreSQL restarts (seen in FaultsTest as a 500).
        assertThat(FailureHandler.databaseUnreachable(new IOException("Connection reset by peer"))).isTrue();
        assertThat(FailureHandler.databaseUnreachable(new RuntimeException("query failed", new IOException("Broken pipe")))).isTrue();
        assertThat(FailureHandler.databaseUnreachable(new ConnectException("Connection refused"))).isTrue();
        assertThat(FailureHandler.databaseUnreachable(new ClosedChannelException())).isTrue();
    }

    @Test
    void other_failures_are_not_mistaken_for_an_unavailable_database() {
        assertThat(FailureHandler.databaseUnreachable(new IllegalStateException("bug"))).isFalse();
        assertThat(FailureHandler.databaseUnreachable(new NoSuchFileException("/data/key"))).isFalse();
        assertThat(FailureHandler.databaseUnreachable(new IOException((String) null))).isFalse();
    }
}
