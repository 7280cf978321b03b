package io.netanal.ship;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What {@code netanal ship} was asked for (DESIGN.md section 7): the spool, the collector's base URL, the token,
 * how long shipped files stay in {@code processed/}, whether to stop once the ready files are shipped, and the
 * timing of retries: the first backoff (doubled at each transient failure, with jitter, up to {@code backoffCap}),
 * how long a file rests in {@code failed/} before it is tried again, the request timeout, the poll interval of
 * {@code pending/}, and in {@code --once} mode the attempts per file before it is left for the next run.
 */
public record ShipConfig(Path spool, URI collector, String token, Duration keep, boolean once, Duration backoff,
    Duration backoffCap, Duration failedRetry, Duration requestTimeout, Duration poll, int onceAttempts) {

  public static final Duration DEFAULT_BACKOFF = Duration.ofSeconds(5);
  public static final Duration DEFAULT_BACKOFF_CAP = Duration.ofMinutes(5);
  public static final Duration DEFAULT_FAILED_RETRY = Duration.ofMinutes(5);
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofMinutes(5);
  public static final Duration DEFAULT_POLL = Duration.ofSeconds(1);
  public static final int DEFAULT_ONCE_ATTEMPTS = 8;

  /** {@code collector}'s ingest endpoint: its path with {@code /api/ingest} appended. */
  public URI ingestUri() {
    String base = collector.toString();
    return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/api/ingest");
  }
}
