package io.netanal.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.netanal.pcap.CaptureFileReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

/**
 * A collector's ingest endpoint for tests, on 127.0.0.1 (DESIGN.md section 8): {@code POST /api/ingest} with a
 * gzip or plain pcap/pcapng body, {@code Idempotency-Key} and {@code X-Netanal-Sensor}; {@code 200 {packets,
 * windows, alerts, duplicate}}, 400 for a body that is not a capture (read with the project's reader), 401
 * without the token, 413 over the size limit. What it stored lives in a {@link Ledger} that outlives the
 * server, as a collector's database outlives its process, so a test can kill the server and start another on
 * the same port.
 *
 * <p>Faults are queued with {@link #inject} and consumed one per request: a status answered without storing,
 * a response cut after the file is stored, or an upload that stalls until {@link #kill}. Thread-safe.
 */
public final class IngestTestServer implements TestCollector {
  static {
    // The JDK server writes a response's headers and body apart; with Nagle's algorithm on, each small exchange
    // waits for a delayed ACK (about 40 ms on loopback), which a real collector does not.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  public enum Fault {
    /** 503 without storing. */
    UNAVAILABLE,
    /** 429 with {@code Retry-After: 0}, without storing. */
    TOO_MANY_REQUESTS,
    /** Stores the file, then closes the connection in the middle of the response. */
    CUT_RESPONSE,
    /** Reads part of the body, then waits until the server is killed: an upload in flight. */
    STALL
  }

  private final Ledger ledger;
  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final ConcurrentLinkedDeque<Fault> faults = new ConcurrentLinkedDeque<>();
  private final CountDownLatch killed = new CountDownLatch(1);
  private final String token;
  private final long maxBytes;
  /** Counted down when a {@link Fault#STALL} upload is in progress. */
  public final CountDownLatch stalled = new CountDownLatch(1);

  private IngestTestServer(Ledger ledger, int port, String token, long maxBytes) throws IOException {
    this.ledger = ledger;
    this.token = token;
    this.maxBytes = maxBytes;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  /** A server on an ephemeral port. */
  public static IngestTestServer start(Ledger ledger) throws IOException {
    return start(ledger, 0, null);
  }

  /** A server on {@code port} (0: ephemeral), requiring {@code token} when not null. */
  public static IngestTestServer start(Ledger ledger, int port, String token) throws IOException {
    return new IngestTestServer(ledger, port, token, 64L << 20);
  }

  /** A port that was free a moment ago, for a server started later (the collector "down at first"). */
  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public String url() {
    return "http://127.0.0.1:" + port();
  }

  @Override
  public long packets() {
    return ledger.packets();
  }

  @Override
  public long files() {
    return ledger.files();
  }

  public void inject(Fault... queued) {
    faults.addAll(List.of(queued));
  }

  /** Stops at once: open connections are closed, uploads in flight are lost (never stored). */
  public void kill() {
    killed.countDown();
    server.stop(0);
    executor.shutdownNow();
  }

  @Override
  public void close() {
    kill();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      if (!"POST".equals(ex.getRequestMethod()) || !"/api/ingest".equals(ex.getRequestURI().getPath())) {
        respond(ex, 404, "{\"error\":\"not found\",\"message\":\"" + ex.getRequestURI().getPath() + "\"}");
        return;
      }
      if (token != null && !("Bearer " + token).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
        ex.getRequestBody().readAllBytes();
        respond(ex, 401, "{\"error\":\"unauthorized\",\"message\":\"missing or wrong token\"}");
        return;
      }
      Fault fault = faults.poll();
      if (fault == Fault.STALL) {
        ex.getRequestBody().readNBytes(16);
        stalled.countDown();
        killed.await(30, TimeUnit.SECONDS);
        return; // killed: nothing stored, the connection is gone
      }
      byte[] body = ex.getRequestBody().readAllBytes();
      ledger.requests(1);
      if (fault == Fault.UNAVAILABLE) {
        respond(ex, 503, "{\"error\":\"unavailable\",\"message\":\"injected 503\"}");
        return;
      }
      if (fault == Fault.TOO_MANY_REQUESTS) {
        ex.getResponseHeaders().add("Retry-After", "0");
        respond(ex, 429, "{\"error\":\"too many requests\",\"message\":\"injected 429\"}");
        return;
      }
      if (body.length > maxBytes) {
        respond(ex, 413, "{\"error\":\"too large\",\"message\":\"" + body.length + " bytes\"}");
        return;
      }
      String key = ex.getRequestHeaders().getFirst("Idempotency-Key");
      if (key == null) {
        respond(ex, 400, "{\"error\":\"bad request\",\"message\":\"Idempotency-Key missing\"}");
        return;
      }
      byte[] capture;
      try {
        capture = "gzip".equals(ex.getRequestHeaders().getFirst("Content-Encoding"))
            ? new GZIPInputStream(new ByteArrayInputStream(body)).readAllBytes() : body;
      } catch (IOException e) {
        respond(ex, 400, "{\"error\":\"bad request\",\"message\":\"not gzip\"}");
        return;
      }
      long packets;
      try (CaptureFileReader reader = CaptureFileReader.open(new ByteArrayInputStream(capture), "upload")) {
        packets = reader.read((linkType, ts, captured, original, buffer, offset) -> { });
      } catch (IOException | RuntimeException e) {
        respond(ex, 400, "{\"error\":\"not a capture\",\"message\":\"" + e.getMessage().replace('"', '\'') + "\"}");
        return;
      }
      boolean duplicate = ledger.store(key, sha256(capture), ex.getRequestHeaders().getFirst("X-Netanal-Sensor"),
          packets);
      if (fault == Fault.CUT_RESPONSE) {
        ex.sendResponseHeaders(200, 1000);
        ex.getResponseBody().write("{\"packets\":".getBytes(StandardCharsets.UTF_8));
        ex.getResponseBody().flush();
        throw new IOException("injected: connection cut while the response is on its way");
      }
      respond(ex, 200, "{\"packets\":" + packets + ",\"windows\":0,\"alerts\":0,\"duplicate\":" + duplicate + "}");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void respond(HttpExchange ex, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** What the collector stored, across restarts: one entry per idempotency key. Thread-safe. */
  public static final class Ledger {
    private final Map<String, Long> packetsByKey = new HashMap<>();
    private final Map<String, Integer> uploadsByKey = new HashMap<>();
    private final List<String> sensors = new ArrayList<>();
    private long requests;
    private long duplicates;
    private long keyMismatches;

    synchronized void requests(int n) {
      requests += n;
    }

    /** Stores a file's packets under its key; true when the key was stored already (nothing is added). */
    synchronized boolean store(String key, String contentSha256, String sensor, long packets) {
      uploadsByKey.merge(key, 1, Integer::sum);
      if (!key.equals(contentSha256)) {
        keyMismatches++;
      }
      if (packetsByKey.containsKey(key)) {
        duplicates++;
        return true;
      }
      packetsByKey.put(key, packets);
      sensors.add(sensor);
      return false;
    }

    /** Packets of every file stored, each counted once. */
    public synchronized long packets() {
      return packetsByKey.values().stream().mapToLong(Long::longValue).sum();
    }

    public synchronized int files() {
      return packetsByKey.size();
    }

    /** Complete uploads answered as duplicates. */
    public synchronized long duplicates() {
      return duplicates;
    }

    /** Requests whose whole body arrived (any answer). */
    public synchronized long requests() {
      return requests;
    }

    /** Uploads whose key was not the sha256 of the uncompressed capture. */
    public synchronized long keyMismatches() {
      return keyMismatches;
    }

    /** The most complete uploads any one key had. */
    public synchronized int maxUploadsOfOneKey() {
      return uploadsByKey.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    /** The sensor header of each stored file, in order. */
    public synchronized List<String> sensors() {
      return List.copyOf(sensors);
    }
  }
}
