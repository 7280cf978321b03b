package io.netanal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netanal.testing.LiveCaptureSupport;
import io.netanal.testing.TestData;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class CaptureCommandTest {
  private final CommandRunner runner = CommandRunner.netanal();
  @TempDir Path dir;

  private int run(String... args) {
    return runner.run(args);
  }

  @Test
  void shouldRejectABufferSizeOfZeroWithExitCode2() {
    assertThat(run("capture", "--buffer-size", "0")).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(runner.err.toString()).isEqualTo("netanal: --buffer-size: 0 (expected: 1-2047 MB)" + System.lineSeparator());
  }

  @Test
  void shouldRejectATimestampPrecisionOtherThanMicroOrNanoWithExitCode2() {
    assertThat(run("capture", "--time-stamp-precision", "milli")).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(runner.err.toString()).isEqualTo(
        "netanal: --time-stamp-precision: milli (expected: micro or nano)" + System.lineSeparator());
  }

  @Test
  void shouldRejectANegativeCountWithExitCode2() {
    assertThat(run("capture", "-c", "-1")).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(runner.err.toString()).isEqualTo("netanal: count: -1 (expected: >= 0)" + System.lineSeparator());
  }

  @Test
  void shouldExitWith2WithLibpcapsMessageBeforeOpeningTheDeviceWhenTheFilterDoesNotCompile() {
    // The device does not exist either: the filter is checked first, so no capture is attempted.
    assertThat(run("capture", "-i", "nosuch0", "-f", "tcp prt 80")).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(runner.err.toString()).isEqualTo("netanal: filter 'tcp prt 80': can't parse filter expression: syntax error"
        + " (libpcap, link type EN10MB)" + System.lineSeparator());
  }

  @Test
  void shouldRejectAnInvalidPortFlagWithExitCode2() {
    assertThat(run("capture", "-i", "lo", "--port", "70000")).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(runner.err.toString()).isEqualTo("netanal: port: 70000 (expected: 0-65535)" + System.lineSeparator());
  }

  @Test
  void shouldExitWith3ListingTheDevicesWhenTheInterfaceDoesNotExist() {
    LiveCaptureSupport.requireLiveCapture();

    assertThat(run("capture", "-i", "nosuch0")).isEqualTo(ExitCodes.ENVIRONMENT);
    assertThat(runner.err.toString()).startsWith("netanal: no such capture device: nosuch0 (expected one of: ")
        .contains("lo");
  }

  @Test
  void shouldExitWith3SayingWhatIsMissingWithoutCapNetRaw() throws Exception {
    LiveCaptureSupport.requireLiveCapture();
    TestData.require(onPath("setpriv"), "setpriv (util-linux) not found: needed to drop CAP_NET_RAW");
    List<String> command = new ArrayList<>(List.of("setpriv", "--bounding-set", "-net_raw", "--inh-caps", "-net_raw"));
    command.addAll(javaCommand("capture", "-i", "lo", "-c", "1"));
    Process p = new ProcessBuilder(command).start();
    assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();

    assertThat(p.exitValue()).isEqualTo(ExitCodes.ENVIRONMENT);
    assertThat(text(p.getErrorStream().readAllBytes()))
        .startsWith("netanal: capture needs root or CAP_NET_RAW (effective uid: 0, CapEff: ")
        .endsWith(", without cap_net_raw): run with sudo, or grant it with "
            + "'sudo setcap cap_net_raw,cap_net_admin=eip $(readlink -f $(which java))'\n");
  }

  @Test
  void shouldExitWith3NamingThePackageWhenLibpcapIsMissing() throws Exception {
    // pcap4j loads the library named by this property: a name that does not exist stands for a missing libpcap.
    List<String> command = javaCommand("-Dorg.pcap4j.core.pcapLibName=netanal-test-no-such-pcap", "interfaces");
    Process p = new ProcessBuilder(command).start();
    assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();

    assertThat(p.exitValue()).isEqualTo(ExitCodes.ENVIRONMENT);
    assertThat(text(p.getErrorStream().readAllBytes())).isEqualTo(
        "netanal: libpcap not found: install libpcap0.8 (Debian/Ubuntu) or libpcap (Fedora/RHEL)\n");
  }

  @Test
  void shouldEndWithinASecondOfSigintWithAReportAndAValidCaptureFile() throws Exception {
    LiveCaptureSupport.requireLiveCapture();
    Path file = dir.resolve("idle.pcap");
    // A filter nothing on loopback matches: the capture stays idle.
    Path state = dir.resolve("state");
    CaptureProcess p = CaptureProcess.start(dir, "capture", "-i", "lo", "--json", "-f",
        "udp and port 9 and src port 9", "-w", file.toString());
    assertThat(p.awaitListening()).as("listening; stderr: %s", p.stderr()).isTrue();
    long sentAt = System.nanoTime();
    p.signal("INT");
    boolean ended = p.awaitExit(1500);
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sentAt);
    String stdout = p.stdout();
    String stderr = p.stderr();

    assertThat(ended).as("ended within 1.5 s of SIGINT; stderr: %s", stderr).isTrue();
    assertThat(millis).isLessThan(1500);
    assertThat(p.exitCode()).as("exit code; stderr: %s", stderr).isZero();
    JsonNode report = new ObjectMapper().readTree(stdout);
    assertThat(report.path("schema").asText()).isEqualTo("netanal.report/1");
    assertThat(report.path("source").path("kind").asText()).isEqualTo("live");
    assertThat(report.path("source").path("name").asText()).isEqualTo("lo");
    assertThat(report.path("source").path("format").asText()).isEqualTo("pcap");
    assertThat(report.path("source").path("filter").asText()).isEqualTo("udp and port 9 and src port 9");
    assertThat(report.path("source").path("linkTypes").toString()).isEqualTo("[\"EN10MB\"]");
    assertThat(report.path("summary").path("packets").asLong()).isZero();
    assertThat(report.path("capture").toString())
        .isEqualTo("{\"received\":0,\"droppedByQueue\":0,\"droppedByKernel\":0,\"droppedByInterface\":0}");
    assertThat(new ObjectMapper().readTree(state.resolve("netanal").resolve("last-report.json").toFile()))
        .isEqualTo(report);
    assertThat(Files.size(file)).isEqualTo(24); // the pcap file header and no record
    ByteBuffer header = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(header.getInt(0)).isEqualTo(0xa1b2c3d4); // magic: microsecond pcap, tcpdump's default
    assertThat(header.getInt(20)).isEqualTo(1); // link type EN10MB, as Linux reports loopback
  }

  /** {@code java -cp <this test's classpath> io.netanal.cli.Netanal args}; -D arguments go to the JVM. */
  static List<String> javaCommand(String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    List<String> appArgs = new ArrayList<>();
    for (String a : args) {
      (a.startsWith("-D") ? command : appArgs).add(a);
    }
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), Netanal.class.getName()));
    command.addAll(appArgs);
    return command;
  }

  private static boolean onPath(String program) {
    for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(d, program))) {
        return true;
      }
    }
    return false;
  }

  private static String text(byte[] bytes) throws IOException {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
