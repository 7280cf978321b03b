package io.netanal.window;

import static org.assertj.core.api.Assertions.assertThat;

import io.netanal.analysis.AnalysisOptions;
import io.netanal.analysis.CaptureFileAnalysis;
import io.netanal.testing.TestData;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The 5 s windows checked against an independent computation: for a sample of corpus files (each with one IP
 * header per frame, so "the source" means the same to both), packets and bytes per window and source address
 * equal what {@code tshark -T fields -e frame.time_epoch -e ip.src -e ipv6.src -e frame.len} sums. (Not in the
 * sample: {@code ndpi/ipsec_isakmp_esp.pcap}, whose timestamps jump back by more than the 5 s grace, so 571 of its
 * frames are counted as late rather than windowed, by design.)
 */
class WindowsTsharkTest {
  private static final BigDecimal FIVE = BigDecimal.valueOf(5);

  @ParameterizedTest
  @ValueSource(strings = {"chrissanders-packets/synscan.pcapng", "chrissanders-packets/tcp_ports.pcapng",
      "ndpi/WebattackRCE.pcap", "ndpi/dns-tunnel-iodine.pcap", "ndpi/icmp-tunnel.pcap", "ndpi/reddit.pcap",
      "ndpi/waze.pcap", "ndpi/srvloc.pcap"})
  void shouldAgreeWithTsharkOnPacketsAndBytesPerWindowAndSource(String name) throws Exception {
    Path file = TestData.pcaps().resolve(name);
    Map<String, long[]> expected = tshark(file);

    Map<String, long[]> actual = new TreeMap<>();
    WindowAggregator aggregator = new WindowAggregator(WindowSizes.parse("5s"), w -> {
      for (WindowRecord r : w.records()) {
        if (r.packets() > 0) {
          actual.put(new BigDecimal(r.start()).stripTrailingZeros().toPlainString() + " " + r.address(),
              new long[] {r.packets(), r.bytes()});
        }
      }
    });
    CaptureFileAnalysis analysis = new CaptureFileAnalysis(AnalysisOptions.defaults(), List.of(aggregator));
    analysis.add(file);
    analysis.result(); // finishes the windows

    assertThat(aggregator.latePackets()).isZero();
    assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
    for (Map.Entry<String, long[]> e : expected.entrySet()) {
      assertThat(actual.get(e.getKey())).as(name + " " + e.getKey()).containsExactly(e.getValue());
    }
  }

  /** "windowStart address" -> {packets, bytes} from tshark's fields. */
  private static Map<String, long[]> tshark(Path file) throws IOException, InterruptedException {
    TestData.require(Files.isExecutable(Path.of("/usr/bin/tshark")), "tshark not installed (apt-get install tshark)");
    List<String> command = List.of("tshark", "-r", file.toString(), "-T", "fields", "-e", "frame.time_epoch",
        "-e", "ip.src", "-e", "ipv6.src", "-e", "frame.len");
    Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    Map<String, long[]> sums = new TreeMap<>();
    List<String> lines = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = in.readLine()) != null; ) {
        lines.add(line);
      }
    }
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    for (String line : lines) {
      String[] f = line.split("\t", -1);
      String source = !f[1].isEmpty() ? f[1] : f[2];
      if (source.isEmpty()) {
        continue; // no IP header: not in any window
      }
      BigDecimal start = new BigDecimal(f[0]).divide(FIVE, 0, RoundingMode.FLOOR).multiply(FIVE);
      long[] sum = sums.computeIfAbsent(start.stripTrailingZeros().toPlainString() + " " + source,
          k -> new long[2]);
      sum[0]++;
      sum[1] += Long.parseLong(f[3]);
    }
    return sums;
  }
}
