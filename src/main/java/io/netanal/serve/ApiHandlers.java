package io.netanal.serve;

import io.javalin.http.Context;
import io.netanal.store.Store;
import io.netanal.store.TimeRange;
import java.util.Map;

/**
 * The REST endpoints (DESIGN.md section 8), each a small function: parse the request, call one service method,
 * render JSON. Refusals are thrown as {@link ApiException} and rendered by {@link ErrorMapper}.
 *
 * <p>Stateless apart from its services; any request thread.
 */
final class ApiHandlers {
  private final Store store;
  private final IngestService ingest;

  ApiHandlers(Store store, IngestService ingest) {
    this.store = store;
    this.ingest = ingest;
  }

  void ingest(Context ctx) throws Exception {
    String encoding = ctx.header("Content-Encoding");
    boolean gzip = encoding != null && encoding.trim().equalsIgnoreCase("gzip");
    if (encoding != null && !gzip && !encoding.trim().equalsIgnoreCase("identity")) {
      throw new ApiException(415, "unsupported_media_type", "Content-Encoding: "
          + ApiException.printable(encoding) + " (expected: gzip or none)");
    }
    Upload upload = new Upload(ctx.bodyInputStream(), gzip, ctx.req().getContentLengthLong(),
        ctx.header("X-Netanal-Sensor"), ctx.header("Idempotency-Key"));
    json(ctx, ingest.ingest(upload));
  }

  void summary(Context ctx) {
    json(ctx, store.totals(range(ctx)));
  }

  void protocols(Context ctx) {
    json(ctx, store.protocols(range(ctx), QueryParams.limit(ctx.queryParam("limit"))));
  }

  void topSources(Context ctx) {
    json(ctx, store.topSources(range(ctx), QueryParams.limit(ctx.queryParam("limit"))));
  }

  void features(Context ctx) {
    json(ctx, store.windowFeatures(QueryParams.window(ctx.queryParam("window")),
        QueryParams.address(ctx.queryParam("address")), range(ctx), QueryParams.limit(ctx.queryParam("limit"))));
  }

  void flows(Context ctx) {
    json(ctx, store.flows(range(ctx), QueryParams.limit(ctx.queryParam("limit"))));
  }

  void alerts(Context ctx) {
    json(ctx, store.alerts(range(ctx), QueryParams.limit(ctx.queryParam("limit"))));
  }

  void sensors(Context ctx) {
    json(ctx, store.sensors(QueryParams.limit(ctx.queryParam("limit"))));
  }

  void health(Context ctx) {
    json(ctx, Map.of("status", "ok"));
  }

  private static TimeRange range(Context ctx) {
    return QueryParams.range(ctx.queryParam("from"), ctx.queryParam("to"));
  }

  private static void json(Context ctx, Object value) {
    ctx.contentType("application/json").result(Json.bytes(value));
  }
}
