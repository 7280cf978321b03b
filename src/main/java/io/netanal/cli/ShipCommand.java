package io.netanal.cli;

import io.netanal.InvalidInputException;
import io.netanal.capture.StopSignals;
import io.netanal.ship.ShipConfig;
import io.netanal.ship.ShipSummary;
import io.netanal.ship.Shipper;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code netanal ship SPOOL --to URL}: uploads a spool's ready files to a collector (DESIGN.md section 7), one
 * log line per file on standard output and a summary at the end; runs until Ctrl+C or SIGTERM, or with
 * {@code --once} until what is ready is shipped (exit 0) or some file failed or was left (exit 1).
 *
 * <p>The hidden options set the retry timing (tests shorten it); their defaults are the documented ones.
 */
@Command(name = "ship", mixinStandardHelpOptions = true,
    description = "Upload the ready files of a capture spool (capture --spool) to a collector (netanal serve).")
final class ShipCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "SPOOL", description = "The spool directory capture --spool writes.")
  Path spool;

  @Option(names = "--to", paramLabel = "URL", required = true,
      description = "The collector's base URL, e.g. http://collector:8080 (files go to URL/api/ingest).")
  String to;

  @Option(names = "--token", paramLabel = "T",
      description = "Sent as 'Authorization: Bearer T' (default: $NETANAL_TOKEN, if set).")
  String token;

  @Option(names = "--keep", paramLabel = "SPAN", converter = TimeSpanConverter.class,
      description = "How long shipped files stay in SPOOL/processed (default: 1d; 0 deletes them at once).")
  Duration keep = Duration.ofDays(1);

  @Option(names = "--once", description = "Ship what is ready, then exit: 0 when all shipped, 1 otherwise.")
  boolean once;

  @Option(names = "--backoff", hidden = true, converter = TimeSpanConverter.class)
  Duration backoff = ShipConfig.DEFAULT_BACKOFF;

  @Option(names = "--backoff-cap", hidden = true, converter = TimeSpanConverter.class)
  Duration backoffCap = ShipConfig.DEFAULT_BACKOFF_CAP;

  @Option(names = "--retry-failed", hidden = true, converter = TimeSpanConverter.class)
  Duration failedRetry = ShipConfig.DEFAULT_FAILED_RETRY;

  @Option(names = "--timeout", hidden = true, converter = TimeSpanConverter.class)
  Duration timeout = ShipConfig.DEFAULT_REQUEST_TIMEOUT;

  @Option(names = "--poll", hidden = true, converter = TimeSpanConverter.class)
  Duration poll = ShipConfig.DEFAULT_POLL;

  @Option(names = "--attempts", hidden = true)
  int attempts = ShipConfig.DEFAULT_ONCE_ATTEMPTS;

  @Override
  public Integer call() throws Exception {
    ShipConfig config = config();
    PrintWriter out = spec.commandLine().getOut();
    Shipper shipper = new Shipper(config, line -> {
      out.println(line);
      out.flush();
    });
    ShipSummary summary;
    // A second signal exits at once: the claimed file stays in inflight/ and the next shipper puts it back.
    try (StopSignals signals = StopSignals.install(shipper::stop, () -> { })) {
      summary = shipper.run();
    }
    out.println("ship: " + summary.line());
    out.flush();
    return !once || summary.complete() ? ExitCodes.OK : ExitCodes.RUNTIME;
  }

  ShipConfig config() {
    if (!Files.isDirectory(spool)) {
      throw new InvalidInputException("SPOOL: " + spool + (Files.exists(spool) ? ": not a directory" : ": no such directory")
          + " (expected: the directory of capture --spool)");
    }
    if (attempts < 1) {
      throw new InvalidInputException("--attempts: " + attempts + " (expected: >= 1)");
    }
    if (timeout.isZero() || backoff.isZero() || poll.isZero()) {
      throw new InvalidInputException("--timeout, --backoff, --poll: 0 (expected: > 0)");
    }
    String bearer = token != null ? token : System.getenv("NETANAL_TOKEN");
    return new ShipConfig(spool, collector(), bearer == null || bearer.isEmpty() ? null : bearer, keep, once,
        backoff, backoffCap, failedRetry, timeout, poll, attempts);
  }

  private URI collector() {
    URI uri;
    try {
      uri = new URI(to);
    } catch (URISyntaxException e) {
      uri = null;
    }
    if (uri == null || uri.getHost() == null || uri.getQuery() != null || uri.getFragment() != null
        || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
      throw new InvalidInputException("--to: " + to + " (expected: an http:// or https:// base URL, e.g."
          + " http://collector:8080)");
    }
    return uri;
  }
}
