package io.netanal.serve;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.netanal.InvalidInputException;
import io.netanal.store.StoreException;
import java.io.PrintWriter;

/**
 * The one place where an exception becomes an HTTP answer: {@code {error, message}} with the status it calls
 * for. A client never sees a stack trace; an unexpected exception is a 500 with a generic message, and its
 * details go to the server's log stream (standard error, with the stack only under {@code --verbose}).
 *
 * <p>Stateless apart from the log stream; any request thread.
 */
final class ErrorMapper {
  private final PrintWriter log;
  private final boolean verbose;

  ErrorMapper(PrintWriter log, boolean verbose) {
    this.log = log;
    this.verbose = verbose;
  }

  void handle(Exception e, Context ctx) {
    if (e instanceof ApiException api) {
      render(ctx, api.status(), api.error(), api.getMessage());
    } else if (e instanceof HttpResponseException http) {
      // Javalin's own refusals (e.g. a body over its limit): keep the status, say it our way.
      render(ctx, http.getStatus(), "http_" + http.getStatus(), http.getMessage());
    } else if (e instanceof InvalidInputException) {
      render(ctx, 400, "bad_request", e.getMessage());
    } else if (e instanceof StoreException) {
      log.println("netanal serve: " + ctx.method() + " " + ctx.path() + ": " + e.getMessage());
      render(ctx, 503, "unavailable", "database: temporarily unavailable (retry later)");
    } else {
      log.println("netanal serve: internal error on " + ctx.method() + " " + ctx.path() + ": " + e);
      if (verbose) {
        e.printStackTrace(log);
      }
      render(ctx, 500, "internal", "internal error (the collector's log has the details)");
    }
  }

  static void render(Context ctx, int status, String error, String message) {
    if ("POST".equals(ctx.method().name())) {
      // A refused upload's body may be unread: the connection cannot carry another request, and a client that
      // reused it (HTTP/1.1 keep-alive) would find it closed under its next request. Say so in the answer.
      ctx.header("Connection", "close");
    }
    ctx.status(status).contentType("application/json").result(Json.bytes(Json.error(error, message)));
  }
}
