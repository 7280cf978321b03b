package io.netanal.serve;

import io.netanal.store.IngestResult;
import io.netanal.store.Store;
import io.netanal.store.StoredIngest;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Takes uploads in: validates the headers, admits at most {@code workers} at a time (the next one gets 429 at
 * once, before its body is read), spools the body, skips a key already stored, checks the body is a whole
 * capture, then decodes it, feeding the sensor's long-lived detection state, and stores the file with the
 * windows and alerts that closed meanwhile in one transaction.
 *
 * <p>Thread-safe: called by the HTTP server's request threads; each admitted upload is decoded on its own request
 * thread, so the permits are the worker pool. Uploads of one sensor are decoded one at a time, in the order they
 * get the sensor's lock (a shipper sends one at a time, oldest first). A key is claimed while its upload is in
 * progress, so the same file sent twice at once (a retry racing the original) is answered 429 rather than fed to
 * detection twice; a key already stored is answered as a duplicate before anything is fed. {@link #close()}
 * refuses new uploads (503) and waits for the admitted ones to finish, so the database can then be closed
 * consistent.
 */
final class IngestService implements AutoCloseable {
  static final String UNNAMED_SENSOR = "unnamed";
  private static final Pattern SENSOR = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
  private static final long CLOSE_WAIT_SECONDS = 60;
  /** Numbers the detection flushes' alert keys (with the time, unique across restarts too). */
  private static final AtomicLong FLUSHES = new AtomicLong();

  private final Store store;
  private final UploadSpool spool;
  private final int workers;
  private final Semaphore permits;
  private final CollectorDetection detection;
  private final Set<String> inProgress = ConcurrentHashMap.newKeySet();
  private final PrintWriter log;
  private volatile boolean closed;
  private final AtomicLong files = new AtomicLong();
  private final AtomicLong packets = new AtomicLong();
  private final AtomicLong bytes = new AtomicLong();

  IngestService(Store store, UploadSpool spool, int workers, CollectorDetection detection, PrintWriter log) {
    this.store = store;
    this.spool = spool;
    this.workers = workers;
    this.permits = new Semaphore(workers);
    this.detection = detection;
    this.log = log;
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
    String claimed = null;
    try {
      if (key != null) {
        claimed = claim(key);
        if (store.hasFile(key)) {
          return StoredIngest.ofDuplicate();
        }
      }
      UploadSpool.Spooled body = spool.spool(upload);
      try {
        if (key == null) {
          key = "sha256:" + body.sha256();
          claimed = claim(key);
          if (store.hasFile(key)) {
            return StoredIngest.ofDuplicate();
          }
        }
        UploadAnalyzer.check(body.file());
        return decodeAndStore(body, sensor, key);
      } finally {
        Files.deleteIfExists(body.file());
      }
    } finally {
      if (claimed != null) {
        inProgress.remove(claimed);
      }
      permits.release();
    }
  }

  private String claim(String key) {
    if (!inProgress.add(key)) {
      throw ApiException.busy("ingest: Idempotency-Key " + key + " is being stored by another request "
          + "(retry later)");
    }
    return key;
  }

  /** Feeds the sensor's detection state and stores the file with what closed meanwhile; the state's lock held. */
  private StoredIngest decodeAndStore(UploadSpool.Spooled body, String sensor, String key) throws IOException {
    List<CollectorDetection.Flush> evicted = new ArrayList<>();
    SensorState state = detection.lock(sensor, System.currentTimeMillis(), evicted);
    try {
      storeFlushes(store, evicted, log);
      DetectionOutput out = new DetectionOutput();
      state.begin(out);
      IngestResult result;
      try {
        result = UploadAnalyzer.analyze(body.file(), sensor, key, body.size(), state);
      } finally {
        state.end(System.currentTimeMillis());
      }
      result = result.withDetection(out.features(), out.alertRows(), out.latePackets());
      StoredIngest stored = store.ingest(result);
      if (!stored.duplicate()) {
        files.incrementAndGet();
        packets.addAndGet(result.report().summary().packets());
        bytes.addAndGet(result.report().summary().bytes());
      }
      return stored;
    } catch (RuntimeException | IOException e) {
      // What was fed cannot be taken back out of the windows: drop them, so the retry of this upload (the
      // shipper retries a 5xx, and a 400 is never retried) is not counted twice.
      storeFlushes(store, List.of(detection.discard(state)), log);
      throw e;
    } finally {
      state.lock.unlock();
    }
  }

  /** Stores what closing sensors' states produced (idle, shutdown, room for another sensor), one by one. */
  static void storeFlushes(Store store, List<CollectorDetection.Flush> flushes, PrintWriter log) {
    for (CollectorDetection.Flush f : flushes) {
      if (f.output().isEmpty()) {
        continue;
      }
      try {
        store.storeDetection("windows:" + f.sensor() + ":" + FLUSHES.incrementAndGet() + ":"
            + System.currentTimeMillis(), f.sensor(), f.output().features(), f.output().alertRows());
      } catch (RuntimeException e) {
        log.println("netanal serve: detection: " + e.getMessage());
      }
    }
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
