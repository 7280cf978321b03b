package io.netanal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.netanal.testing.LiveCaptureSupport;
import io.netanal.testing.TestData;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files netanal completes survive a crash: the file is forced to disk before its rename, and the directory after
 * it (without that, a crash may forget the rename). Observed with {@code strace -y}, which names each fsync's file.
 * The saved last report is the exception: replaced atomically, not forced (a convenience, not worth two fsyncs).
 */
@Timeout(60)
class DurableOutputTest {
  private static final Path SAMPLE = Path.of("src/test/resources/pcaps/loopback-sample.pcapng");

  @TempDir Path dir;

  @Test
  void shouldForceTheExportAndThenItsDirectory() throws Exception {
    Path out = dir.resolve("out.csv");

    List<String> fsyncs = fsyncsOf("export", "--csv", "-o", out.toString(), SAMPLE.toAbsolutePath().toString());

    assertThat(Files.exists(out)).isTrue();
    assertThat(fsyncs).hasSizeGreaterThanOrEqualTo(2);
    assertThat(fsyncs.get(fsyncs.size() - 2)).matches(".*<" + dir + "/\\.out\\.csv\\.[0-9a-z]+\\.tmp>");
    assertThat(fsyncs.get(fsyncs.size() - 1)).endsWith("<" + dir + ">");
  }

  @Test
  void shouldReplaceTheSavedLastReportWithoutForcingIt() throws Exception {
    List<String> fsyncs = fsyncsOf("analyze", "--json", SAMPLE.toAbsolutePath().toString());

    assertThat(dir.resolve("state/netanal/last-report.json")).isNotEmptyFile();
    assertThat(fsyncs).isEmpty();
  }

  @Test
  void shouldForceTheCaptureFileAndThenItsDirectory() throws Exception {
    LiveCaptureSupport.requireLiveCapture();
    Path out = dir.resolve("out.pcap");

    List<String> fsyncs = fsyncsOf("capture", "-i", "lo", "-q", "-t", "0.5", "-f", "udp and port 9 and src port 9",
        "-w", out.toString());

    assertThat(Files.size(out)).isEqualTo(24);
    assertThat(fsyncs).noneMatch(f -> f.contains("/state")); // the saved last report is atomic, not forced
    List<String> ours = fsyncs.stream().filter(f -> f.contains("<" + dir) && !f.contains("/state")).toList();
    assertThat(ours).hasSize(2);
    assertThat(ours.get(0)).matches(".*<" + dir + "/\\.out\\.pcap\\.[0-9a-z]+\\.tmp>");
    assertThat(ours.get(1)).endsWith("<" + dir + ">");
  }

  /** Runs netanal under strace; returns the fsync calls' file arguments ({@code 5</dir/file>}), in order. */
  private List<String> fsyncsOf(String... args) throws Exception {
    TestData.require(onPath("strace"), "strace not found: needed to observe fsync");
    Path trace = dir.resolve("trace");
    List<String> command = new ArrayList<>(List.of("strace", "-f", "-y", "-qq", "-e", "trace=fsync,fdatasync",
        "-o", trace.toString()));
    command.addAll(CaptureCommandTest.javaCommand(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dir.resolve("netanal.out").toFile());
    builder.environment().put("XDG_STATE_HOME", dir.resolve("state").toString());
    Process p = builder.start();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("exit code; output: %s", Files.readString(dir.resolve("netanal.out"))).isZero();
    List<String> fsyncs = new ArrayList<>();
    for (String line : Files.readAllLines(trace)) {
      int call = line.indexOf("fsync(");
      if (call >= 0 && line.contains(") = 0")) {
        fsyncs.add(line.substring(call + "fsync(".length(), line.indexOf(") = 0")).strip());
      }
    }
    return fsyncs;
  }

  private static boolean onPath(String program) {
    for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(d, program))) {
        return true;
      }
    }
    return false;
  }
}
