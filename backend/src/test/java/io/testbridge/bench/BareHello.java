package io.testbridge.bench;

import io.testbridge.integrations.JiraInstance;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;

/**
 * The baselines: a bare Vert.x HTTP server on the port given, one server per core on the shared
 * socket as Testbridge runs its own. {@code /} answers a small JSON body (hello world). Given a
 * PostgreSQL port and database too, {@code /integrations} runs the integrations list's query with
 * the same pool settings and answers its rows as JSON: Testbridge's work minus sessions, validation,
 * headers and its own code.
 */
public final class BareHello {
    private static final String LIST = JiraInstance.SELECT + JiraInstance.FROM + " ORDER BY lower(i.name), i.id LIMIT 50";

    private BareHello() {
    }

    public static void main(String[] args) {
        Vertx vertx = Vertx.vertx();
        int port = Integer.parseInt(args[0]);
        Pool pool = args.length < 3 ? null : PgBuilder.pool()
                .with(new PoolOptions().setMaxSize(8).setShared(true).setName("bare"))
                .connectingTo(new PgConnectOptions().setHost("localhost").setPort(Integer.parseInt(args[1])).setDatabase(args[2])
                        .setUser("postgres").setCachePreparedStatements(true).setPipeliningLimit(256))
                .using(vertx).build();
        for (int i = 0; i < Runtime.getRuntime().availableProcessors(); i++) {
            // each server created outside a verticle gets its own event loop; same port: one shared socket
            vertx.createHttpServer()
                    .requestHandler(request -> {
                        if (pool != null && request.path().equals("/integrations")) {
                            list(pool, request);
                        } else {
                            request.response().putHeader("Content-Type", "application/json").end("{\"hello\":\"world\"}");
                        }
                    })
                    .listen(port, "127.0.0.1")
                    .onSuccess(server -> System.out.println("listening " + server.actualPort()));
        }
    }

    private static void list(Pool pool, HttpServerRequest request) {
        pool.preparedQuery(LIST).execute().onComplete(result -> {
            if (result.failed()) {
                request.response().setStatusCode(500).end(result.cause().toString());
                return;
            }
            JsonArray items = new JsonArray();
            for (Row row : result.result()) {
                items.add(row.toJson());
            }
            request.response().putHeader("Content-Type", "application/json").end(items.toBuffer());
        });
    }
}
