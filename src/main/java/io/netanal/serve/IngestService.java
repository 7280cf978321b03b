package io.netanal.serve;

import io.netanal.store.IngestResult;
import io.netanal.store.Store;
import io.netanal.store.StoredIngest;
import java.io.IOException;
import java.nio.file.Files;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Takes uploads in: validates the headers, admits at most {@code workers} at a time (the next one gets 429 at
 * once, before its body is read), spools the body, skips a key already stored, decodes the file and stores it in
 * one transaction.
 *
 * <p>Thread-safe: called by the HTTP server's request threads; each admitted upload is decoded on its own request
 * thread, so the permits are the worker pool. {@link #close()} refuses new uploads (503) and waits for the
 * admitted ones to finish, so the database can then be closed consistent.
 */
final class IngestService implements AutoCloseable {
  static final String UNNAMED_SENSOR = "unnamed";
  private static final Pattern SENSOR = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
  private static final long CLOSE_WAIT_SECONDS = 60;

  private final Store store;
  private final UploadSpool spool;
  private final int workers;
  private final Semaphore permits;
  private volatile boolean closed;
  private final AtomicLong files = new AtomicLong();
  private final AtomicLong packets = new AtomicLong();
  private final AtomicLong bytes = new AtomicLong();

  IngestService(Store store, UploadSpool spool, int workers) {
    this.store = store;
    this.spool = spool;
    this.workers = workers;
    this.permits = new Semaphore(workers);
  }

  StoredIngest ingest(Upload upload) throws IOException {
    String sensor = sensor(upload.sensor());
    String key = key(upload.key());
    if (closed) {
      throw ApiException.unavailable("ingest: the collector is shutting down (retry later)");
    }
    if (!permits.tryAcquire()) {
      throw ApiException.busy("ingest: all " + workers + " workers busy (retry later)");
    }
    try {
      if (key != null && store.hasFile(key)) {
        return duplicate();
      }
      UploadSpool.Spooled body = spool.spool(upload);
      try {
        if (key == null) {
          key = "sha256:" + body.sha256();
          if (store.hasFile(key)) {
            return duplicate();
          }
        }
        IngestResult result = UploadAnalyzer.analyze(body.file(), sensor, key, body.size());
        StoredIngest stored = store.ingest(result);
        if (!stored.duplicate()) {
          files.incrementAndGet();
          packets.addAndGet(result.report().summary().packets());
          bytes.addAndGet(result.report().summary().bytes());
        }
        return stored;
      } finally {
        Files.deleteIfExists(body.file());
      }
    } finally {
      permits.release();
    }
  }

  private static StoredIngest duplicate() {
    return new StoredIngest(0, 0, 0, 0, 0, true);
  }

  private static String sensor(String header) {
    if (header == null || header.isEmpty()) {
      return UNNAMED_SENSOR;
    }
    if (!SENSOR.matcher(header).matches()) {
      throw ApiException.badRequest("X-Netanal-Sensor: " + ApiException.printable(header)
          + " (expected: 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit)");
    }
    return header;
  }

  private static String key(String header) {
    if (header == null || header.isEmpty()) {
      return null;
    }
    if (!KEY.matcher(header).matches()) {
      throw ApiException.badRequest("Idempotency-Key: " + ApiException.printable(header)
          + " (expected: 1-128 letters, digits, '.', '_', ':' or '-', e.g. the file's sha256)");
    }
    return header;
  }

  /** Files, packets and wire bytes stored since start (duplicates not counted); any thread. */
  long[] counters() {
    return new long[] {files.get(), packets.get(), bytes.get()};
  }

  int busyWorkers() {
    return workers - permits.availablePermits();
  }

  @Override
  public void close() {
    closed = true;
    try {
      if (permits.tryAcquire(workers, CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
        permits.release(workers);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
