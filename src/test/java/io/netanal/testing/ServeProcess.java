package io.netanal.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real collector for end-to-end tests: {@code netanal serve --listen 127.0.0.1:PORT --data DIR} as a separate
 * JVM from the test classpath (tests run before the jar is packaged), asked through its API. The port is chosen
 * once, so the collector can be started late, SIGKILLed and restarted on the same port and the same SQLite data,
 * as a sensor sees a collector that goes away and comes back. Its output is appended to {@code log}.
 *
 * <p>Owned by the test thread.
 */
public final class ServeProcess implements TestCollector {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long START_TIMEOUT_MILLIS = 60_000;

  private final Path data;
  private final Path log;
  private final int port;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private Process process;

  private ServeProcess(Path data, Path log, int port) {
    this.data = data;
    this.log = log;
    this.port = port;
  }

  /** A collector on a free port, not started yet: its {@link #url()} refuses connections until {@link #start}. */
  public static ServeProcess notStarted(Path data, Path log) throws IOException {
    try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return new ServeProcess(data, log, probe.getLocalPort());
    }
  }

  /** A running collector on a free port. */
  public static ServeProcess start(Path data, Path log) throws IOException, InterruptedException {
    ServeProcess serve = notStarted(data, log);
    serve.start();
    return serve;
  }

  /** Starts the collector and waits until it says it listens; fails with its output if it exits instead. */
  public void start() throws IOException, InterruptedException {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException("serve already running (pid " + process.pid() + ")");
    }
    long logged = Files.exists(log) ? Files.size(log) : 0;
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "-Xmx512m", "-cp", System.getProperty("java.class.path"), "io.netanal.cli.Netanal", "serve",
        "--listen", "127.0.0.1:" + port, "--data", data.toString()));
    process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
    while (!output(logged).contains("netanal serve: listening on ")) {
      if (!process.isAlive() || System.currentTimeMillis() > deadline) {
        process.destroyForcibly().waitFor();
        throw new IllegalStateException("serve did not start (exit " + process.exitValue() + "): "
            + output(logged));
      }
      Thread.sleep(50);
    }
  }

  private String output(long from) throws IOException {
    String all = Files.exists(log) ? Files.readString(log) : "";
    return all.substring((int) Math.min(from, all.length()));
  }

  /** SIGKILL: no shutdown hook, no graceful stop; what was committed before is all that is stored. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  public long pid() {
    return process.pid();
  }

  @Override
  public String url() {
    return "http://127.0.0.1:" + port;
  }

  /** The answer of {@code GET path} as JSON; fails on a status other than 200. */
  public JsonNode get(String path) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url() + path))
        .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("GET " + path + ": HTTP " + r.statusCode() + ": " + r.body());
    }
    return JSON.readTree(r.body());
  }

  @Override
  public long packets() throws Exception {
    return get("/api/summary").get("packets").asLong();
  }

  @Override
  public long files() throws Exception {
    return get("/api/summary").get("files").asLong();
  }

  /** SIGTERM, a graceful stop; SIGKILL if it has not stopped within 20 s. */
  @Override
  public void close() {
    if (process == null) {
      return;
    }
    try {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** For messages: what the collector printed so far. */
  public String log() {
    try {
      return output(0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
