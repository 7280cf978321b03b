package io.netanal.serve;

import io.netanal.store.ProtocolTotal;
import io.netanal.store.SensorStatus;
import io.netanal.store.SourceTotal;
import io.netanal.store.Store;
import io.netanal.store.StoredAlert;
import io.netanal.store.TimeRange;
import io.netanal.store.Totals;
import io.netanal.store.TrafficPoint;
import io.netanal.store.WindowSize;
import java.time.Instant;
import java.util.List;

/**
 * Builds what the dashboard shows, every {@link #PERIOD_SECONDS} s: totals, ingest rates since the last push,
 * the newest 5 s windows of traffic (the charts), protocol share, top sources, newest alerts, sensors.
 *
 * <p>Called by one scheduler thread; only reads the store, so it never holds up an ingest.
 */
final class DashboardFeed {
  static final int PERIOD_SECONDS = 2;
  static final int SERIES_WINDOWS = 120;

  /** One push; its component names are the WebSocket message's JSON fields. */
  record Snapshot(String time, Totals totals, Rates rates, List<TrafficPoint> series, int windowSeconds,
      List<ProtocolTotal> protocols, List<SourceTotal> topSources, List<StoredAlert> alerts,
      List<SensorStatus> sensors, int workersBusy, int clients) {}

  /** What the collector stored per second of server time since the previous push. */
  record Rates(double filesPerSecond, double packetsPerSecond, double bitsPerSecond) {}

  private final Store store;
  private final IngestService ingest;
  private final DashboardClients clients;
  private long[] previous;
  private long previousNanos;

  DashboardFeed(Store store, IngestService ingest, DashboardClients clients) {
    this.store = store;
    this.ingest = ingest;
    this.clients = clients;
    this.previous = ingest.counters();
    this.previousNanos = System.nanoTime();
  }

  /** Builds and broadcasts one snapshot (skipped while no dashboard is connected, except the rates' base). */
  void push() {
    long[] now = ingest.counters();
    long nowNanos = System.nanoTime();
    double seconds = Math.max(1e-3, (nowNanos - previousNanos) / 1e9);
    Rates rates = new Rates((now[0] - previous[0]) / seconds, (now[1] - previous[1]) / seconds,
        (now[2] - previous[2]) * 8 / seconds);
    previous = now;
    previousNanos = nowNanos;
    if (clients.size() == 0) {
      return;
    }
    clients.broadcast(Json.text(snapshot(rates)));
  }

  Snapshot snapshot(Rates rates) {
    return new Snapshot(Instant.now().toString(), store.totals(TimeRange.ALL), rates,
        store.series(WindowSize.FIVE_SECONDS, SERIES_WINDOWS), WindowSize.FIVE_SECONDS.seconds(),
        store.protocols(TimeRange.ALL, 8), store.topSources(TimeRange.ALL, 10), store.alerts(TimeRange.ALL, 10),
        store.sensors(50), ingest.busyWorkers(), clients.size());
  }
}
