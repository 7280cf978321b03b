package io.netanal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netanal.testing.LiveCaptureSupport;
import io.netanal.testing.LoopbackTraffic;
import io.netanal.testing.TestData;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * How {@code netanal capture} ends, in a child process on loopback: signals however it was started, under load,
 * a second signal, a full disk, a device that goes away. Needs root (or CAP_NET_RAW) and libpcap.
 */
@Timeout(90)
class CaptureStopTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @BeforeEach
  void requireLiveCapture() {
    LiveCaptureSupport.requireLiveCapture();
  }

  @Test
  void shouldStopOnSigintWhenStartedInTheBackgroundOfAScript() throws Exception {
    Path file = dir.resolve("script.pcap");
    try (CaptureProcess p = CaptureProcess.startAsScriptJob(dir, "capture", "-i", "lo", "--json", "-f",
        "udp and port 9 and src port 9", "-w", file.toString())) {
      assertThat(p.awaitListening()).as("listening; stderr: %s", p.stderr()).isTrue();
      p.signal("INT");

      assertThat(p.awaitExit(3000)).as("ended after SIGINT (ignored by the shell for its jobs)").isTrue();
      assertThat(p.exitCode()).as("exit code; stderr: %s", p.stderr()).isZero();
      JsonNode report = JSON.readTree(p.stdout());
      assertThat(report.path("source").path("kind").asText()).isEqualTo("live");
      assertThat(JSON.readTree(dir.resolve("state/netanal/last-report.json").toFile())).isEqualTo(report);
      assertThat(Files.size(file)).isEqualTo(24); // the pcap file header, no record
    }
  }

  @Test
  void shouldStopOnSigtermWithTheReport() throws Exception {
    try (CaptureProcess p = CaptureProcess.start(dir, "capture", "-i", "lo", "--json", "-f",
        "udp and port 9 and src port 9")) {
      assertThat(p.awaitListening()).as("listening; stderr: %s", p.stderr()).isTrue();
      p.signal("TERM");

      assertThat(p.awaitExit(3000)).isTrue();
      assertThat(p.exitCode()).as("exit code; stderr: %s", p.stderr()).isZero();
      assertThat(JSON.readTree(p.stdout()).path("capture").path("received").asLong()).isZero();
    }
  }

  @Test
  void shouldStopOnSigintUnderLoadWithAFileHoldingEveryFrameItReports() throws Exception {
    Path file = dir.resolve("load.pcap");
    try (LoopbackTraffic traffic = new LoopbackTraffic();
         CaptureProcess p = CaptureProcess.start(dir, "capture", "-i", "lo", "--json", "-f",
             "udp and dst port " + traffic.udpPort(), "-w", file.toString())) {
      assertThat(p.awaitListening()).as("listening; stderr: %s", p.stderr()).isTrue();
      AtomicBoolean sending = new AtomicBoolean(true);
      Thread load = flood(traffic, sending);
      try {
        Thread.sleep(500); // traffic flowing while the signal arrives
        p.signal("INT");
        assertThat(p.awaitExit(5000)).as("ended under load").isTrue();
      } finally {
        sending.set(false);
        load.join();
      }

      assertThat(p.exitCode()).as("exit code; stderr: %s", p.stderr()).isZero();
      JsonNode report = JSON.readTree(p.stdout());
      long packets = report.path("summary").path("packets").asLong();
      assertThat(packets).isPositive();
      assertThat(report.path("capture").path("received").asLong()).isGreaterThanOrEqualTo(packets);
      assertThat(analyzedPackets(file)).isEqualTo(packets);
    }
  }

  @Test
  void shouldExitAtOnceWith130OnASecondSigintWhileTheOutputIsStuck() throws Exception {
    // -w into a FIFO nobody reads: once its buffer is full, the capture cannot finish on its own.
    Path fifo = dir.resolve("stuck.pcap");
    assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
    // Opened read-write, which does not wait for a writer (Linux), and never read.
    try (LoopbackTraffic traffic = new LoopbackTraffic();
         RandomAccessFile neverRead = new RandomAccessFile(fifo.toFile(), "rw");
         CaptureProcess p = CaptureProcess.start(dir, "capture", "-i", "lo", "-q", "-f",
             "udp and dst port " + traffic.udpPort(), "-w", fifo.toString())) {
      assertThat(p.awaitListening()).as("listening; stderr: %s", p.stderr()).isTrue();
      AtomicBoolean sending = new AtomicBoolean(true);
      Thread load = flood(traffic, sending);
      try {
        Thread.sleep(1000); // fills the FIFO's 64 KiB, then the writer blocks
        p.signal("INT");
        assertThat(p.awaitExitOrStay(1000)).as("the first signal cannot finish a stuck capture").isFalse();
        long secondAt = System.nanoTime();
        p.signal("INT");
        assertThat(p.awaitExit(2000)).as("ended by the second signal").isTrue();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - secondAt)).isLessThan(2000);
      } finally {
        sending.set(false);
        load.join();
      }
      assertThat(p.exitCode()).as("exit code; stderr: %s", p.stderr()).isEqualTo(130);
    }
  }

  @Test
  void shouldStopAtTheFirstWriteErrorWithTheReportAndAFileOfTheFramesWrittenBeforeIt() throws Exception {
    TestData.require(isRoot(), "mounting a small tmpfs needs root");
    Path mount = Files.createDirectory(dir.resolve("full"));
    assertThat(new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", mount.toString())
        .inheritIO().start().waitFor()).isZero();
    try {
      Path file = mount.resolve("out.pcap");
      try (LoopbackTraffic traffic = new LoopbackTraffic();
           CaptureProcess p = CaptureProcess.start(dir, "capture", "-i", "lo", "--json", "-f",
               "udp and dst port " + traffic.udpPort(), "-w", file.toString())) {
        assertThat(p.awaitListening()).as("listening; stderr: %s", p.stderr()).isTrue();
        // 242 bytes each on the wire, 258 in the file: 100 fit and are flushed, then 1,000 more cannot fit.
        traffic.sendUdp(100, 200);
        awaitFileOfSize(mount, 24 + 100 * 258);
        traffic.sendUdp(1000, 200);

        assertThat(p.awaitExit(10_000)).as("stopped by the full disk").isTrue();
        assertThat(p.exitCode()).as("exit code; stderr: %s", p.stderr()).isEqualTo(ExitCodes.RUNTIME);
        List<String> errors = p.stderr().lines().filter(l -> !l.startsWith(CaptureProcess.LISTENING)).toList();
        assertThat(errors).hasSize(1);
        Matcher m = Pattern.compile(Pattern.quote("netanal: " + file + ": No space left on device (capture stopped; "
            + file + " keeps the first ") + "(\\d+) frames\\)").matcher(errors.get(0));
        assertThat(m.matches()).as("error line: %s", errors.get(0)).isTrue();
        long kept = Long.parseLong(m.group(1));
        JsonNode report = JSON.readTree(p.stdout());
        // More than the 100 flushed before: the whole records of the write that failed part-way are kept too.
        assertThat(kept).isGreaterThan(100).isLessThanOrEqualTo(report.path("summary").path("packets").asLong());
        assertThat(JSON.readTree(dir.resolve("state/netanal/last-report.json").toFile())).isEqualTo(report);
        assertThat(analyzedPackets(file)).isEqualTo(kept);
        try (var files = Files.list(mount)) {
          assertThat(files).containsExactly(file); // no temporary file left behind
        }
      }
    } finally {
      new ProcessBuilder("umount", mount.toString()).inheritIO().start().waitFor();
    }
  }

  @Test
  void shouldReportWhatWasCountedAndExit1WhenTheDeviceGoesAwayMidCapture() throws Exception {
    TestData.require(isRoot(), "creating a network namespace needs root");
    // A veth pair in a network namespace of its own: deleting it cannot disturb anything else.
    List<String> namespace = List.of("unshare", "--net", "sh", "-c",
        "ip link add naveth0 type veth peer name naveth1 && ip link set naveth0 up && ip link set naveth1 up"
            + " && exec \"$@\"", "sh");
    try (CaptureProcess p = CaptureProcess.start(dir, namespace, "capture", "-i", "naveth0", "--json")) {
      assertThat(p.awaitListening()).as("listening; stderr: %s", p.stderr()).isTrue();
      assertThat(new ProcessBuilder("nsenter", "--target", Long.toString(p.pid()), "--net",
          "ip", "link", "del", "naveth0").inheritIO().start().waitFor()).isZero();

      assertThat(p.awaitExit(5000)).as("ended when the device went away").isTrue();
      assertThat(p.exitCode()).as("exit code; stderr: %s", p.stderr()).isEqualTo(ExitCodes.RUNTIME);
      assertThat(p.stderr()).contains("\nnetanal: naveth0: capture failed: ");
      JsonNode report = JSON.readTree(p.stdout());
      assertThat(report.path("source").path("name").asText()).isEqualTo("naveth0");
      assertThat(report.path("capture").path("received").isNumber()).isTrue();
    }
  }

  /** Waits until a file in {@code directory} (the capture's temporary file) holds {@code bytes}. */
  private static void awaitFileOfSize(Path directory, long bytes) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      try (var files = Files.list(directory)) {
        if (files.anyMatch(f -> f.toFile().length() >= bytes)) {
          return;
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no file of " + bytes + " bytes in " + directory + " within 10 s");
  }

  /** Sends datagrams to the traffic's UDP port until {@code sending} turns false. */
  private static Thread flood(LoopbackTraffic traffic, AtomicBoolean sending) {
    Thread t = new Thread(() -> {
      try {
        while (sending.get()) {
          traffic.sendUdp(100, 200);
        }
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }, "loopback-flood");
    t.start();
    return t;
  }

  private long analyzedPackets(Path file) throws Exception {
    Path analyzeDir = Files.createDirectories(dir.resolve("analyze"));
    try (CaptureProcess p = CaptureProcess.start(analyzeDir, "analyze", "--json", file.toString())) {
      assertThat(p.awaitExit(30_000)).isTrue();
      assertThat(p.exitCode()).as("analyze exit code; stderr: %s", p.stderr()).isZero();
      return JSON.readTree(p.stdout()).path("summary").path("packets").asLong();
    }
  }

  private static boolean isRoot() throws IOException {
    return Files.readString(Path.of("/proc/self/status")).lines()
        .anyMatch(l -> l.startsWith("Uid:") && l.split("\\s+")[2].equals("0"));
  }
}
