// Load benchmark client for `netanal serve` (run by scripts/bench-serve; plain JDK, java BenchServe.java ...).
// Several sensors upload corpus captures concurrently (gzip, idempotency key = sha256, plus deliberate retries)
// while dashboard clients hold the WebSocket and API pollers measure latency. Loopback only.
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

public class BenchServe {
  record Capture(String name, byte[] gzipped, String sha256, long size) {}

  public static void main(String[] args) throws Exception {
    String base = args[0];
    Path corpus = Paths.get(args[1]);
    int sensors = Integer.parseInt(args[2]);
    int seconds = Integer.parseInt(args[3]);
    int dashboards = Integer.parseInt(args[4]);
    if (!URI.create(base).getHost().startsWith("127.")) {
      throw new IllegalArgumentException("loopback only: " + base);
    }
    List<Capture> captures = load(corpus);
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    long packetsBefore = summaryPackets(http, base);

    AtomicLong messages = new AtomicLong();
    List<WebSocket> sockets = new ArrayList<>();
    for (int i = 0; i < dashboards; i++) {
      sockets.add(http.newWebSocketBuilder().buildAsync(URI.create(base.replace("http", "ws") + "/ws/dashboard"),
          new WebSocket.Listener() {
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
              if (last) messages.incrementAndGet();
              ws.request(1);
              return null;
            }
          }).get());
    }

    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    AtomicLong files = new AtomicLong(), packets = new AtomicLong(), bytes = new AtomicLong();
    AtomicLong duplicates = new AtomicLong(), busy = new AtomicLong(), errors = new AtomicLong();
    AtomicLong transient_ = new AtomicLong();
    List<Thread> threads = new ArrayList<>();
    long start = System.nanoTime();
    for (int s = 0; s < sensors; s++) {
      String sensor = "bench-" + s;
      int offset = s * 37;
      threads.add(started(() -> {
        for (int i = 0; System.nanoTime() < deadline && i < captures.size(); i++) {
          Capture c = captures.get((offset + i) % captures.size());
          // Every 10th file is sent twice, as a sensor retrying after a lost answer would.
          for (int attempt = 0; attempt < (i % 10 == 0 ? 2 : 1); attempt++) {
            try {
              HttpResponse<String> r;
              while (true) {
                try {
                  // Expect: 100-continue: a refusal (429) comes before the body is sent, not mid-upload.
                  r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/ingest")).expectContinue(true)
                      .timeout(Duration.ofSeconds(120)).header("Content-Encoding", "gzip")
                      .header("X-Netanal-Sensor", sensor).header("Idempotency-Key", sensor + ":" + c.sha256())
                      .POST(HttpRequest.BodyPublishers.ofByteArray(c.gzipped())).build(),
                      HttpResponse.BodyHandlers.ofString());
                } catch (java.io.IOException e) {
                  transient_.incrementAndGet(); // as a sensor would: retry, the key keeps it counted once
                  Thread.sleep(50);
                  continue;
                }
                if (r.statusCode() != 429) break;
                busy.incrementAndGet();
                Thread.sleep(20);
              }
              if (r.statusCode() != 200) {
                errors.incrementAndGet();
                System.err.println(c.name() + ": " + r.statusCode() + " " + r.body());
              } else if (r.body().contains("\"duplicate\":true")) {
                duplicates.incrementAndGet();
              } else {
                files.incrementAndGet();
                packets.addAndGet(field(r.body(), "packets"));
                bytes.addAndGet(c.size());
              }
            } catch (Exception e) {
              errors.incrementAndGet();
              System.err.println(c.name() + ": " + e);
            }
          }
        }
      }));
    }
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    String[] paths = {"/api/summary", "/api/top-sources?limit=10", "/api/protocols", "/api/sensors",
        "/api/features?window=30s&limit=100"};
    List<Thread> pollers = new ArrayList<>();
    for (int p = 0; p < 2; p++) {
      pollers.add(started(() -> {
        for (int i = 0; threads.stream().anyMatch(Thread::isAlive); i++) {
          long t0 = System.nanoTime();
          try {
            http.send(HttpRequest.newBuilder(URI.create(base + paths[i % paths.length])).build(),
                HttpResponse.BodyHandlers.discarding());
            latencies.add(System.nanoTime() - t0);
            Thread.sleep(10);
          } catch (Exception e) {
            errors.incrementAndGet();
          }
        }
      }));
    }
    for (Thread t : threads) t.join();
    double elapsed = (System.nanoTime() - start) / 1e9;
    for (Thread t : pollers) t.join();
    Thread.sleep(2500); // one more dashboard push
    for (WebSocket ws : sockets) ws.abort();

    long stored = summaryPackets(http, base) - packetsBefore;
    List<Long> sorted = new ArrayList<>(latencies);
    Collections.sort(sorted);
    System.out.printf("sensors %d, dashboards %d, %.1f s%n", sensors, dashboards, elapsed);
    System.out.printf("ingest: %d files (%.1f files/s), %d packets (%.0f packets/s), %.1f MB captures (%.1f MB/s)%n",
        files.get(), files.get() / elapsed, packets.get(), packets.get() / elapsed, bytes.get() / 1e6,
        bytes.get() / 1e6 / elapsed);
    System.out.printf("retries answered duplicate: %d, 429 answers: %d, connection errors retried: %d, errors: %d%n",
        duplicates.get(), busy.get(), transient_.get(), errors.get());
    System.out.printf("api under load: %d requests, p50 %.1f ms, p99 %.1f ms%n", sorted.size(),
        pct(sorted, 0.50), pct(sorted, 0.99));
    System.out.printf("dashboard pushes received: %d%n", messages.get());
    boolean ok = stored == packets.get() && errors.get() == 0;
    System.out.printf("packets acknowledged %d, stored %d: %s%n", packets.get(), stored,
        ok ? "OK (each counted once)" : "MISMATCH");
    System.exit(ok ? 0 : 1);
  }

  static Thread started(Runnable r) {
    Thread t = new Thread(r);
    t.start();
    return t;
  }

  static double pct(List<Long> sorted, double q) {
    return sorted.isEmpty() ? 0 : sorted.get((int) Math.min(sorted.size() - 1, q * sorted.size())) / 1e6;
  }

  static long summaryPackets(HttpClient http, String base) throws Exception {
    return field(http.send(HttpRequest.newBuilder(URI.create(base + "/api/summary")).build(),
        HttpResponse.BodyHandlers.ofString()).body(), "packets");
  }

  static long field(String json, String name) {
    Matcher m = Pattern.compile("\"" + name + "\":(\\d+)").matcher(json);
    return m.find() ? Long.parseLong(m.group(1)) : 0;
  }

  /** The corpus' undamaged captures (per oracle.jsonl), gzipped in memory once. */
  static List<Capture> load(Path corpus) throws Exception {
    List<Capture> out = new ArrayList<>();
    Pattern path = Pattern.compile("\"path\":\"([^\"]+)\"");
    for (String line : Files.readAllLines(corpus.resolve("oracle.jsonl"))) {
      Matcher m = path.matcher(line);
      if (!m.find() || line.contains("\"damaged\":true")) continue;
      byte[] raw = Files.readAllBytes(corpus.resolve(m.group(1)));
      ByteArrayOutputStream gz = new ByteArrayOutputStream();
      try (GZIPOutputStream z = new GZIPOutputStream(gz)) {
        z.write(raw);
      }
      out.add(new Capture(m.group(1), gz.toByteArray(),
          HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw)), raw.length));
    }
    return out;
  }
}
