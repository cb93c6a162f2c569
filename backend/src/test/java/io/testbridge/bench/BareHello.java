package io.testbridge.bench;

import io.vertx.core.Vertx;

/**
 * The baseline: a bare Vert.x HTTP server answering a small JSON body on the port given, with one
 * server per core on the shared socket, as Testbridge runs its own.
 */
public final class BareHello {
    private BareHello() {
    }

    public static void main(String[] args) {
        Vertx vertx = Vertx.vertx();
        int port = Integer.parseInt(args[0]);
        for (int i = 0; i < Runtime.getRuntime().availableProcessors(); i++) {
            // each server created outside a verticle gets its own event loop; same port: one shared socket
            vertx.createHttpServer()
                    .requestHandler(request -> request.response().putHeader("Content-Type", "application/json").end("{\"hello\":\"world\"}"))
                    .listen(port, "127.0.0.1")
                    .onSuccess(server -> System.out.println("listening " + server.actualPort()));
        }
    }
}
