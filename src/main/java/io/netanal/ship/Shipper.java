package io.netanal.ship;

import io.netanal.spool.SpoolDirectory;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Ships a spool's ready files to the collector (DESIGN.md section 7), oldest first: claims each (see
 * {@link SpoolClaims}), hashes it once, uploads it (gzipped as it is sent) until the collector has it (200, stored or
 * duplicate: to {@code processed/}) or rejects it (a 4xx other than 429: to {@code failed/}), waiting out
 * transient failures with exponential backoff. Between files it deletes processed files older than
 * {@code --keep}, gives failed files another chance after their rest, and recovers the claims of shippers that
 * died. With {@code --once} it stops when no ready file is left that it has not tried; a file still failing
 * after the configured attempts goes back to {@code pending/} for the next run.
 *
 * <p>{@link #run} is called by one thread; {@link #stop} by any (a signal handler): the upload in progress is
 * abandoned within 100 ms and its file given back to {@code pending/}. One log line per file (name, packets, bytes, time,
 * outcome) and one per retry go to {@code log}.
 */
public final class Shipper {
  private final ShipConfig config;
  private final SpoolDirectory spool;
  private final IngestClient client;
  private final Backoff backoff;
  private final Consumer<String> log;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile boolean stopRequested;

  private long shipped;
  private long duplicates;
  private long failed;
  private long leftPending;
  private long packets;
  private long bytes;
  private long gzipBytes;

  public Shipper(ShipConfig config, Consumer<String> log) {
    this.config = config;
    this.spool = new SpoolDirectory(config.spool());
    this.client = new IngestClient(config.ingestUri(), config.token(), config.requestTimeout());
    this.backoff = new Backoff(config.backoff(), config.backoffCap());
    this.log = log;
  }

  /** Ships until {@link #stop} (or, with {@code --once}, until nothing is left to try); returns what it did. */
  public ShipSummary run() throws IOException {
    long started = System.nanoTime();
    spool.create();
    Set<String> tried = new HashSet<>();
    try (SpoolClaims claims = SpoolClaims.open(spool, log)) {
      boolean first = true;
      while (!stopRequested) {
        housekeeping(claims, first || !config.once()); // a --once run gives a failed file one more try at most
        first = false;
        boolean any = false;
        for (Path marker : ready()) {
          if (stopRequested) {
            break;
          }
          if (config.once() && !tried.add(marker.getFileName().toString())) {
            continue;
          }
          Path claimed = claims.claim(marker);
          if (claimed != null) {
            any = true;
            ship(claims, claimed);
          }
        }
        if (!any) {
          if (config.once()) {
            break;
          }
          pause(config.poll().toMillis());
        }
      }
    }
    return new ShipSummary(shipped, duplicates, failed, leftPending, packets, bytes, gzipBytes,
        (System.nanoTime() - started) / 1e9);
  }

  /** Asks {@link #run} to return: any thread. */
  public void stop() {
    stopRequested = true;
    stopped.countDown();
  }

  private void ship(SpoolClaims claims, Path claimed) throws IOException {
    long started = System.nanoTime();
    PreparedFile file = PreparedFile.of(claimed);
    String name = claimed.getFileName().toString();
    int failures = 0;
    while (true) {
      IngestResult result = stopRequested ? null : client.upload(file, () -> stopRequested);
      if (result == null) {
        claims.release(claimed);
        log.accept(line(name, file, started, "stopped: back in pending"));
        return;
      }
      if (result.shipped()) {
        claims.settle(claimed, spool.processed());
        shipped++;
        duplicates += result.kind() == IngestResult.Kind.DUPLICATE ? 1 : 0;
        packets += Math.max(0, file.packets());
        bytes += file.bytes();
        gzipBytes += file.gzipBytes();
        log.accept(line(name, file, started, result.kind() == IngestResult.Kind.DUPLICATE
            ? "shipped (duplicate: the collector already had it)" : "shipped"));
        return;
      }
      if (result.kind() == IngestResult.Kind.REJECTED) {
        claims.settle(claimed, spool.failed());
        failed++;
        log.accept(line(name, file, started, "failed: " + result.message() + "; moved to failed/, retried in "
            + seconds(config.failedRetry().toMillis())));
        return;
      }
      failures++;
      if (config.once() && failures >= config.onceAttempts()) {
        claims.release(claimed);
        leftPending++;
        log.accept(line(name, file, started, "not shipped: " + result.message() + "; gave up after " + failures
            + " attempts, left in pending/"));
        return;
      }
      long delay = backoff.delayMillis(failures, result.retryAfterMillis());
      log.accept(line(name, file, started, "retry " + failures + " in " + seconds(delay) + ": "
          + result.message()));
      pause(delay);
    }
  }

  /** The ready markers in {@code pending/}, oldest capture first (modification time, then name). */
  private List<Path> ready() throws IOException {
    record Ready(Path marker, long modified) {}
    List<Ready> found = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(spool.pending(), "*" + SpoolDirectory.READY)) {
      for (Path marker : s) {
        try {
          found.add(new Ready(marker, Files.getLastModifiedTime(SpoolDirectory.captureOf(marker)).toMillis()));
        } catch (NoSuchFileException e) {
          // claimed or deleted since its marker was listed
        }
      }
    }
    found.sort(Comparator.comparingLong(Ready::modified).thenComparing(r -> r.marker().getFileName()));
    return found.stream().map(Ready::marker).toList();
  }

  /** Expires processed files, gives rested failed files another chance, recovers dead shippers' claims. */
  private void housekeeping(SpoolClaims claims, boolean retryFailed) throws IOException {
    long now = System.currentTimeMillis();
    for (Path f : list(spool.processed())) {
      if (modifiedMillis(f) <= now - config.keep().toMillis()) {
        Files.deleteIfExists(f);
      }
    }
    for (Path f : retryFailed ? list(spool.failed()) : List.<Path>of()) {
      if (modifiedMillis(f) <= now - config.failedRetry().toMillis()) {
        Path back = spool.pending().resolve(f.getFileName());
        try {
          Files.move(f, back, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException e) {
          continue; // another shipper took it back
        }
        SpoolDirectory.markReady(back);
        log.accept(f.getFileName() + ": rested in failed/ for " + seconds(config.failedRetry().toMillis())
            + ": back in pending for another try");
      }
    }
    claims.recoverAbandoned();
  }

  private static List<Path> list(Path dir) throws IOException {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
      s.forEach(files::add);
    }
    return files;
  }

  private static long modifiedMillis(Path f) {
    try {
      return Files.getLastModifiedTime(f).toMillis();
    } catch (IOException e) {
      return Long.MAX_VALUE; // gone: nothing to do
    }
  }

  private void pause(long millis) {
    try {
      stopped.await(millis, TimeUnit.MILLISECONDS); // stop() ends the wait at once
    } catch (InterruptedException e) {
      stop();
      Thread.currentThread().interrupt();
    }
  }

  /** {@code "netanal-a-20261201T120005Z.pcap: 1234 packets, 120000 bytes, 0.12 s: shipped"} */
  private static String line(String name, PreparedFile file, long startedNanos, String outcome) {
    return name + ": " + (file.packets() < 0 ? "not a capture" : file.packets() + " packets") + ", " + file.bytes()
        + " bytes, " + seconds((System.nanoTime() - startedNanos) / 1_000_000) + ": " + outcome;
  }

  private static String seconds(long millis) {
    return String.format(Locale.ROOT, "%.2f s", millis / 1000.0);
  }
}
