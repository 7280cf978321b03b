package io.netanal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.netanal.pcap.CaptureFileReader;
import io.netanal.stats.DecodingSink;
import io.netanal.stats.Endpoint;
import io.netanal.stats.ProtocolCount;
import io.netanal.stats.StatisticsCollector;
import io.netanal.stats.StatisticsSnapshot;
import io.netanal.testing.LiveCaptureSupport;
import io.netanal.testing.LoopbackTraffic;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code netanal capture -w} on loopback while the test sends a known number of UDP and TCP packets. */
@Timeout(60)
class CaptureLoopbackTest {
  @TempDir Path dir;

  @Test
  void shouldReportAndWriteExactlyThePacketsSentToLoopback() throws Exception {
    LiveCaptureSupport.requireLiveCapture();
    Path file = dir.resolve("lo.pcapng");
    CommandRunner runner = CommandRunner.netanal();
    try (LoopbackTraffic traffic = new LoopbackTraffic()) {
      CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> runner.run("capture", "-i", "lo", "-q",
          "-f", traffic.filter(), "-c", "70", "-w", file.toString()));
      Thread.sleep(1500); // the capture opens the device
      traffic.sendUdp(50, 100);
      traffic.drainUdp(50);
      traffic.sendTcp(20, 200);

      assertThat(exit.get(10, TimeUnit.SECONDS)).as("exit code; stderr: %s", runner.err).isZero();
    }
    assertThat(runner.out.toString()).contains("live on lo: 70 packets")
        .contains("capture: received 70, dropped by queue 0, by kernel 0, by interface 0");

    StatisticsCollector collector = new StatisticsCollector();
    try (CaptureFileReader reader = CaptureFileReader.open(file)) {
      assertThat(reader.format()).isEqualTo("pcapng");
      assertThat(reader.read(new DecodingSink(collector))).isEqualTo(70);
    }
    StatisticsSnapshot stats = collector.snapshot(0);
    assertThat(stats.protocols()).extracting(ProtocolCount::name, ProtocolCount::packets)
        .contains(org.assertj.core.groups.Tuple.tuple("eth", 70L), org.assertj.core.groups.Tuple.tuple("ip", 70L),
            org.assertj.core.groups.Tuple.tuple("udp", 50L), org.assertj.core.groups.Tuple.tuple("tcp", 20L));
    assertThat(stats.endpoints()).extracting(Endpoint::address).containsExactly("127.0.0.1");
    assertThat(stats.endpoints().get(0).packetsSent()).isEqualTo(70);
    assertThat(stats.endpoints().get(0).packetsReceived()).isEqualTo(70);
  }
}
