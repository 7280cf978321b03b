package io.netanal.detect;

import static io.netanal.window.Packets.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netanal.InvalidInputException;
import io.netanal.window.Packets;
import io.netanal.window.WindowSizes;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DetectionTest {
  private static final long S = 1_000_000_000L;
  private static final long MS = 1_000_000L;
  private static final long T0 = 1_700_000_100L * S;
  private static final int SCANNER = ip(10, 0, 0, 5);
  private static final int VICTIM = ip(10, 0, 0, 9);

  private final List<Alert> raised = new ArrayList<>();
  private final DetectionPipeline pipeline = new DetectionPipeline(WindowSizes.defaults(),
      DetectionSettings.defaults(), raised::add, null);
  private final Packets p = new Packets(pipeline);

  private List<Alert> finish() {
    pipeline.finish();
    return pipeline.alerts();
  }

  @Test
  void shouldRaiseOnePortScanPerEpisodeAcrossWindowsAndSizes() {
    // 1,000 SYNs to 1,000 ports over 20 s, each refused; 5 s, 30 s and 3 m windows all see it.
    for (int port = 1; port <= 1000; port++) {
      long ts = T0 + port * 20 * MS;
      p.tcp(ts, SCANNER, VICTIM, 50000, port, Packets.SYN, 0);
      p.tcp(ts + MS, VICTIM, SCANNER, port, 50000, Packets.RST | Packets.ACK, 0);
    }
    List<Alert> alerts = finish();

    assertThat(alerts).hasSize(1);
    Alert a = alerts.get(0);
    assertThat(a.type()).isEqualTo("port-scan");
    assertThat(a.source()).isEqualTo("10.0.0.5");
    assertThat(a.target()).isEqualTo("10.0.0.9");
    assertThat(a.severity()).isEqualTo("high");
    assertThat(a.evidence()).containsEntry("distinctPortsThreshold", 15.0).containsEntry("refused", 1000L);
    assertThat(a.summary()).startsWith("10.0.0.5 probed ").contains("TCP ports on 10.0.0.9");
    assertThat(a.windows()).isGreaterThan(1);
    assertThat(raised).hasSize(1); // raised once, then updated
  }

  @Test
  void shouldRaiseTheSameAlertsWhenItsFramesAreFedToTheAggregatorDirectly() {
    List<Alert> direct = new ArrayList<>();
    DetectionPipeline other = new DetectionPipeline(WindowSizes.defaults(), DetectionSettings.defaults(),
        direct::add, null);
    Packets q = new Packets(other.frames());
    for (int port = 1; port <= 200; port++) {
      long ts = T0 + port * 20 * MS;
      p.tcp(ts, SCANNER, VICTIM, 50000, port, Packets.SYN, 0);
      q.tcp(ts, SCANNER, VICTIM, 50000, port, Packets.SYN, 0);
    }
    other.frames().finish();

    assertThat(finish()).hasSize(1);
    assertThat(other.alerts()).usingRecursiveComparison().isEqualTo(pipeline.alerts());
    assertThat(direct).usingRecursiveComparison().isEqualTo(raised);
    assertThat(other.summary()).isEqualTo(pipeline.summary());
  }

  @Test
  void shouldNotRaiseForASingleSynToAClosedPortOrRetriesToOnePort() {
    p.tcp(T0, SCANNER, VICTIM, 50000, 23, Packets.SYN, 0);
    p.tcp(T0 + MS, VICTIM, SCANNER, 23, 50000, Packets.RST | Packets.ACK, 0);
    for (int i = 0; i < 7; i++) { // a client retrying one dead port with backoff
      p.tcp(T0 + (1L << i) * S, SCANNER, ip(10, 0, 0, 10), 50001, 8080, Packets.SYN, 0);
    }
    assertThat(finish()).isEmpty();
  }

  @Test
  void shouldNotTakeANatGatewayReachingManyServersForASweep() {
    // 200 connections to 200 web servers on 443, all answered, plus the data.
    for (int i = 0; i < 200; i++) {
      int server = ip(93, 184, i / 256, i % 256);
      long ts = T0 + i * 10 * MS;
      p.tcp(ts, SCANNER, server, 40000 + i, 443, Packets.SYN, 0);
      p.tcp(ts + MS, server, SCANNER, 443, 40000 + i, Packets.SYN_ACK, 0);
      p.tcp(ts + 2 * MS, SCANNER, server, 40000 + i, 443, Packets.ACK, 500);
    }
    assertThat(finish()).isEmpty();
  }

  @Test
  void shouldRaiseAnAddressSweepOnUnansweredEchoRequests() {
    for (int host = 1; host <= 254; host++) {
      p.icmp(T0 + host * MS, SCANNER, ip(10, 99, 0, host), 8, 0);
    }
    List<Alert> alerts = finish();
    assertThat(alerts).extracting(Alert::type, Alert::source, Alert::target)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("address-sweep", "10.0.0.5", "many"));
    // 254 is past the exact bound (16): the count is a HyperLogLog estimate, about 3% standard error.
    assertThat(alerts.get(0).summary()).matches("10\\.0\\.0\\.5 probed 2[3-7]\\d addresses with ICMP echo within 5 s "
        + "\\(2[3-7]\\d unanswered\\)");
  }

  @Test
  void shouldRaiseASynFloodFromSpoofedSourcesButNotABusyServer() {
    java.util.SplittableRandom random = new java.util.SplittableRandom(1);
    for (int i = 0; i < 3000; i++) {
      p.tcp(T0 + i * MS, random.nextInt(), VICTIM, 1024 + i, 80, Packets.SYN, 0);
    }
    int server = ip(10, 0, 0, 80);
    for (int i = 0; i < 3000; i++) { // 3,000 real clients completing handshakes and sending requests
      int client = ip(172, 16, i / 256, i % 256);
      p.tcp(T0 + i * MS, client, server, 40000, 80, Packets.SYN, 0);
      p.tcp(T0 + i * MS + 1, client, server, 40000, 80, Packets.ACK, 0);
      p.tcp(T0 + i * MS + 2, client, server, 40000, 80, Packets.ACK, 300);
    }
    List<Alert> alerts = finish();
    assertThat(alerts).extracting(Alert::type, Alert::source, Alert::target)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("syn-flood", "many", "10.0.0.9"));
  }

  @Test
  void shouldRaiseAUdpFloodButNotAFastUdpDownloadThatIsAnswered() {
    for (int i = 0; i < 5000; i++) {
      p.udp(T0 + i * 200_000L, SCANNER, VICTIM, 3000 + (i % 100), 9, null, 100);
    }
    int client = ip(10, 0, 0, 20);
    int cdn = ip(10, 0, 0, 21);
    for (int i = 0; i < 5000; i++) { // QUIC-like: a datagram back for every two
      p.udp(T0 + i * 200_000L, cdn, client, 443, 50000, null, 1200);
      if (i % 2 == 0) {
        p.udp(T0 + i * 200_000L + 1, client, cdn, 50000, 443, null, 40);
      }
    }
    List<Alert> alerts = finish();
    assertThat(alerts).extracting(Alert::type, Alert::source, Alert::target)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("udp-flood", "10.0.0.5", "10.0.0.9"));
  }

  @Test
  void shouldRaiseAnIcmpFloodAboveTheFloor() {
    for (int i = 0; i < 2000; i++) {
      p.icmp(T0 + i * MS, SCANNER, VICTIM, 8, 0);
      p.icmp(T0 + i * MS + 1, VICTIM, SCANNER, 0, 0);
    }
    assertThat(finish()).extracting(Alert::type, Alert::source, Alert::target)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("icmp-flood", "10.0.0.5", "10.0.0.9"));
  }

  @Test
  void shouldRaiseDnsAmplificationOnLargeResponsesToATargetThatDidNotAsk() {
    int resolver = ip(10, 0, 0, 53);
    for (int i = 0; i < 100; i++) {
      p.udp(T0 + i * 10 * MS, resolver, VICTIM, 53, 1024 + i, Packets.dns(true, 3000), 0);
    }
    int client = ip(10, 0, 0, 30); // an ordinary client: asks, gets a few times its question back
    for (int i = 0; i < 200; i++) {
      p.udp(T0 + i * 10 * MS, client, resolver, 1024 + i, 53, Packets.dns(false, 40), 0);
      p.udp(T0 + i * 10 * MS + 1, resolver, client, 53, 1024 + i, Packets.dns(true, 120), 0);
    }
    List<Alert> alerts = finish();
    assertThat(alerts).extracting(Alert::type, Alert::source, Alert::target)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("dns-amplification", "10.0.0.53", "10.0.0.9"));
    assertThat(alerts.get(0).targetPorts()).containsExactly(53);
  }

  @Test
  void shouldRaiseBruteForceOnManyShortConnectionsToSsh() {
    for (int i = 0; i < 40; i++) {
      long ts = T0 + i * 500 * MS;
      p.tcp(ts, SCANNER, VICTIM, 40000 + i, 22, Packets.SYN, 0);
      p.tcp(ts + MS, VICTIM, SCANNER, 22, 40000 + i, Packets.SYN_ACK, 0);
      p.tcp(ts + 2 * MS, SCANNER, VICTIM, 40000 + i, 22, Packets.ACK, 800);
    }
    List<Alert> alerts = finish();
    assertThat(alerts).extracting(Alert::type, Alert::source, Alert::target)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("brute-force", "10.0.0.5", "10.0.0.9"));
    assertThat(alerts.get(0).targetPorts()).containsExactly(22);
  }

  @Test
  void shouldReadThresholdsFromAPropertiesFile(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("detect.properties");
    Files.writeString(file, "# stricter\nport-scan.ports = 2000\nudp-flood.enabled = false\n");
    DetectionSettings settings = DetectionSettings.read(file);
    assertThat(settings.get("port-scan.ports")).isEqualTo(2000);
    assertThat(settings.get("port-scan.failed")).isEqualTo(10);
    assertThat(settings.enabled(AlertType.UDP_FLOOD)).isFalse();
  }

  @Test
  void shouldRejectAnUnknownKeyOrABadValue() throws IOException {
    Properties bad = new Properties();
    bad.load(new StringReader("port-scan.portz = 3\n"));
    assertThatThrownBy(() -> DetectionSettings.parse(bad, "d.properties"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("d.properties: unknown key port-scan.portz (expected one of: port-scan.ports, ");
    Properties negative = new Properties();
    negative.load(new StringReader("syn-flood.syn-per-second = -1\n"));
    assertThatThrownBy(() -> DetectionSettings.parse(negative, "d.properties"))
        .hasMessage("d.properties: syn-flood.syn-per-second: -1 (expected: a number > 0)");
    Properties ports = new Properties();
    ports.load(new StringReader("brute-force.ports = 22,70000\n"));
    assertThatThrownBy(() -> DetectionSettings.parse(ports, "d.properties"))
        .hasMessage("d.properties: brute-force.ports: 22,70000 (expected: comma-separated ports 1-65535)");
  }
}
