package io.testbridge.identity;

import io.testbridge.testing.ApiClient;
import io.testbridge.testing.Fixtures;
import io.testbridge.testing.RunningApp;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class LoginThrottleTest {

    @Test
    void fifty_bad_logins_get_401_then_429_never_5xx_and_the_admin_gets_in_after_the_lock() {
        try (RunningApp app = RunningApp.start()) {
            Fixtures.adminClient(app);
            ApiClient attacker = app.client();
            int unauthorized = 0;
            int throttled = 0;
            for (int i = 0; i < 50; i++) {
                ApiClient.Response response = attacker.login(Fixtures.ADMIN, "wrong password " + i);
                assertThat(response.status()).as(response.body()).isIn(401, 429);
                if (response.status() == 429) {
                    throttled++;
                    assertThat(response.errorCode()).isEqualTo("too_many_attempts");
                    assertThat(response.headers().firstValue("Retry-After")).isPresent();
                    assertThat(response.json().getJsonObject("error").getString("message")).contains("try again in");
                } else {
                    unauthorized++;
                    assertThat(response.errorCode()).isEqualTo("invalid_credentials");
                }
            }
            assertThat(unauthorized).isEqualTo(5);
            assertThat(throttled).isEqualTo(45);

            ApiClient admin = app.client();
            assertThat(admin.login(Fixtures.ADMIN, Fixtures.ADMIN_PASSWORD).status())
                    .as("the right password is refused too while locked").isEqualTo(429);

            app.clock().advance(Duration.ofMinutes(16));
            assertThat(admin.login(Fixtures.ADMIN, Fixtures.ADMIN_PASSWORD).status()).isEqualTo(200);
            assertThat(admin.get("/api/me").status()).isEqualTo(200);
        }
    }

    @Test
    void locks_grow_with_repeated_guessing_but_always_expire() {
        try (RunningApp app = RunningApp.start()) {
            Fixtures.adminClient(app);
            ApiClient attacker = app.client();
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < 5; i++) {
                    assertThat(attacker.login(Fixtures.ADMIN, "guess").status()).isEqualTo(401);
                }
                ApiClient.Response locked = attacker.login(Fixtures.ADMIN, Fixtures.ADMIN_PASSWORD);
                assertThat(locked.status()).isEqualTo(429);
                long retryAfter = Long.parseLong(locked.headers().firstValue("Retry-After").orElseThrow());
                assertThat(retryAfter).isEqualTo(60L << round);
                app.clock().advance(Duration.ofSeconds(retryAfter));
            }
            assertThat(attacker.login(Fixtures.ADMIN, Fixtures.ADMIN_PASSWORD).status()).isEqualTo(200);
        }
    }

    @Test
    void sessions_end_after_the_idle_timeout() {
        try (RunningApp app = RunningApp.start()) {
            ApiClient admin = Fixtures.adminClient(app);
            app.clock().advance(Duration.ofMinutes(479));
            assertThat(admin.get("/api/me").status()).isEqualTo(200);
            app.clock().advance(Duration.ofMinutes(479));
            assertThat(admin.get("/api/me").status()).as("each request resets the idle timer").isEqualTo(200);
            app.clock().advance(Duration.ofMinutes(481));
            assertThat(admin.get("/api/me").status()).isEqualTo(401);
        }
    }
}
