package io.netanal.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.netanal.analysis.AnalysisOptions;
import io.netanal.analysis.CaptureFileAnalysis;
import io.netanal.serve.TestCollector.Answer;
import io.netanal.testing.PcapFixture;
import io.netanal.testing.TestData;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What one upload may take: its request thread only (no slice or stage threads, whatever its size), a body up to
 * the size limit, packets in at most a day of 5 s windows; and the sensors with open detection state are capped.
 */
@Timeout(300)
class UploadBoundsTest {
  private static final long T0 = 1_700_000_000L;
  private static final long MIB = 1 << 20;

  @TempDir Path data;

  /** A pcap of {@code frames} SYNs from 1,000 sources to one server, {@code gapNanos} apart from T0. */
  private static Path syns(Path file, int frames, long gapNanos) throws Exception {
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
      ByteBuffer header = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
      header.putInt(0xa1b23c4d).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
      out.write(header.array());
      ByteBuffer record = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
      for (int i = 0; i < frames; i++) {
        long ts = T0 * 1_000_000_000L + i * gapNanos;
        byte[] frame = PcapFixture.tcp(PcapFixture.ipv4(10, 1, (i % 1000) / 250, 1 + i % 250),
            PcapFixture.ipv4(10, 9, 9, 9), 1024 + i % 60_000, 443, 0x02);
        record.clear();
        record.putInt((int) (ts / 1_000_000_000L)).putInt((int) (ts % 1_000_000_000L)).putInt(frame.length)
            .putInt(frame.length);
        out.write(record.array());
        out.write(frame);
      }
    }
    return file;
  }

  private static Answer postFile(TestCollector collector, Path file, String sensor) throws Exception {
    // Expect: 100-continue, as curl and ship send large bodies: a 413 then comes before the body, not under it.
    HttpRequest request = HttpRequest.newBuilder(collector.uri("/api/ingest")).timeout(Duration.ofSeconds(240))
        .expectContinue(true).header("X-Netanal-Sensor", sensor).header("Idempotency-Key", sensor + "-1")
        .POST(HttpRequest.BodyPublishers.ofFile(file)).build();
    HttpResponse<String> r = collector.http.send(request, HttpResponse.BodyHandlers.ofString());
    return new Answer(r.statusCode(), r.body().startsWith("{") ? TestCollector.JSON.readTree(r.body()) : null,
        r.body());
  }

  @Test
  void shouldDecodeALargeUploadNearTheSizeLimitOnItsRequestThreadAlone() throws Exception {
    int frames = 1_000_000; // 70 MB: twice the size from which analyze reads a file in two threads
    Path body = syns(data.resolve("large.pcap"), frames, 100_000);
    long limit = (Files.size(body) + MIB - 1) / MIB * MIB; // the body is within 1 MiB of the limit
    Set<String> analysisThreads = ConcurrentHashMap.newKeySet();
    try (TestCollector collector = new TestCollector(data.resolve("db"), null, null, limit, 2)) {
      Thread watcher = new Thread(() -> {
        while (!Thread.currentThread().isInterrupted()) {
          Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
              .filter(n -> n.startsWith("analyze-")).forEach(analysisThreads::add);
          try {
            Thread.sleep(5);
          } catch (InterruptedException e) {
            return;
          }
        }
      });
      watcher.start();
      Answer answer;
      try {
        answer = postFile(collector, body, "big");
      } finally {
        watcher.interrupt();
        watcher.join();
      }

      assertThat(answer.status()).as(answer.body()).isEqualTo(200);
      assertThat(answer.json().get("packets").asLong()).isEqualTo(frames);
      assertThat(answer.json().get("features").asInt()).isPositive(); // 100 s of windows closed as it was fed
      assertThat(analysisThreads).as("slice or stage threads").isEmpty();
    }
  }

  @Test
  void shouldIngestTheLargestCorpusFileUnderALimitJustAboveItAndRefuseItJustBelow() throws Exception {
    Path largest;
    try (Stream<Path> files = Files.walk(TestData.pcaps())) {
      largest = files.filter(f -> f.toString().matches(".*\\.(pcap|pcapng|cap)$"))
          .max(Comparator.comparingLong(f -> f.toFile().length())).orElse(null);
    }
    TestData.require(largest != null, "no capture in the corpus");
    long packets = CaptureFileAnalysis.analyze(largest, AnalysisOptions.defaults()).summary().packets();
    long above = (Files.size(largest) + MIB - 1) / MIB * MIB;

    try (TestCollector collector = new TestCollector(data.resolve("above"), null, null, above, 2)) {
      Answer answer = postFile(collector, largest, "corpus");
      assertThat(answer.status()).as(answer.body()).isEqualTo(200);
      assertThat(answer.json().get("packets").asLong()).isEqualTo(packets);
    }
    try (TestCollector collector = new TestCollector(data.resolve("below"), null, null, above - MIB, 2);
        Socket socket = new Socket("127.0.0.1", collector.server.port())) {
      // The headers alone: the 413 is decided from Content-Length, without the body (a client that sent it
      // whole could see the connection close under it instead).
      socket.setSoTimeout(30_000);
      socket.getOutputStream().write(("POST /api/ingest HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: "
          + Files.size(largest) + "\r\nExpect: 100-continue\r\nX-Netanal-Sensor: corpus\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
          StandardCharsets.US_ASCII));
      String status = in.readLine();
      while (status != null && !(status.startsWith("HTTP/1.1 ") && !status.startsWith("HTTP/1.1 100"))) {
        status = in.readLine(); // past Jetty's interim 100 Continue
      }
      assertThat(status).startsWith("HTTP/1.1 413");
    }
  }

  @Test
  void shouldRefuseABodyWithPacketsInMoreThanADayOfWindows() throws Exception {
    Path body = syns(data.resolve("sparse.pcap"), UploadAnalyzer.MAX_WINDOWS + 1, 5_000_000_000L);
    try (TestCollector collector = TestCollector.sqlite(data.resolve("db"))) {
      Answer answer = postFile(collector, body, "sparse");

      assertThat(answer.status()).isEqualTo(400);
      assertThat(answer.json().get("message").asText()).isEqualTo("body: packets in more than 17280 distinct 5 s "
          + "windows (expected: at most 17280, a day of traffic; split the capture); nothing stored");
      assertThat(collector.get("/api/summary").json().get("packets").asLong()).isZero();
      assertThat(collector.server.detection().sensorsOpen()).isZero();
    }
  }

  @Test
  void shouldCloseTheLeastRecentlyFedSensorsStateBeyondTheCapAndStoreItsWindows() throws Exception {
    Path body = syns(data.resolve("small.pcap"), 10, 1_000_000);
    try (TestCollector collector = new TestCollector(data.resolve("db"), null, null, 64 << 20, 2, 3600)) {
      for (int s = 0; s < CollectorDetection.MAX_SENSORS + 2; s++) {
        assertThat(postFile(collector, body, "s-" + s).status()).isEqualTo(200);
      }

      assertThat(collector.server.detection().sensorsOpen()).isEqualTo(CollectorDetection.MAX_SENSORS);
      // s-0 and s-1 were closed to make room: their window is stored; s-2's is still open.
      var rows = collector.get("/api/features?window=5s&address=10.9.9.9").json();
      assertThat(rows).extracting(r -> r.get("sensor").asText()).containsExactly("s-0", "s-1");
      assertThat(rows.get(0).get("tcpSynReceived").asLong()).isEqualTo(10);
    }
  }
}
