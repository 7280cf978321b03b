package io.netanal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netanal.report.ReportStore;
import io.netanal.testing.LiveCaptureSupport;
import io.netanal.testing.LoopbackTraffic;
import io.netanal.testing.ServeProcess;
import io.netanal.testing.TestCollector;
import io.netanal.testing.TmpfsMount;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code capture --spool} on loopback traffic the test sends, then {@code ship --once} to {@code netanal serve}
 * ({@link ServeProcess}): what the collector counts equals what the capture reported, also after the capture is
 * SIGKILLed. The assertions ask the collector's API while it runs.
 */
@Timeout(90)
class CaptureSpoolTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String NL = System.lineSeparator();

  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  /** The real collector, {@code netanal serve} in its own JVM on SQLite. */
  private TestCollector collector() throws Exception {
    return ServeProcess.start(dir.resolve("collector"), dir.resolve("serve.log"));
  }

  /** Runs {@code capture} in the background, with the saved report kept in the test's directory. */
  private CompletableFuture<Integer> capture(String... args) {
    CommandLine cl = Netanal.commandLine();
    CaptureCommand command = cl.getSubcommands().get("capture").getCommand();
    command.store = new ReportStore(dir.resolve("state"));
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return CompletableFuture.supplyAsync(() -> cl.execute(args));
  }

  private int ship(TestCollector server, CommandRunner runner, Path spool) {
    return runner.run("ship", spool.toString(), "--to", server.url(), "--once");
  }

  private static List<String> names(Path d) throws Exception {
    try (Stream<Path> s = Files.list(d)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void shouldRejectSpoolOptionsWithoutSpool() {
    CommandRunner runner = CommandRunner.netanal();
    assertThat(runner.run("capture", "--rotate", "5s")).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(runner.err.toString()).isEqualTo("netanal: --rotate: given without --spool (expected: --spool DIR)" + NL);
  }

  @Test
  void shouldRejectARotationThatIsNotWholeSeconds() {
    CommandRunner runner = CommandRunner.netanal();
    assertThat(runner.run("capture", "--spool", dir.toString(), "--rotate", "1500ms"))
        .isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(runner.err.toString()).isEqualTo("netanal: --rotate: 1.5 s (expected: whole seconds, >= 1 s)" + NL);
  }

  @Test
  void shouldRejectASpoolThatIsAFile() throws Exception {
    Path file = Files.createFile(dir.resolve("file"));
    CommandRunner runner = CommandRunner.netanal();
    assertThat(runner.run("capture", "--spool", file.toString())).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(runner.err.toString()).isEqualTo("netanal: --spool: " + file + ": not a directory (expected: a"
        + " directory, created when missing)" + NL);
  }

  @Test
  void shouldRejectAnInvalidSensorName() {
    CommandRunner runner = CommandRunner.netanal();
    assertThat(runner.run("capture", "--spool", dir.toString(), "--sensor", "../x")).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(runner.err.toString()).startsWith("netanal: --sensor: ../x (expected: ");
  }

  @Test
  void shouldShipExactlyThePacketsTheSpoolingCaptureReported() throws Exception {
    LiveCaptureSupport.requireLiveCapture();
    Path spool = dir.resolve("spool");
    try (LoopbackTraffic traffic = new LoopbackTraffic()) {
      CompletableFuture<Integer> exit = capture("capture", "-i", "lo", "--json", "-f", traffic.filter(), "-c", "90",
          "--spool", spool.toString(), "--rotate", "1s", "--sensor", "lo-test");
      Thread.sleep(1500); // the capture opens the device
      for (int burst = 0; burst < 3; burst++) { // three bursts 1.1 s apart: at least two files
        traffic.sendUdp(30, 100);
        traffic.drainUdp(30);
        Thread.sleep(1100);
      }
      assertThat(exit.get(20, TimeUnit.SECONDS)).as("exit code; stderr: %s", err).isZero();
    }
    JsonNode report = JSON.readTree(out.toString());
    JsonNode spooled = report.path("capture").path("spool");
    assertThat(report.path("capture").path("received").asLong()).isEqualTo(90);
    assertThat(spooled.path("packets").asLong()).isEqualTo(90);
    assertThat(spooled.path("files").asLong()).isBetween(2L, 4L);
    assertThat(spooled.path("droppedByDiskFull").asLong()).isZero();
    assertThat(spooled.path("directory").asText()).isEqualTo(spool.toString());
    assertThat(names(spool.resolve("pending"))).allMatch(n -> n.matches("netanal-lo-test-\\d{8}T\\d{6}Z\\.pcap(\\.ready)?"))
        .hasSize(2 * spooled.path("files").asInt());

    CommandRunner shipper = CommandRunner.netanal();
    try (TestCollector server = collector()) {
      assertThat(ship(server, shipper, spool)).as("ship stderr: %s", shipper.err).isZero();
      assertThat(server.packets()).isEqualTo(report.path("summary").path("packets").asLong()).isEqualTo(90);
      assertThat(server.files()).isEqualTo(spooled.path("files").asInt());
    }
  }

  @Test
  void shouldShipTheFinishedFilesOfACaptureKilledWithSigkillAndRecoverItsTmpAtTheNextStart() throws Exception {
    LiveCaptureSupport.requireLiveCapture();
    Path spool = dir.resolve("spool");
    Path pending = spool.resolve("pending");
    CommandRunner shipper = CommandRunner.netanal();
    try (LoopbackTraffic traffic = new LoopbackTraffic(); TestCollector server = collector()) {
      ProcessBuilder builder = new ProcessBuilder(CaptureCommandTest.javaCommand("capture", "-i", "lo", "-q",
          "-f", traffic.filter(), "--spool", spool.toString(), "--rotate", "3s", "--sensor", "k"));
      builder.environment().put("XDG_STATE_HOME", dir.resolve("state").toString());
      builder.redirectOutput(dir.resolve("capture.out").toFile()).redirectError(dir.resolve("capture.err").toFile());
      Process capture = builder.start();
      try {
        awaitDirectory(pending, capture);
        Thread.sleep(1500); // the device is open
        traffic.sendUdp(30, 100);
        traffic.drainUdp(30);
        awaitReady(pending, 10_000); // the first period is over and its file finished
        traffic.sendUdp(20, 100);
        traffic.drainUdp(20);
        Thread.sleep(1000); // flushed on a tick (every 250 ms), still in its period (3 s)
      } finally {
        capture.destroyForcibly(); // SIGKILL
        assertThat(capture.waitFor(10, TimeUnit.SECONDS)).isTrue();
      }
      assertThat(names(pending)).as("left by the killed capture").anyMatch(n -> n.endsWith(".pcap.tmp"));

      assertThat(ship(server, shipper, spool)).as("ship stderr: %s", shipper.err).isZero();
      assertThat(server.packets()).as("the finished files, never the tmp").isEqualTo(30);

      // The next capture of the same sensor recovers the tmp before it starts.
      assertThat(capture("capture", "-i", "lo", "-q", "-f", traffic.filter(), "--spool", spool.toString(),
          "--sensor", "k", "-t", "1").get(20, TimeUnit.SECONDS)).as("stderr: %s", err).isZero();
      assertThat(err.toString()).containsPattern("netanal: warning: spool: recovered netanal-k-\\d{8}T\\d{6}Z\\.pcap\\.tmp"
          + " from an interrupted capture: 20 whole records kept as netanal-k-\\d{8}T\\d{6}Z\\.pcap \\(\\d+ bytes of a"
          + " cut record dropped\\)");
      assertThat(names(pending)).noneMatch(n -> n.endsWith(".tmp"));

      assertThat(ship(server, shipper, spool)).as("ship stderr: %s", shipper.err).isZero();
      assertThat(server.packets()).as("nothing lost, nothing counted twice").isEqualTo(50);
    }
  }

  @Test
  void shouldFinishTheCurrentFileOnSigterm() throws Exception {
    LiveCaptureSupport.requireLiveCapture();
    Path spool = dir.resolve("spool");
    try (LoopbackTraffic traffic = new LoopbackTraffic()) {
      ProcessBuilder builder = new ProcessBuilder(CaptureCommandTest.javaCommand("capture", "-i", "lo", "--json",
          "-f", traffic.filter(), "--spool", spool.toString(), "--rotate", "60s", "--sensor", "t"));
      builder.environment().put("XDG_STATE_HOME", dir.resolve("state").toString());
      builder.redirectError(dir.resolve("capture.err").toFile());
      Process capture = builder.start();
      awaitDirectory(spool.resolve("pending"), capture);
      Thread.sleep(1500); // the device is open
      traffic.sendUdp(25, 100);
      traffic.drainUdp(25);
      Thread.sleep(300);
      new ProcessBuilder("kill", "-TERM", Long.toString(capture.pid())).start().waitFor();
      String stdout = new String(capture.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertThat(capture.waitFor(10, TimeUnit.SECONDS)).isTrue();
      assertThat(capture.exitValue()).as("stderr: %s", Files.readString(dir.resolve("capture.err"))).isZero();
      assertThat(JSON.readTree(stdout).path("capture").path("spool").path("packets").asLong()).isEqualTo(25);
    }
    List<String> pending = names(spool.resolve("pending"));
    assertThat(pending).hasSize(2).allMatch(n -> n.matches("netanal-t-\\d{8}T\\d{6}Z\\.pcap(\\.ready)?"));
    CommandRunner shipper = CommandRunner.netanal();
    try (TestCollector server = collector()) {
      assertThat(ship(server, shipper, spool)).as("ship stderr: %s", shipper.err).isZero();
      assertThat(server.packets()).isEqualTo(25);
    }
  }

  @Test
  void shouldStopWithExit1AfterTheReportWhenTheSpoolDiskIsFull() throws Exception {
    LiveCaptureSupport.requireLiveCapture();
    try (TmpfsMount disk = TmpfsMount.mount(dir.resolve("disk"), 128);
         LoopbackTraffic traffic = new LoopbackTraffic()) {
      Path spool = disk.dir().resolve("spool");
      CompletableFuture<Integer> exit = capture("capture", "-i", "lo", "--json", "-f", traffic.filter(),
          "--spool", spool.toString(), "--rotate", "1s", "--sensor", "full");
      Thread.sleep(1500); // the capture opens the device
      for (int burst = 0; burst < 40 && !exit.isDone(); burst++) { // up to 400 KB: more than the disk holds
        traffic.sendUdp(10, 1000);
        traffic.drainUdp(10);
        Thread.sleep(50);
      }

      assertThat(exit.get(20, TimeUnit.SECONDS)).as("stderr: %s", err).isEqualTo(ExitCodes.RUNTIME);
      JsonNode report = JSON.readTree(out.toString());
      JsonNode spooled = report.path("capture").path("spool");
      assertThat(spooled.path("droppedByDiskFull").asLong()).isPositive();
      assertThat(spooled.path("packets").asLong() + spooled.path("droppedByDiskFull").asLong())
          .as("every packet the capture kept is spooled or counted as dropped")
          .isEqualTo(report.path("summary").path("packets").asLong());
      assertThat(err.toString().lines().filter(l -> l.startsWith("netanal: spool: ")).toList()).singleElement()
          .satisfies(l -> assertThat(l).matches("netanal: spool: " + spool + ": writing netanal-full-\\S+ failed"
              + " \\(No space left on device\\); spooling stopped, \\d+ finished files are intact"));
      assertThat(names(spool.resolve("pending"))).noneMatch(n -> n.endsWith(".tmp"));

      CommandRunner shipper = CommandRunner.netanal();
      try (TestCollector server = collector()) {
        assertThat(ship(server, shipper, spool)).as("ship stderr: %s", shipper.err).isZero();
        assertThat(server.packets()).isEqualTo(spooled.path("packets").asLong());
      }
    }
  }

  private static void awaitDirectory(Path d, Process p) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!Files.isDirectory(d)) {
      assertThat(p.isAlive()).as("capture running").isTrue();
      assertThat(System.nanoTime()).as("spool created").isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  private static void awaitReady(Path pending, long millis) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (names(pending).stream().noneMatch(n -> n.endsWith(".ready"))) {
      assertThat(System.nanoTime()).as("a ready file in %s", pending).isLessThan(deadline);
      Thread.sleep(50);
    }
  }
}
