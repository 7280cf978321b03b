package io.netanal.ship;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * Posts one prepared spool file to the collector's {@code /api/ingest} (DESIGN.md section 8) with the JDK's
 * {@link HttpClient}: the gzip body, {@code Content-Encoding: gzip}, {@code Idempotency-Key} (the sha256 of the
 * uncompressed file, so a retry after a lost response is recognised), {@code X-Netanal-Sensor}, and
 * {@code Authorization: Bearer} when a token is set; and sorts the answer into an {@link IngestResult}.
 *
 * <p>Thread-safe (the HTTP client is); the shipper calls it from its one thread.
 */
final class IngestClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_MESSAGE = 200;

  private final HttpClient http;
  private final URI ingest;
  private final String token;
  private final Duration timeout;

  IngestClient(URI ingest, String token, Duration timeout) {
    this.http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1) // a plain-HTTP collector need not speak h2c
        .connectTimeout(Duration.ofSeconds(10))
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
    this.ingest = ingest;
    this.token = token;
    this.timeout = timeout;
  }

  /**
   * Uploads {@code file}; never throws for what the network or the collector does. Returns null, abandoning the
   * exchange, as soon as {@code stopped} says so (checked every 100 ms): whatever the collector then makes of the
   * upload, the file's next upload carries the same key.
   */
  IngestResult upload(PreparedFile file, BooleanSupplier stopped) throws IOException {
    HttpRequest.Builder request = HttpRequest.newBuilder(ingest)
        .timeout(timeout)
        .header("Content-Type", "application/vnd.tcpdump.pcap")
        .header("Content-Encoding", "gzip")
        .header("Idempotency-Key", file.sha256())
        .header("X-Netanal-Sensor", file.sensor());
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    request.POST(HttpRequest.BodyPublishers.ofInputStream(file::gzip));
    CompletableFuture<HttpResponse<String>> exchange =
        http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    HttpResponse<String> response;
    try {
      response = await(exchange, stopped);
      if (response == null) {
        return null;
      }
    } catch (HttpTimeoutException e) {
      return transientFailure("timed out after " + timeout.toSeconds() + " s");
    } catch (ConnectException e) {
      return transientFailure("connection refused or unreachable: " + ingest.getAuthority());
    } catch (IOException e) {
      return transientFailure("connection failed: " + (e.getMessage() == null ? e.getClass().getSimpleName()
          : e.getMessage()));
    }
    return classify(response.statusCode(), response.body(),
        response.headers().firstValue("Retry-After").orElse(null));
  }

  /** The response, or null once {@code stopped}; the exchange's own failure is thrown as it is. */
  private static HttpResponse<String> await(CompletableFuture<HttpResponse<String>> exchange,
      BooleanSupplier stopped) throws IOException {
    while (true) {
      if (stopped.getAsBoolean()) {
        exchange.cancel(true);
        return null;
      }
      try {
        return exchange.get(100, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        // still going: check stopped again
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        exchange.cancel(true);
        return null;
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof IOException io) {
          throw io;
        }
        throw new IOException(cause.getMessage() == null ? cause.toString() : cause.getMessage(), cause);
      }
    }
  }

  static IngestResult classify(int status, String body, String retryAfter) {
    if (status == 200) {
      JsonNode answer = parse(body);
      if (answer == null) {
        return transientFailure("HTTP 200 with a body that is not the ingest answer: " + excerpt(body));
      }
      boolean duplicate = answer.path("duplicate").asBoolean(false);
      return new IngestResult(duplicate ? IngestResult.Kind.DUPLICATE : IngestResult.Kind.STORED, status,
          duplicate ? "duplicate" : "stored", answer.path("packets").asLong(-1), 0);
    }
    String message = "HTTP " + status + errorText(body);
    if (status == 429 || status >= 500) {
      return new IngestResult(IngestResult.Kind.TRANSIENT, status, message, -1, retryAfterMillis(retryAfter));
    }
    return new IngestResult(IngestResult.Kind.REJECTED, status, message, -1, 0);
  }

  private static IngestResult transientFailure(String message) {
    return new IngestResult(IngestResult.Kind.TRANSIENT, 0, message, -1, 0);
  }

  private static JsonNode parse(String body) {
    try {
      JsonNode n = JSON.readTree(body);
      return n != null && n.isObject() ? n : null;
    } catch (IOException e) {
      return null;
    }
  }

  /** ": message" from a {@code {error, message}} body, or an excerpt of any other body. */
  private static String errorText(String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    JsonNode n = parse(body);
    String text = n != null && n.hasNonNull("message") ? n.get("message").asText()
        : n != null && n.hasNonNull("error") ? n.get("error").asText() : excerpt(body);
    return ": " + text;
  }

  private static String excerpt(String body) {
    String oneLine = body == null ? "" : body.strip().replaceAll("\\s+", " ");
    return oneLine.length() > MAX_MESSAGE ? oneLine.substring(0, MAX_MESSAGE) + "..." : oneLine;
  }

  /** {@code Retry-After} in seconds (the HTTP-date form is rare from APIs, and ignored). */
  private static long retryAfterMillis(String header) {
    if (header == null) {
      return 0;
    }
    try {
      return Math.max(0, Long.parseLong(header.trim())) * 1000;
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
