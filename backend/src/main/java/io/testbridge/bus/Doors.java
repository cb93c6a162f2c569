package io.testbridge.bus;

import io.testbridge.errors.ErrorCode;
import io.testbridge.errors.Failure;
import io.testbridge.observability.RequestContext;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.buffer.Buffer;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Typed calls between modules over the event bus: request/reply with the arguments and the answer
 * handed over by reference through a local codec.
 *
 * <p>Why not vertx-codegen service proxies: Testbridge's nodes do not share a clustered event bus
 * (they meet in PostgreSQL), so a message never leaves the JVM and never needs a wire format; proxies
 * would turn every argument and answer into JSON and back for nothing, and add a code-generation
 * step to the build. Here a door is a plain Java interface ({@link Door}): callers get a
 * {@link #client} that sends each call to {@code <prefix>.<method>}, and the owning verticle
 * {@link #serve}s the same interface on its own context, so its state is only ever touched there.
 * Arguments and answers must be immutable or not changed after the call (records, strings,
 * {@code JsonObject}s the sender lets go of).
 *
 * <p>Failures keep their type: a {@link Failure} (or any exception) thrown by the module reaches the
 * caller as itself, carried inside a {@link ReplyException} whose failure code is its HTTP status.
 * The request id and user id of the calling request travel in headers, so the module's log lines
 * carry them too.
 */
public final class Doors {
    private static final String CODEC = "testbridge.local";
    private static final String REQUEST_ID = "testbridge.request-id";
    private static final String USER_ID = "testbridge.user-id";
    private static final String SERVED = "testbridge.doors.served";

    private Doors() {
    }

    /** The arguments of one call. */
    record Call(Object[] arguments) {
    }

    /** The answer to one call (its value may be null). */
    record Answer(Object value) {
    }

    /** Carries a failure of the serving module to the caller, unchanged. */
    static final class CarriedFailure extends ReplyException {
        private static final long serialVersionUID = 1L;

        CarriedFailure(Throwable failure) {
            super(ReplyFailure.RECIPIENT_FAILURE, failure instanceof Failure known ? known.code().status() : 500,
                    failure.getMessage(), failure, true);
        }
    }

    /** Registers the local codec; once per Vert.x instance, before any door is served or called. */
    public static void install(Vertx vertx) {
        EventBus bus = vertx.eventBus();
        bus.registerDefaultCodec(Call.class, new LocalCodec<>(CODEC + ".call"));
        bus.registerDefaultCodec(Answer.class, new LocalCodec<>(CODEC + ".answer"));
    }

    /** The address a door method is served at. */
    public static String address(Class<?> door, Method method) {
        return prefix(door) + "." + method.getName();
    }

    /** Every address of a door, for documentation and tests. */
    public static List<String> addresses(Class<?> door) {
        return methods(door).stream().map(method -> address(door, method)).toList();
    }

    /** Every address served on this Vert.x instance so far (for tests and diagnostics). */
    public static Set<String> served(Vertx vertx) {
        return Set.copyOf(vertx.sharedData().<String, String>getLocalMap(SERVED).keySet());
    }

    /** A client of the door: each call is a request to the module's verticle, with the door's timeout. */
    public static <T> T client(Vertx vertx, Class<T> door) {
        methods(door); // fail fast on a malformed door
        Object proxy = Proxy.newProxyInstance(door.getClassLoader(), new Class<?>[] {door}, (self, method, arguments) -> {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "toString" -> "Door[" + prefix(door) + "]";
                    case "hashCode" -> System.identityHashCode(self);
                    case "equals" -> self == arguments[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                };
            }
            return call(vertx, address(door, method), timeoutMillis(door, method), arguments);
        });
        return door.cast(proxy);
    }

    /**
     * Serves the door with this implementation, on the calling verticle's context (call it from
     * {@code start()}); the consumers go away when the verticle is undeployed.
     */
    public static <T> Future<Void> serve(Vertx vertx, Class<T> door, T implementation) {
        List<Future<Void>> registrations = new ArrayList<>();
        for (Method method : methods(door)) {
            vertx.sharedData().getLocalMap(SERVED).put(address(door, method), door.getName());
            MessageConsumer<Call> consumer = vertx.eventBus().localConsumer(address(door, method),
                    message -> answer(message, method, implementation));
            registrations.add(consumer.completion());
        }
        return Future.all(registrations).mapEmpty();
    }

    private static Future<Object> call(Vertx vertx, String address, long timeoutMillis, Object[] arguments) {
        DeliveryOptions options = new DeliveryOptions().setSendTimeout(timeoutMillis);
        String requestId = RequestContext.requestId();
        if (requestId != null) {
            options.addHeader(REQUEST_ID, requestId);
        }
        String userId = RequestContext.userId();
        if (userId != null) {
            options.addHeader(USER_ID, userId);
        }
        Call call = new Call(arguments == null ? new Object[0] : arguments);
        return vertx.eventBus().<Answer>request(address, call, options).transform(result -> {
            if (result.succeeded()) {
                return Future.succeededFuture(result.result().body().value());
            }
            Throwable failure = result.cause();
            if (failure instanceof CarriedFailure carried) {
                return Future.failedFuture(carried.getCause());
            }
            if (failure instanceof ReplyException reply && reply.failureType() == ReplyFailure.TIMEOUT) {
                return Future.failedFuture(new Failure(ErrorCode.UNAVAILABLE, "Testbridge did not finish this in time ("
                        + address + "); try again.", null, java.time.Duration.ofSeconds(5)));
            }
            return Future.failedFuture(new IllegalStateException("No answer from " + address + ": " + failure.getMessage(), failure));
        });
    }

    private static void answer(Message<Call> message, Method method, Object implementation) {
        String requestId = message.headers().get(REQUEST_ID);
        if (requestId != null) {
            RequestContext.setRequestId(requestId);
        }
        String userId = message.headers().get(USER_ID);
        if (userId != null && userId.matches("\\d{1,19}")) {
            RequestContext.setUserId(Long.parseLong(userId));
        }
        Future<?> result;
        try {
            result = (Future<?>) method.invoke(implementation, message.body().arguments());
        } catch (InvocationTargetException e) {
            result = Future.failedFuture(e.getCause());
        } catch (IllegalAccessException | RuntimeException e) {
            result = Future.failedFuture(e);
        }
        result.onComplete(value -> message.reply(new Answer(value)),
                failure -> message.reply(new CarriedFailure(failure)));
    }

    private static List<Method> methods(Class<?> door) {
        prefix(door);
        List<Method> methods = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Method method : door.getMethods()) {
            if (method.isDefault() || java.lang.reflect.Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            if (method.getReturnType() != Future.class) {
                throw new IllegalArgumentException(door.getName() + "." + method.getName() + " must answer a Future");
            }
            if (!names.add(method.getName())) {
                throw new IllegalArgumentException(door.getName() + "." + method.getName() + " is overloaded; each door method needs its own name");
            }
            methods.add(method);
        }
        methods.sort(java.util.Comparator.comparing(Method::getName));
        return methods;
    }

    private static String prefix(Class<?> door) {
        Door annotation = door.getAnnotation(Door.class);
        if (annotation == null || !door.isInterface()) {
            throw new IllegalArgumentException(door.getName() + " is not a @Door interface");
        }
        return annotation.value();
    }

    private static long timeoutMillis(Class<?> door, Method method) {
        Door.Timeout timeout = method.getAnnotation(Door.Timeout.class);
        return (timeout != null ? timeout.seconds() : door.getAnnotation(Door.class).timeoutSeconds()) * 1000;
    }

    /** Hands the object over as it is: these messages never leave the JVM. */
    private static final class LocalCodec<T> implements MessageCodec<T, T> {
        private final String name;

        LocalCodec(String name) {
            this.name = name;
        }

        @Override
        public void encodeToWire(Buffer buffer, T value) {
            throw new UnsupportedOperationException("door calls stay inside one JVM");
        }

        @Override
        public T decodeFromWire(int position, Buffer buffer) {
            throw new UnsupportedOperationException("door calls stay inside one JVM");
        }

        @Override
        public T transform(T value) {
            return value;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public byte systemCodecID() {
            return -1;
        }
    }
}
