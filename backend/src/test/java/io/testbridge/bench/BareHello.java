package io.testbridge.bench;

import io.vertx.core.Vertx;

/** The baseline: a bare Vert.x HTTP server answering a small JSON body, on the port given. */
public final class BareHello {
    private BareHello() {
    }

    public static void main(String[] args) {
        Vertx.vertx().createHttpServer()
                .requestHandler(request -> request.response().putHeader("Content-Type", "application/json").end("{\"hello\":\"world\"}"))
                .listen(Integer.parseInt(args[0]), "127.0.0.1")
                .onSuccess(server -> System.out.println("listening " + server.actualPort()));
    }
}
