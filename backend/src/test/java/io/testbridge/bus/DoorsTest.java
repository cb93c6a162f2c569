package io.testbridge.bus;

import io.testbridge.errors.ErrorCode;
import io.testbridge.errors.Failure;
import io.testbridge.observability.RequestContext;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DoorsTest {
    /** A door as a module would declare one. */
    @Door(value = "testbridge.test", timeoutSeconds = 5)
    interface Greeter {
        Future<String> greet(String name, int times);

        Future<List<String>> names();

        Future<Void> refuse(String why);

        Future<Void> crash();

        @Door.Timeout(seconds = 1)
        Future<String> never();

        Future<String> requestId();
    }

    @Door(value = "testbridge.unserved", timeoutSeconds = 5)
    interface Unserved {
        Future<String> anything();
    }

    @Door(value = "testbridge.overloaded", timeoutSeconds = 5)
    interface Overloaded {
        Future<String> a(String x);

        Future<String> a(int x);
    }

    @Door(value = "testbridge.blocking", timeoutSeconds = 5)
    interface Blocking {
        String answer();
    }

    /** The module: its state (the contexts it ran on) is only touched on its own context. */
    static final class GreeterVerticle extends VerticleBase implements Greeter {
        final AtomicReference<Context> servedOn = new AtomicReference<>();
        volatile Context own;

        @Override
        public Future<?> start() {
            own = context;
            return Doors.serve(vertx, Greeter.class, this);
        }

        @Override
        public Future<String> greet(String name, int times) {
            servedOn.set(((ContextInternal) Vertx.currentContext()).unwrap());
            return Future.succeededFuture(("hello " + name + " ").repeat(times).strip());
        }

        @Override
        public Future<List<String>> names() {
            return Future.succeededFuture(List.of("ada", "bob"));
        }

        @Override
        public Future<Void> refuse(String why) {
            return Future.failedFuture(new Failure(ErrorCode.CONFLICT, why, "name"));
        }

        @Override
        public Future<Void> crash() {
            throw new IllegalStateException("bug in the module");
        }

        @Override
        public Future<String> never() {
            return Promise.<String>promise().future();
        }

        @Override
        public Future<String> requestId() {
            return Future.succeededFuture(RequestContext.requestId());
        }
    }

    private Vertx vertx;
    private GreeterVerticle module;
    private Greeter greeter;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        Doors.install(vertx);
        module = new GreeterVerticle();
        await(vertx.deployVerticle(module));
        greeter = Doors.client(vertx, Greeter.class);
    }

    @AfterEach
    void stop() throws Exception {
        await(vertx.close());
    }

    @Test
    void a_call_is_answered_by_the_module_on_its_own_context() throws Exception {
        assertThat(await(greeter.greet("ada", 2))).isEqualTo("hello ada hello ada");
        assertThat(module.servedOn.get()).isSameAs(module.own);
        assertThat(await(greeter.names())).containsExactly("ada", "bob");
    }

    @Test
    void a_failure_reaches_the_caller_as_itself() {
        assertThatThrownBy(() -> await(greeter.refuse("taken")))
                .isInstanceOfSatisfying(Failure.class, failure -> {
                    assertThat(failure.code()).isEqualTo(ErrorCode.CONFLICT);
                    assertThat(failure.getMessage()).isEqualTo("taken");
                    assertThat(failure.field()).isEqualTo("name");
                });
    }

    @Test
    void an_unexpected_exception_keeps_its_type_so_the_http_layer_logs_it_as_a_bug() {
        assertThatThrownBy(() -> await(greeter.crash())).isInstanceOf(IllegalStateException.class).hasMessage("bug in the module");
    }

    @Test
    void a_call_that_is_never_answered_fails_after_its_timeout_as_unavailable() {
        assertThatThrownBy(() -> await(greeter.never()))
                .isInstanceOfSatisfying(Failure.class, failure -> {
                    assertThat(failure.code()).isEqualTo(ErrorCode.UNAVAILABLE);
                    assertThat(failure.getMessage()).contains("testbridge.test.never");
                });
    }

    @Test
    void the_request_id_of_the_caller_travels_with_the_call() throws Exception {
        ContextInternal request = ((ContextInternal) vertx.getOrCreateContext()).duplicate();
        Promise<String> seen = Promise.promise();
        request.runOnContext(v -> {
            RequestContext.setRequestId("req-42");
            greeter.requestId().onComplete(seen);
        });
        assertThat(await(seen.future())).isEqualTo("req-42");
    }

    @Test
    void a_door_nobody_serves_fails_the_call_naming_its_address() {
        Unserved unserved = Doors.client(vertx, Unserved.class);
        assertThatThrownBy(() -> await(unserved.anything())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("testbridge.unserved.anything");
    }

    @Test
    void a_malformed_door_is_refused_when_it_is_made() {
        assertThatThrownBy(() -> Doors.client(vertx, Overloaded.class)).hasMessageContaining("overloaded");
        assertThatThrownBy(() -> Doors.client(vertx, Blocking.class)).hasMessageContaining("must answer a Future");
        assertThatThrownBy(() -> Doors.client(vertx, Runnable.class)).hasMessageContaining("not a @Door interface");
    }

    @Test
    void every_method_has_its_own_address_under_the_door_prefix() {
        assertThat(Doors.addresses(Greeter.class)).containsExactly("testbridge.test.crash", "testbridge.test.greet",
                "testbridge.test.names", "testbridge.test.never", "testbridge.test.refuse", "testbridge.test.requestId");
    }

    private static <T> T await(Future<T> future) throws Exception {
        try {
            return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }
}
