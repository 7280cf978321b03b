package io.netanal.serve;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.netanal.InvalidInputException;
import io.netanal.store.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;

/**
 * The one place where an exception becomes an HTTP answer: {@code {error, message}} with the status it calls
 * for. A client never sees a stack trace; an unexpected exception is a 500 with a generic message, and its
 * details go to the server's log stream (standard error, with the stack only under {@code --verbose}).
 *
 * <p>Stateless apart from the log stream; any request thread.
 */
final class ErrorMapper {
  /** Bodies up to this size are read to their end before a refusal is answered. */
  private static final int DRAIN_BYTES = 16 << 20;

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

  /**
   * Reads what is left of a refused upload's body (up to {@link #DRAIN_BYTES}), so that a client still sending it
   * gets the answer instead of a connection closed under its write (a broken pipe, and no status or message to
   * show). Whether the body was read to its end.
   */
  private static boolean drained(Context ctx) {
    if (ctx.header("Expect") != null) {
      return false; // the client waits for 100 Continue before sending: reading would only ask for the body
    }
    try {
      InputStream in = ctx.req().getInputStream();
      byte[] sink = new byte[64 << 10];
      long left = DRAIN_BYTES;
      int n;
      while (left > 0 && (n = in.read(sink, 0, (int) Math.min(sink.length, left))) >= 0) {
        left -= n;
      }
      return left > 0;
    } catch (IOException | IllegalStateException e) {
      return false; // already read as a reader, or the client went away: nothing more to do
    }
  }

  static void render(Context ctx, int status, String error, String message) {
    if ("POST".equals(ctx.method().name()) && !drained(ctx)) {
      // The rest of the body is not worth reading: the connection cannot carry another request. Say so.
      ctx.header("Connection", "close");
    }
    ctx.status(status).contentType("application/json").result(Json.bytes(Json.error(error, message)));
  }
}
