package io.netanal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.netanal.testing.IngestTestServer;
import io.netanal.testing.IngestTestServer.Fault;
import io.netanal.testing.IngestTestServer.Ledger;
import io.netanal.testing.SpoolFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class ShipCommandTest {
  private static final String NL = System.lineSeparator();
  private final CommandRunner runner = CommandRunner.netanal();
  private final Ledger ledger = new Ledger();
  @TempDir Path spool;

  @Test
  void shouldRejectAUrlThatIsNotHttpWithExitCode2() {
    assertThat(runner.run("ship", spool.toString(), "--to", "ftp://collector")).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(runner.err.toString()).isEqualTo("netanal: --to: ftp://collector (expected: an http:// or https://"
        + " base URL, e.g. http://collector:8080)" + NL);
  }

  @Test
  void shouldRejectASpoolThatDoesNotExistWithExitCode2() {
    Path missing = spool.resolve("nope");
    assertThat(runner.run("ship", missing.toString(), "--to", "http://127.0.0.1:1")).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(runner.err.toString()).isEqualTo("netanal: SPOOL: " + missing + ": no such directory (expected: the"
        + " directory of capture --spool)" + NL);
  }

  @Test
  void shouldRejectABadKeepSpanWithExitCode2() {
    assertThat(runner.run("ship", spool.toString(), "--to", "http://127.0.0.1:1", "--keep", "1 week"))
        .isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(runner.err.toString()).startsWith("netanal: Invalid value for option '--keep': '1 week' (expected:"
        + " a whole number and ms, s, m, h or d, e.g. 5s)" + NL);
  }

  @Test
  void shouldShipOnceWithALinePerFileAndASummaryAndExit0() throws Exception {
    long sensor = SpoolFixture.write(spool, "edge", 2, 5);
    try (IngestTestServer server = IngestTestServer.start(ledger)) {
      assertThat(runner.run("ship", spool.toString(), "--to", server.url() + "/", "--once"))
          .as("stderr: %s", runner.err).isZero();
    }
    assertThat(ledger.packets()).isEqualTo(sensor);
    List<String> lines = runner.out.toString().lines().toList();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).matches("netanal-edge-20261201T120000Z\\.pcap: 5 packets, 634 bytes, \\d+\\.\\d\\d s: shipped");
    assertThat(lines.get(2)).matches("ship: 2 shipped \\(0 duplicates\\), 0 failed, 0 left pending; 10 packets, 0\\.0 MB"
        + " \\(0\\.0 MB sent\\) in \\d+\\.\\d s: \\d+\\.\\d files/s, \\d+\\.\\d\\d MB/s");
    assertThat(runner.err.toString()).isEmpty();
  }

  @Test
  void shouldExit1WhenTheCollectorRejectsAFile() throws Exception {
    SpoolFixture.write(spool, "edge", 1, 5);
    try (IngestTestServer server = IngestTestServer.start(ledger, 0, "right")) {
      assertThat(runner.run("ship", spool.toString(), "--to", server.url(), "--token", "wrong", "--once"))
          .isEqualTo(ExitCodes.RUNTIME);
    }
    assertThat(runner.out.toString()).contains(": failed: HTTP 401: missing or wrong token; moved to failed/")
        .contains("ship: 0 shipped (0 duplicates), 1 failed, 0 left pending");
    assertThat(spool.resolve("failed/netanal-edge-20261201T120000Z.pcap")).exists();
  }

  @Test
  void shouldShipEverythingOnceAfterTheShipProcessIsKilledMidUpload() throws Exception {
    long sensor = SpoolFixture.write(spool, "edge", 3, 20);
    try (IngestTestServer server = IngestTestServer.start(ledger)) {
      server.inject(Fault.STALL);
      Process ship = new ProcessBuilder(CaptureCommandTest.javaCommand("ship", spool.toString(), "--to",
          server.url(), "--once")).redirectOutput(spool.resolve("ship.out").toFile())
          .redirectError(spool.resolve("ship.err").toFile()).start();
      assertThat(server.stalled.await(20, TimeUnit.SECONDS)).as("upload started").isTrue();
      assertThat(claimedFiles()).hasSize(1); // the file in flight sits in the killed shipper's inflight dir
      ship.destroyForcibly(); // SIGKILL
      assertThat(ship.waitFor(10, TimeUnit.SECONDS)).isTrue();

      assertThat(runner.run("ship", spool.toString(), "--to", server.url(), "--once"))
          .as("stderr: %s", runner.err).isZero();
    }
    assertThat(runner.out.toString()).contains(": claimed by a shipper that stopped (");
    assertThat(ledger.packets()).isEqualTo(sensor);
    assertThat(ledger.files()).isEqualTo(3);
    try (Stream<Path> left = Files.list(spool.resolve("inflight"))) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void shouldPutTheFileInFlightBackAndExit0OnSigterm() throws Exception {
    SpoolFixture.write(spool, "edge", 1, 20);
    try (IngestTestServer server = IngestTestServer.start(ledger)) {
      server.inject(Fault.STALL);
      Process ship = new ProcessBuilder(CaptureCommandTest.javaCommand("ship", spool.toString(), "--to",
          server.url())).redirectError(spool.resolve("ship.err").toFile()).start();
      assertThat(server.stalled.await(20, TimeUnit.SECONDS)).as("upload started").isTrue();
      long sentAt = System.nanoTime();
      new ProcessBuilder("kill", "-TERM", Long.toString(ship.pid())).start().waitFor();
      assertThat(ship.waitFor(5, TimeUnit.SECONDS)).isTrue();
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sentAt)).isLessThan(2000);
      String stdout = new String(ship.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);

      assertThat(ship.exitValue()).as("stderr: %s", Files.readString(spool.resolve("ship.err"))).isZero();
      assertThat(stdout).contains("netanal-edge-20261201T120000Z.pcap: 20 packets, ")
          .contains(": stopped: back in pending").contains("ship: 0 shipped (0 duplicates), 0 failed");
    }
    assertThat(spool.resolve("pending/netanal-edge-20261201T120000Z.pcap.ready")).exists();
    assertThat(claimedFiles()).isEmpty();
    try (Stream<Path> left = Files.list(spool.resolve("inflight"))) {
      assertThat(left).isEmpty();
    }
  }

  private List<Path> claimedFiles() throws Exception {
    try (Stream<Path> s = Files.walk(spool.resolve("inflight"))) {
      return s.filter(p -> p.getFileName().toString().endsWith(".pcap")).toList();
    }
  }
}
