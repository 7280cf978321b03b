package io.netanal.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netanal.report.ReportStore;
import io.netanal.testing.LiveCaptureSupport;
import io.netanal.testing.LoopbackTraffic;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code netanal capture} on loopback while the test sends a known number of UDP and TCP packets. */
@Timeout(60)
class CaptureLoopbackTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  /** Runs {@code capture} in the background, with the saved report kept in the test's directory. */
  private CompletableFuture<Integer> capture(String... args) {
    CommandLine cl = Netanal.commandLine();
    CaptureCommand command = cl.getSubcommands().get("capture").getCommand();
    command.store = new ReportStore(dir.resolve("state"));
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return CompletableFuture.supplyAsync(() -> cl.execute(args));
  }

  @Test
  void shouldReportAndWriteExactlyThePacketsSentToLoopback() throws Exception {
    LiveCaptureSupport.requireLiveCapture();
    Path file = dir.resolve("lo.pcapng");
    try (LoopbackTraffic traffic = new LoopbackTraffic()) {
      CompletableFuture<Integer> exit = capture("capture", "-i", "lo", "--json", "-f", traffic.filter(),
          "-c", "70", "-w", file.toString());
      awaitListening(exit);
      traffic.sendUdp(50, 100);
      traffic.drainUdp(50);
      traffic.sendTcp(20, 200);

      assertThat(exit.get(10, TimeUnit.SECONDS)).as("exit code; stderr: %s", err).isZero();
    }
    JsonNode live = JSON.readTree(out.toString());
    assertThat(live.path("source").path("kind").asText()).isEqualTo("live");
    assertThat(live.path("source").path("name").asText()).isEqualTo("lo");
    assertThat(live.path("source").path("format").asText()).isEqualTo("pcapng");
    assertThat(live.path("capture").path("received").asLong()).isEqualTo(70);
    assertThat(live.path("capture").path("droppedByQueue").asLong()).isZero();
    assertThat(live.path("capture").path("droppedByKernel").asLong()).isZero();
    assertThat(live.path("summary").path("packets").asLong()).isEqualTo(70);
    // 50 datagrams of 100 bytes and 20 segments of 200, each in Ethernet (14) + IPv4 (20) + UDP (8) / TCP (32)
    assertThat(live.path("summary").path("bytes").asLong()).isEqualTo(50 * (14 + 20 + 8 + 100)
        + 20 * (14 + 20 + 32 + 200));
    assertThat(protocols(live)).contains(tuple("eth", 70L), tuple("ip", 70L), tuple("udp", 50L), tuple("tcp", 20L));
    assertThat(live.path("endpoints")).hasSize(1);
    assertThat(live.path("endpoints").get(0).path("address").asText()).isEqualTo("127.0.0.1");
    assertThat(live.path("endpoints").get(0).path("packetsSent").asLong()).isEqualTo(70);
    assertThat(live.path("endpoints").get(0).path("packetsReceived").asLong()).isEqualTo(70);
    assertThat(JSON.readTree(dir.resolve("state").resolve(ReportStore.FILE_NAME).toFile())).isEqualTo(live);

    JsonNode analyzed = analyzeInChildProcess(file);
    assertThat(analyzed.path("source").path("format").asText()).isEqualTo("pcapng");
    assertThat(analyzed.path("summary").path("packets").asLong()).isEqualTo(70);
    assertThat(analyzed.path("summary").path("bytes")).isEqualTo(live.path("summary").path("bytes"));
    assertThat(protocols(analyzed)).containsExactlyElementsOf(protocols(live));
    assertThat(analyzed.path("endpoints")).isEqualTo(live.path("endpoints"));
    assertThat(analyzed.path("conversations")).isEqualTo(live.path("conversations"));
  }

  @Test
  void shouldKeepOnlyUdpFramesWithTheUdpFlag() throws Exception {
    LiveCaptureSupport.requireLiveCapture();
    try (LoopbackTraffic traffic = new LoopbackTraffic()) {
      // Both test ports, so that other loopback traffic on this machine stays out; --udp must drop the TCP half.
      CompletableFuture<Integer> exit = capture("capture", "-i", "lo", "--json", "--udp",
          "--port", Integer.toString(traffic.udpPort()), "--port", Integer.toString(traffic.tcpPort()), "-t", "4");
      awaitListening(exit);
      traffic.sendUdp(30, 100);
      traffic.drainUdp(30);
      traffic.sendTcp(10, 200);

      assertThat(exit.get(10, TimeUnit.SECONDS)).as("exit code; stderr: %s", err).isZero();
      JsonNode live = JSON.readTree(out.toString());
      assertThat(live.path("source").path("filter").asText()).isEqualTo("udp and (port " + traffic.udpPort()
          + " or port " + traffic.tcpPort() + ")");
      assertThat(live.path("capture").path("received").asLong()).isEqualTo(30);
      assertThat(live.path("summary").path("packets").asLong()).isEqualTo(30);
      assertThat(protocols(live)).contains(tuple("udp", 30L)).extracting(t -> t.toArray()[0]).doesNotContain("tcp");
    }
  }

  @Test
  void shouldPrintOnePacketLinePerFrameWithV() throws Exception {
    LiveCaptureSupport.requireLiveCapture();
    try (LoopbackTraffic traffic = new LoopbackTraffic()) {
      CompletableFuture<Integer> exit = capture("capture", "-i", "lo", "-q", "-v", "-f", traffic.filter(),
          "-c", "3");
      awaitListening(exit);
      int sourcePort = traffic.sendUdp(3, 100);

      assertThat(exit.get(10, TimeUnit.SECONDS)).as("exit code; stderr: %s", err).isZero();
      List<String> lines = out.toString().lines().limit(3).toList();
      assertThat(lines).hasSize(3).allSatisfy(line -> assertThat(line).matches(
          "\\d\\d:\\d\\d:\\d\\d\\.\\d{6} udp 127\\.0\\.0\\.1:" + sourcePort + " > 127\\.0\\.0\\.1:" + traffic.udpPort()
              + " len 142"));
    }
  }

  @ParameterizedTest
  @CsvSource({
      "'', a1b2c3d4, 000", // tcpdump's default: microsecond pcap, which every tool reads
      "micro, a1b2c3d4, 000",
      "nano, a1b23c4d, ''"})
  void shouldWriteThePcapTimestampPrecisionTcpdumpWouldWrite(String precision, String magic, String lastDigits)
      throws Exception {
    LiveCaptureSupport.requireLiveCapture();
    Path file = dir.resolve("precision.pcap");
    List<String> args = new ArrayList<>(List.of("capture", "-i", "lo", "-q", "--json", "-c", "1", "-w",
        file.toString()));
    try (LoopbackTraffic traffic = new LoopbackTraffic()) {
      args.addAll(List.of("-f", traffic.filter()));
      if (!precision.isEmpty()) {
        args.addAll(List.of("--time-stamp-precision", precision));
      }
      CompletableFuture<Integer> exit = capture(args.toArray(new String[0]));
      awaitListening(exit);
      traffic.sendUdp(1, 10);

      assertThat(exit.get(10, TimeUnit.SECONDS)).as("exit code; stderr: %s", err).isZero();
    }
    ByteBuffer header = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(Integer.toHexString(header.getInt(0))).isEqualTo(magic);
    // The live report has the precision of the file: microsecond timestamps end in three zeros.
    String first = JSON.readTree(out.toString()).path("summary").path("firstTimestamp").asText();
    assertThat(first).endsWith(lastDigits);
    assertThat(analyzeInChildProcess(file).path("summary").path("firstTimestamp").asText()).isEqualTo(first);
  }

  /** Waits for the "listening on" line, which capture prints once the device is open and filtering. */
  private void awaitListening(CompletableFuture<Integer> exit) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!err.toString().contains(CaptureProcess.LISTENING) && !exit.isDone() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(err.toString()).as("capture listening").contains(CaptureProcess.LISTENING);
  }

  private static List<Tuple> protocols(JsonNode report) {
    List<Tuple> rows = new ArrayList<>();
    report.path("protocols").forEach(p -> rows.add(tuple(p.path("name").asText(), p.path("packets").asLong())));
    return rows;
  }

  /** {@code netanal analyze --json FILE} as a child process, saving its report under the test's directory. */
  private JsonNode analyzeInChildProcess(Path file) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(CaptureCommandTest.javaCommand("analyze", "--json", file.toString()));
    builder.environment().put("XDG_STATE_HOME", dir.resolve("analyze-state").toString());
    builder.redirectError(dir.resolve("analyze.err").toFile());
    Process p = builder.start();
    String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("analyze exit code; stderr: %s", Files.readString(dir.resolve("analyze.err")))
        .isZero();
    return JSON.readTree(stdout);
  }
}
