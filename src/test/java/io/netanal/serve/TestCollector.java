package io.netanal.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netanal.store.Retention;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A collector on an ephemeral loopback port for one test, with a small HTTP client for it. Owned by the test
 * thread; {@link #log} collects what the server logged.
 */
final class TestCollector implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();

  final StringWriter log = new StringWriter();
  final CollectorServer server;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  TestCollector(Path data, String dbUrl, String token, long maxBody, int workers) throws IOException {
    this(data, dbUrl, token, maxBody, workers, ServeConfig.DEFAULT_IDLE_CLOSE_SECONDS);
  }

  /** A collector that closes a quiet sensor's windows after {@code idleSeconds}. */
  TestCollector(Path data, String dbUrl, String token, long maxBody, int workers, int idleSeconds)
      throws IOException {
    server = CollectorServer.start(new ServeConfig("127.0.0.1", 0, data, dbUrl, token,
        Retention.parse(Retention.DEFAULT), maxBody, workers, false, false, idleSeconds),
        new PrintWriter(log, true));
  }

  /** On SQLite, closing a quiet sensor's windows after 1 s (so a test sees its features soon). */
  static TestCollector sqlite(Path data) throws IOException {
    return new TestCollector(data, null, null, 64 << 20, 2, 1);
  }

  URI uri(String pathAndQuery) {
    return URI.create(server.url() + pathAndQuery);
  }

  /** A response: status and the body parsed as JSON. */
  record Answer(int status, JsonNode json, String body) {}

  Answer get(String pathAndQuery, String... headers) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(30)).GET();
    if (headers.length > 0) {
      b.headers(headers);
    }
    return answer(http.send(b.build(), HttpResponse.BodyHandlers.ofString()));
  }

  Answer post(byte[] body, String... headers) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri("/api/ingest")).timeout(Duration.ofSeconds(60))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return answer(http.send(b.build(), HttpResponse.BodyHandlers.ofString()));
  }

  /** GETs {@code pathAndQuery} until its JSON array has {@code size} elements (or 20 s passed): the last answer. */
  Answer awaitArray(String pathAndQuery, int size) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + 20_000_000_000L;
    Answer a = get(pathAndQuery);
    while (a.json() != null && a.json().size() != size && System.nanoTime() < deadline) {
      Thread.sleep(200);
      a = get(pathAndQuery);
    }
    return a;
  }

  /** Waits until no sensor has open detection state (its windows were closed and stored), at most 20 s. */
  void awaitWindowsClosed() throws InterruptedException {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (server.detection().sensorsOpen() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    // The check that closed the last state stores it before it ends: wait for the next one to complete.
    long checks = server.idleChecks();
    while (server.idleChecks() < checks + 2 && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
  }

  private static Answer answer(HttpResponse<String> r) throws IOException {
    String body = r.body();
    JsonNode json = body.startsWith("{") || body.startsWith("[") ? JSON.readTree(body) : null;
    return new Answer(r.statusCode(), json, body);
  }

  @Override
  public void close() {
    server.close();
  }
}
