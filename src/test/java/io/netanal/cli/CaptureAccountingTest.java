package io.netanal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netanal.testing.Namespaces;
import io.netanal.testing.PcapFixture;
import io.netanal.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A live capture's counters add up: every frame offered to the capture is either received or counted as dropped.
 * {@code netanal capture} runs in a namespace of its own on one end of a veth pair, with the smallest kernel
 * buffer; tcpreplay sends a known number of frames from a second namespace into the other end while the capture
 * is stopped (SIGSTOP), so the buffer overflows and the kernel drops and counts the rest. A veth, not loopback:
 * on loopback every frame reaches a capture socket twice (as sent and as received), and the kernel counts a drop
 * for each copy, so its count is about twice the frames lost. Needs root, ip and tcpreplay (skipped without them,
 * failed under {@code -Dnetanal.requireAllTests=true}).
 */
@Timeout(120)
class CaptureAccountingTest {
  private static final int FRAMES = 4000;
  private static final int PAYLOAD = 1400;

  @TempDir Path dir;
  private Namespaces namespaces;

  @BeforeEach
  void setUp() {
    TestData.require("root".equals(System.getProperty("user.name")), "namespaces and live capture need root");
    for (String tool : List.of("/usr/sbin/ip", "/usr/bin/tcpreplay")) {
      TestData.require(Files.isExecutable(Path.of(tool)), tool + " not installed (see .ci/run)");
    }
  }

  @AfterEach
  void tearDown() throws Exception {
    if (namespaces != null) {
      namespaces.close();
    }
  }

  @Test
  void shouldCountEveryFrameOfferedAsReceivedOrDroppedByTheKernel() throws Exception {
    namespaces = new Namespaces();
    String sender = namespaces.add("cas");
    String receiver = namespaces.add("car");
    String out = "vs" + namespaces.id();
    String in = "vr" + namespaces.id();
    for (String ns : List.of(sender, receiver)) {
      // IPv6 off before the link comes up: no router solicitation or DAD frame besides the replayed ones
      namespaces.exec(ns, "sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=1", "net.ipv6.conf.default.disable_ipv6=1");
    }
    Namespaces.onHost("ip", "link", "add", out, "netns", sender, "type", "veth", "peer", "name", in, "netns",
        receiver);
    namespaces.exec(sender, "ip", "link", "set", out, "up");
    namespaces.exec(receiver, "ip", "link", "set", in, "up");
    Path replay = dir.resolve("replay.pcap");
    Files.write(replay, datagrams());

    try (CaptureProcess capture = CaptureProcess.start(dir, List.of("ip", "netns", "exec", receiver),
        "capture", "-i", in, "--json", "-q", "--buffer-size", "1", "--no-detect")) {
      assertThat(capture.awaitListening()).as(capture.stderr()).isTrue();
      capture.signal("STOP"); // reads nothing while the frames arrive: the 1 MiB kernel buffer overflows
      String replayed = namespaces.output(sender, "tcpreplay", "--pps", "4000", "-i", out, replay.toString());
      capture.signal("CONT");
      Thread.sleep(1500); // reads what the kernel buffer kept
      capture.signal("TERM");
      assertThat(capture.awaitExit(20_000)).isTrue();
      JsonNode counters = new ObjectMapper().readTree(capture.stdout()).get("capture");
      long sent = sent(replayed);

      assertThat(sent).as(replayed).isEqualTo(FRAMES);
      assertThat(counters.get("droppedByKernel").asLong()).as("kernel drops").isPositive();
      assertThat(counters.get("received").asLong()).as("received").isPositive();
      assertThat(counters.get("droppedByQueue").asLong()).isZero();
      assertThat(counters.get("received").asLong() + counters.get("droppedByKernel").asLong())
          .as("received + dropped by the kernel, of %s", counters).isEqualTo(sent);
    }
  }

  /** {@value #FRAMES} UDP datagrams of {@value #PAYLOAD} bytes each, one millisecond apart. */
  private static byte[] datagrams() {
    PcapFixture pcap = PcapFixture.ethernetBytes(FRAMES * (16 + 14 + 20 + 8 + PAYLOAD));
    byte[] payload = new byte[PAYLOAD];
    for (int i = 0; i < FRAMES; i++) {
      pcap.frame(1_700_000_000_000_000_000L + i * 1_000_000L, PcapFixture.udp(PcapFixture.ipv4(10, 9, 0, 1),
          PcapFixture.ipv4(10, 9, 0, 2), 40_000, 9, payload));
    }
    return pcap.bytes();
  }

  /** tcpreplay's count of frames sent ({@code Actual: 4000 packets ...}). */
  private static long sent(String tcpreplayOutput) {
    Matcher m = Pattern.compile("Actual: (\\d+) packets").matcher(tcpreplayOutput);
    assertThat(m.find()).as(tcpreplayOutput).isTrue();
    return Long.parseLong(m.group(1));
  }
}
