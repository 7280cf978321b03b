package io.netanal.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.netanal.InvalidInputException;
import io.netanal.analysis.AnalysisOptions;
import io.netanal.analysis.CaptureFileAnalysis;
import io.netanal.report.Report;
import io.netanal.store.Database;
import io.netanal.store.Retention;
import io.netanal.store.Store;
import io.netanal.store.TimeRange;
import io.netanal.serve.TestCollector.Answer;
import io.netanal.testing.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The collector over real HTTP on an ephemeral loopback port, with SQLite in a temporary directory. */
@Timeout(120)
class CollectorServerTest {
  static final Path SAMPLE = Paths.get("src/test/resources/pcaps/loopback-sample.pcapng");

  @TempDir Path data;
  private TestCollector collector;

  @AfterEach
  void stop() {
    if (collector != null) {
      collector.close();
    }
  }

  static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    }
    return out.toByteArray();
  }

  @Test
  void shouldStoreAnUploadAndAnswerTheApiWithTheAnalyzeEnginesCounts() throws Exception {
    collector = TestCollector.sqlite(data);
    Report expected = CaptureFileAnalysis.analyze(SAMPLE, AnalysisOptions.defaults());

    Answer ingest = collector.post(Files.readAllBytes(SAMPLE), "X-Netanal-Sensor", "lab-1", "Idempotency-Key",
        "k1");

    assertThat(ingest.status()).isEqualTo(200);
    assertThat(ingest.json().get("packets").asLong()).isEqualTo(expected.summary().packets());
    assertThat(ingest.json().get("windows").asInt()).isPositive();
    assertThat(ingest.json().get("alerts").asInt()).isZero();
    assertThat(ingest.json().get("duplicate").asBoolean()).isFalse();
    JsonNode summary = collector.get("/api/summary").json();
    assertThat(summary.get("packets").asLong()).isEqualTo(expected.summary().packets());
    assertThat(summary.get("bytes").asLong()).isEqualTo(expected.summary().bytes());
    assertThat(summary.get("files").asLong()).isEqualTo(1);
    assertThat(summary.get("sensors").asLong()).isEqualTo(1);
    assertThat(summary.get("firstTimestamp").asText()).isEqualTo(expected.summary().firstTimestamp());
    JsonNode protocols = collector.get("/api/protocols").json();
    assertThat(protocols.get(0).get("packets").asLong()).isEqualTo(expected.protocols().get(0).packets());
    JsonNode sources = collector.get("/api/top-sources?limit=1").json();
    assertThat(sources).hasSize(1);
    assertThat(sources.get(0).get("address").asText()).isEqualTo("127.0.0.1");
    collector.awaitWindowsClosed(); // the sample's last windows close when the sensor is quiet
    JsonNode features = collector.get("/api/features?window=30s&address=127.0.0.1").json();
    assertThat(features).isNotEmpty();
    assertThat(features.get(0).get("window").asText()).isEqualTo("30s");
    assertThat(features.get(0).get("sensor").asText()).isEqualTo("lab-1");
    assertThat(features.get(0).get("distinctDstPorts").asLong()).isPositive();
    assertThat(collector.get("/api/sensors").json().get(0).get("name").asText()).isEqualTo("lab-1");
    JsonNode flows = collector.get("/api/flows").json();
    assertThat(flows).hasSize(ingest.json().get("flows").asInt()).isNotEmpty();
    assertThat(flows.get(0).get("sensor").asText()).isEqualTo("lab-1");
    assertThat(collector.get("/api/alerts").body()).isEqualTo("[]");
  }

  @Test
  void shouldStoreAKeyOnceAndAnswerItsRetryAsDuplicate() throws Exception {
    collector = TestCollector.sqlite(data);
    byte[] body = Files.readAllBytes(SAMPLE);

    collector.post(body, "Idempotency-Key", "same");
    Answer retry = collector.post(gzip(body), "Idempotency-Key", "same", "Content-Encoding", "gzip");
    Answer unkeyed = collector.post(body);
    Answer unkeyedRetry = collector.post(body);

    assertThat(retry.status()).isEqualTo(200);
    assertThat(retry.json().get("duplicate").asBoolean()).isTrue();
    assertThat(unkeyed.json().get("duplicate").asBoolean()).isFalse();
    assertThat(unkeyedRetry.json().get("duplicate").asBoolean()).isTrue(); // the body's sha256 is the key
    assertThat(collector.get("/api/summary").json().get("files").asLong()).isEqualTo(2);
    assertThat(collector.get("/api/summary").json().get("packets").asLong())
        .isEqualTo(2 * CaptureFileAnalysis.analyze(SAMPLE, AnalysisOptions.defaults()).summary().packets());
  }

  @Test
  void shouldDecodeAGzipBodyLikeThePlainOne() throws Exception {
    collector = TestCollector.sqlite(data);
    byte[] body = Files.readAllBytes(SAMPLE);

    Answer plain = collector.post(body, "Idempotency-Key", "plain");
    Answer gzipped = collector.post(gzip(body), "Idempotency-Key", "gz", "Content-Encoding", "gzip");

    assertThat(gzipped.status()).isEqualTo(200);
    assertThat(gzipped.json()).isEqualTo(plain.json());
  }

  @Test
  void shouldRefuseBadBodiesAndStoreNothing() throws Exception {
    collector = new TestCollector(data, null, null, 4096, 2);
    byte[] sample = Files.readAllBytes(SAMPLE);
    byte[] gz = gzip(sample);

    Answer text = collector.post("hello, not a capture\n".getBytes(StandardCharsets.UTF_8));
    Answer empty = collector.post(new byte[0]);
    Answer truncatedGzip = collector.post(Arrays.copyOf(gz, 200), "Content-Encoding", "gzip");
    Answer notGzip = collector.post(Arrays.copyOf(sample, 1000), "Content-Encoding", "gzip");
    Answer tooLarge = collector.post(sample);
    Answer badSensor = collector.post(sample, "X-Netanal-Sensor", "a b");
    Answer badKey = collector.post(sample, "Idempotency-Key", "x/../y");
    Answer brotli = collector.post(sample, "Content-Encoding", "br");

    assertThat(text.status()).isEqualTo(400);
    assertThat(text.json().get("error").asText()).isEqualTo("bad_request");
    assertThat(text.json().get("message").asText())
        .isEqualTo("body: not a pcap or pcapng file (magic 0x68656c6c); nothing stored");
    assertThat(empty.json().get("message").asText())
        .isEqualTo("body: empty file (expected: a pcap or pcapng header); nothing stored");
    assertThat(truncatedGzip.status()).isEqualTo(400);
    assertThat(truncatedGzip.json().get("message").asText()).startsWith("body: not valid gzip (");
    assertThat(notGzip.status()).isEqualTo(400);
    assertThat(notGzip.json().get("message").asText()).startsWith("body: not valid gzip (Not in GZIP format)");
    assertThat(tooLarge.status()).isEqualTo(413);
    assertThat(tooLarge.json().get("message").asText()).isEqualTo("body: " + sample.length
        + " bytes or more (expected: at most 4096 bytes, see --max-body); nothing stored");
    assertThat(badSensor.json().get("message").asText()).startsWith("X-Netanal-Sensor: a b (expected: 1-64 ");
    assertThat(badKey.json().get("message").asText()).startsWith("Idempotency-Key: x/../y (expected: ");
    assertThat(brotli.status()).isEqualTo(415);
    assertThat(collector.get("/api/summary").json().get("files").asLong()).isZero();
    assertThat(collector.get("/api/sensors").body()).isEqualTo("[]");
    try (var leftovers = Files.list(data.resolve("incoming"))) {
      assertThat(leftovers).isEmpty();
    }
    assertThat(collector.get("/health").status()).isEqualTo(200);
  }

  @Test
  void shouldRefuseAGzipBombOnceItsUnpackedSizePassesTheLimit() throws Exception {
    collector = new TestCollector(data, null, null, 1 << 20, 2);

    Answer bomb = collector.post(gzip(new byte[8 << 20]), "Content-Encoding", "gzip");

    assertThat(bomb.status()).isEqualTo(413);
    assertThat(collector.get("/api/summary").json().get("files").asLong()).isZero();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "/api/summary?from=yesterday | from: yesterday (expected: epoch seconds like 1700000000.5, or an ISO-8601 "
          + "instant like 2026-12-01T12:00:00Z)",
      "/api/summary?from=20&to=10 | from: 20 is after to: 10 (expected: from <= to)",
      "/api/protocols?limit=0 | limit: 0 (expected: 1 to 10000)",
      "/api/top-sources?limit=-5 | limit: -5 (expected: 1 to 10000)",
      "/api/flows?limit=10001 | limit: 10001 (expected: 1 to 10000)",
      "/api/features?window=1h | window: 1h (expected: 5s, 30s or 3m)",
      "/api/features?address=example.com | address: example.com (expected: an IPv4 or IPv6 address)",
      "/api/alerts?to=1e9 | to: 1e9 (expected: epoch seconds like 1700000000.5, or an ISO-8601 instant like "
          + "2026-12-01T12:00:00Z)"})
  void shouldRefuseABadQueryParameterNamingIt(String request, String message) throws Exception {
    collector = TestCollector.sqlite(data);

    Answer answer = collector.get(request);

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.json().get("error").asText()).isEqualTo("bad_request");
    assertThat(answer.json().get("message").asText()).isEqualTo(message);
  }

  @Test
  void shouldAcceptIsoTimesAndNormaliseIpv6Addresses() throws Exception {
    collector = TestCollector.sqlite(data);
    collector.post(Files.readAllBytes(SAMPLE));
    collector.awaitWindowsClosed();

    Answer features = collector.get("/api/features?address=0:0:0:0:0:0:0:1&from=2000-01-01T00:00:00Z");

    assertThat(features.status()).isEqualTo(200);
    assertThat(features.json()).isNotEmpty();
    assertThat(features.json().get(0).get("address").asText()).isEqualTo("::1");
  }

  @Test
  void shouldAnswerUnknownApiPathsWithJson404() throws Exception {
    collector = TestCollector.sqlite(data);

    Answer answer = collector.get("/api/nothing-here");

    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.json().get("error").asText()).isEqualTo("not_found");
  }

  @Test
  void shouldRequireTheTokenEverywhereButHealth() throws Exception {
    collector = new TestCollector(data, null, "s3cret", 64 << 20, 2);
    byte[] body = Files.readAllBytes(SAMPLE);

    Answer missing = collector.post(body);
    Answer wrong = collector.post(body, "Authorization", "Bearer nope");
    Answer summaryWithout = collector.get("/api/summary");
    Answer right = collector.post(body, "Authorization", "Bearer s3cret");
    Answer query = collector.get("/api/summary?token=s3cret");

    assertThat(missing.status()).isEqualTo(401);
    assertThat(missing.json().get("message").asText())
        .isEqualTo("token: missing (expected: Authorization: Bearer TOKEN, or ?token=TOKEN)");
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.json().get("message").asText()).isEqualTo("token: wrong token");
    assertThat(summaryWithout.status()).isEqualTo(401);
    assertThat(right.status()).isEqualTo(200);
    assertThat(query.json().get("files").asLong()).isEqualTo(1);
    assertThat(collector.get("/health").status()).isEqualTo(200);
    assertThatThrownBy(() -> collector.http.newWebSocketBuilder()
        .buildAsync(collector.uri("/ws/dashboard").resolve("ws://127.0.0.1:" + collector.server.port()
            + "/ws/dashboard"), new WebSocket.Listener() {}).join())
        .isInstanceOf(CompletionException.class);
  }

  @Test
  void shouldServeTheSameAnswersFromPostgresql() throws Exception {
    String schema = TestDatabases.freshPostgresSchema();
    try {
      collector = new TestCollector(data, schema, null, 64 << 20, 2);
      byte[] body = Files.readAllBytes(SAMPLE);
      Report expected = CaptureFileAnalysis.analyze(SAMPLE, AnalysisOptions.defaults());

      Answer first = collector.post(body, "X-Netanal-Sensor", "pg-1");
      Answer retry = collector.post(gzip(body), "X-Netanal-Sensor", "pg-1", "Content-Encoding", "gzip");
      Answer bad = collector.post("not a capture".getBytes(StandardCharsets.UTF_8));

      assertThat(first.json().get("packets").asLong()).isEqualTo(expected.summary().packets());
      assertThat(retry.json().get("duplicate").asBoolean()).isTrue();
      assertThat(bad.status()).isEqualTo(400);
      JsonNode summary = collector.get("/api/summary").json();
      assertThat(summary.get("packets").asLong()).isEqualTo(expected.summary().packets());
      assertThat(summary.get("bytes").asLong()).isEqualTo(expected.summary().bytes());
      assertThat(summary.get("files").asLong()).isEqualTo(1);
      assertThat(collector.get("/api/top-sources?limit=1").json().get(0).get("address").asText())
          .isEqualTo("127.0.0.1");
    } finally {
      if (collector != null) {
        collector.close();
        collector = null;
      }
      TestDatabases.dropSchema(schema);
    }
  }

  @Test
  void shouldRefuseToListenBeyondLoopbackWithoutAToken() {
    assertThatThrownBy(() -> CollectorServer.start(new ServeConfig("0.0.0.0", 0, data, null, null,
        Retention.parse(Retention.DEFAULT), 1 << 20, 1, false, false), new PrintWriter(new StringWriter())))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("listen: 0.0.0.0 is reachable from other machines and no token is set (expected: --token or "
            + "NETANAL_TOKEN, or --allow-remote-without-token)");
  }

  @Test
  void shouldAnswer429WhileEveryWorkerIsBusy() throws Exception {
    collector = new TestCollector(data, null, null, 64 << 20, 1);
    byte[] body = Files.readAllBytes(SAMPLE);
    try (Socket slow = new Socket("127.0.0.1", collector.server.port())) {
      // An upload that sends its headers and a first part, then stalls: it holds the only worker.
      OutputStream out = slow.getOutputStream();
      out.write(("POST /api/ingest HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: " + body.length
          + "\r\nIdempotency-Key: slow\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(body, 0, 100);
      out.flush();
      Answer busy = waitFor429(body);

      assertThat(busy.json().get("message").asText()).isEqualTo("ingest: all 1 workers busy (retry later)");
      out.write(body, 100, body.length - 100);
      out.flush();
      InputStream in = slow.getInputStream();
      String status = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
      assertThat(status).isEqualTo("HTTP/1.1 200");
    }
    assertThat(collector.get("/api/summary").json().get("files").asLong()).isEqualTo(1);
  }

  @Test
  void shouldFinishAnUploadInProgressWhenClosingAndRefuseNewOnes() throws Exception {
    collector = new TestCollector(data, null, null, 64 << 20, 1);
    byte[] body = Files.readAllBytes(SAMPLE);
    try (Socket slow = new Socket("127.0.0.1", collector.server.port())) {
      OutputStream out = slow.getOutputStream();
      out.write(("POST /api/ingest HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: " + body.length
          + "\r\nIdempotency-Key: in-flight\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(body, 0, 100);
      out.flush();
      waitFor429(body);
      CompletableFuture<Void> closing = CompletableFuture.runAsync(collector.server::close);
      Answer refused = waitForStatus(body, 503);

      assertThat(refused.json().get("message").asText())
          .isEqualTo("ingest: the collector is shutting down (retry later)");
      assertThat(closing).isNotDone();
      out.write(body, 100, body.length - 100);
      out.flush();
      String status = new String(slow.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
      assertThat(status).isEqualTo("HTTP/1.1 200");
      closing.get(60, TimeUnit.SECONDS);
    }
    collector = null;
    try (Store reopened = new Store(Database.sqlite(data, 2))) {
      assertThat(reopened.hasFile("in-flight")).isTrue();
      assertThat(reopened.totals(TimeRange.ALL).files()).isEqualTo(1);
    }
  }

  private Answer waitForStatus(byte[] body, int status) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (true) {
      // A small probe: refused before its body is read, it still fits the socket buffers (no broken pipe).
      Answer a = collector.post(Arrays.copyOf(body, 200), "Idempotency-Key", "late");
      if (a.status() == status || System.nanoTime() > deadline) {
        assertThat(a.status()).isEqualTo(status);
        return a;
      }
      Thread.sleep(50);
    }
  }

  /** Waits until the stalled upload holds the only worker, then probes until the collector answers 429. */
  private Answer waitFor429(byte[] body) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    // Probing earlier would race the stalled upload for the worker (and could make it the one refused).
    while (collector.server.busyWorkers() == 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    while (true) {
      Answer a = collector.post(Arrays.copyOf(body, 200), "Idempotency-Key", "other");
      if (a.status() == 429 || System.nanoTime() > deadline) {
        assertThat(a.status()).isEqualTo(429);
        return a;
      }
      Thread.sleep(50);
    }
  }

  @Test
  void shouldPushTotalsToEveryDashboardOverTheWebSocket() throws Exception {
    collector = new TestCollector(data, null, "tok", 64 << 20, 2);
    collector.post(Files.readAllBytes(SAMPLE), "Authorization", "Bearer tok");
    LinkedBlockingQueue<String> first = new LinkedBlockingQueue<>();
    LinkedBlockingQueue<String> second = new LinkedBlockingQueue<>();
    URI ws = URI.create("ws://127.0.0.1:" + collector.server.port() + "/ws/dashboard?token=tok");
    HttpClient client = HttpClient.newHttpClient();

    WebSocket a = client.newWebSocketBuilder().buildAsync(ws, collecting(first)).get(10, TimeUnit.SECONDS);
    WebSocket b = client.newWebSocketBuilder().buildAsync(ws, collecting(second)).get(10, TimeUnit.SECONDS);
    String pushA = first.poll(15, TimeUnit.SECONDS);
    String pushB = second.poll(15, TimeUnit.SECONDS);

    assertThat(pushA).isNotNull();
    assertThat(pushB).isNotNull();
    JsonNode snapshot = TestCollector.JSON.readTree(pushA);
    assertThat(snapshot.get("totals").get("packets").asLong())
        .isEqualTo(CaptureFileAnalysis.analyze(SAMPLE, AnalysisOptions.defaults()).summary().packets());
    assertThat(snapshot.get("series")).isNotEmpty();
    assertThat(snapshot.get("sensors").get(0).get("name").asText()).isEqualTo("unnamed");
    assertThat(snapshot.has("rates")).isTrue();
    assertThat(snapshot.get("alerts")).isEmpty();
    a.abort();
    b.abort();
  }

  private static WebSocket.Listener collecting(LinkedBlockingQueue<String> into) {
    return new WebSocket.Listener() {
      private final StringBuilder partial = new StringBuilder();

      @Override
      public CompletionStage<?> onText(WebSocket ws, CharSequence text, boolean last) {
        partial.append(text);
        if (last) {
          into.add(partial.toString());
          partial.setLength(0);
        }
        ws.request(1);
        return CompletableFuture.completedFuture(null);
      }
    };
  }
}
