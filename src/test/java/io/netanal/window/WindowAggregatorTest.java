package io.netanal.window;

import static io.netanal.window.Packets.ip;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class WindowAggregatorTest {
  private static final long S = 1_000_000_000L;
  /** 2023-11-14T22:13:20Z: a multiple of 3 minutes, so every default window starts here. */
  private static final long T0 = 1_700_000_100L * S;
  private static final int A = ip(10, 0, 0, 1);
  private static final int B = ip(10, 0, 0, 2);
  private static final int C = ip(10, 0, 0, 3);

  private final List<ClosedWindow> closed = new ArrayList<>();

  private WindowAggregator aggregator(String sizes) {
    return new WindowAggregator(WindowSizes.parse(sizes), closed::add);
  }

  private WindowRecord record(String window, long start, String address) {
    for (ClosedWindow w : closed) {
      if (w.window().equals(window) && w.startNanos() == start) {
        return w.records().stream().filter(r -> r.address().equals(address)).findFirst().orElse(null);
      }
    }
    return null;
  }

  @Test
  void shouldAlignWindowsToTheEpochByPacketTimestamp() {
    WindowAggregator agg = aggregator("5s");
    Packets p = new Packets(agg);
    p.tcp(T0 + 4_900_000_000L, A, B, 40000, 80, Packets.SYN, 0); // in [T0, T0+5)
    p.tcp(T0 + 5_100_000_000L, A, B, 40000, 80, Packets.ACK, 100); // in [T0+5, T0+10)
    agg.finish();

    assertThat(closed).extracting(ClosedWindow::startNanos).containsExactly(T0, T0 + 5 * S);
    WindowRecord first = record("5s", T0, "10.0.0.1");
    assertThat(first.start()).isEqualTo("1700000100.000000000");
    assertThat(first.end()).isEqualTo("1700000105.000000000");
    assertThat(first.packets()).isEqualTo(1);
    assertThat(first.bytes()).isEqualTo(40);
    assertThat(first.tcpSyn()).isEqualTo(1);
    assertThat(record("5s", T0 + 5 * S, "10.0.0.1").bytes()).isEqualTo(140);
  }

  @Test
  void shouldCountWhatEachAddressSentAndReceived() {
    WindowAggregator agg = aggregator("5s");
    Packets p = new Packets(agg);
    for (int port = 1; port <= 12; port++) { // 12: under the exact bound of distinct counts (16)
      p.tcp(T0 + port * 1_000_000L, A, B, 40000, port, Packets.SYN, 0);
    }
    p.tcp(T0 + 30_000_000L, B, A, 22, 40000, Packets.SYN_ACK, 0);
    p.tcp(T0 + 31_000_000L, B, A, 23, 40000, Packets.RST | Packets.ACK, 0);
    p.icmp(T0 + 32_000_000L, B, A, 3, 3); // port unreachable
    agg.finish();

    WindowRecord a = record("5s", T0, "10.0.0.1");
    assertThat(a.packets()).isEqualTo(12);
    assertThat(a.distinctDstPorts()).isEqualTo(12);
    assertThat(a.distinctDstAddresses()).isEqualTo(1);
    assertThat(a.probes()).isEqualTo(12);
    assertThat(a.distinctProbePorts()).isEqualTo(12);
    assertThat(a.topProbeTarget()).isEqualTo("10.0.0.2");
    assertThat(a.flowsStarted()).isEqualTo(12);
    assertThat(a.flowsFailed()).isEqualTo(11);
    assertThat(a.distinctRespondents()).isEqualTo(1);
    assertThat(a.tcpSynAckReceived()).isEqualTo(1);
    assertThat(a.tcpRstReceived()).isEqualTo(1);
    assertThat(a.icmpUnreachableReceived()).isEqualTo(1);
    assertThat(a.refusals()).isEqualTo(2);
    WindowRecord b = record("5s", T0, "10.0.0.2");
    assertThat(b.tcpSynReceived()).isEqualTo(12);
    assertThat(b.distinctSources()).isEqualTo(1);
    assertThat(b.topSource()).isEqualTo("10.0.0.1");
    assertThat(b.icmpUnreachable()).isEqualTo(1);
    assertThat(b.interArrivalMeanMillis()).isEqualTo(1.0);
  }

  @Test
  void shouldBuildLargerWindowsByMergingCompleteBaseWindows() {
    WindowAggregator agg = aggregator("5s,30s");
    Packets p = new Packets(agg);
    // Six 5 s windows of one 30 s window, each with A probing new ports, and B's SYN-ACKs in two of them.
    for (int w = 0; w < 6; w++) {
      for (int i = 0; i < 10; i++) {
        p.tcp(T0 + w * 5 * S + i * 1_000_000L, A, B, 40000, w * 10 + i, Packets.SYN, 0);
      }
      if (w == 0 || w == 5) {
        p.tcp(T0 + w * 5 * S + S, B, A, w * 10, 40000, Packets.SYN_ACK, 0);
      }
    }
    p.tcp(T0 + 31 * S, C, A, 40000, 80, Packets.SYN, 0); // the next 30 s window
    agg.finish();

    WindowRecord merged = record("30s", T0, "10.0.0.1");
    assertThat(merged.packets()).isEqualTo(60);
    assertThat(merged.distinctDstPorts()).isBetween(57L, 63L); // 60 ports: past the exact bound, a sketch
    assertThat(merged.tcpSyn()).isEqualTo(60);
    assertThat(merged.tcpSynAckReceived()).isEqualTo(2);
    assertThat(merged.topProbeTarget()).isEqualTo("10.0.0.2");
    assertThat(merged.topProbeTargetVotes()).isEqualTo(60);
    long sum = closed.stream().filter(w -> w.window().equals("5s") && w.startNanos() < T0 + 30 * S)
        .mapToLong(w -> w.records().stream().filter(r -> r.address().equals("10.0.0.1"))
            .mapToLong(WindowRecord::packets).sum()).sum();
    assertThat(sum).isEqualTo(60);
    assertThat(record("30s", T0 + 30 * S, "10.0.0.3").packets()).isEqualTo(1);
    // Each 30 s window is emitted once, after its last 5 s window.
    assertThat(closed.stream().filter(w -> w.window().equals("30s"))).hasSize(2);
  }

  @Test
  void shouldGiveAnAddressNewToALargerWindowTheRecordOfItsBaseWindowAndAddTheNextOnes() {
    WindowAggregator agg = aggregator("5s,30s");
    Packets p = new Packets(agg);
    int d = ip(10, 0, 0, 4);
    for (int i = 0; i < 20; i++) { // 20 ports: past the exact bound of distinct counts, a sketch
      p.tcp(T0 + i * 10_000_000L, A, B, 40000, 1000 + i, Packets.SYN, 0);
    }
    p.tcp(T0 + S, B, A, 1000, 40000, Packets.SYN_ACK, 0);
    p.udp(T0 + 2 * S, A, C, 5353, 53, Packets.dns(false, 40), 0);
    p.tcp(T0 + 6 * S, d, C, 40001, 443, Packets.SYN, 0); // the second 5 s window: d is new to the 30 s window
    p.tcp(T0 + 6 * S + 1_000_000L, d, C, 40001, 443, Packets.ACK, 300);
    p.tcp(T0 + 7 * S, A, B, 40000, 2000, Packets.SYN, 0); // A is not
    agg.finish();

    String[] perWindow = {"window", "start", "end", "packetsPerSecond", "bitsPerSecond"};
    assertThat(record("30s", T0, "10.0.0.4")).usingRecursiveComparison().ignoringFields(perWindow)
        .isEqualTo(record("5s", T0 + 5 * S, "10.0.0.4"));
    assertThat(record("30s", T0, "10.0.0.3")).usingRecursiveComparison().ignoringFields(perWindow)
        .ignoringFields("packetsReceived", "bytesReceived", "distinctSources", "tcpSynReceived", "tcpAckReceived",
            "udpReceived", "topSource", "topSourceVotes")
        .isEqualTo(record("5s", T0, "10.0.0.3"));
    WindowRecord a = record("30s", T0, "10.0.0.1");
    assertThat(a.packets()).isEqualTo(22);
    assertThat(a.tcpSyn()).isEqualTo(21);
    assertThat(a.dnsQueries()).isEqualTo(1);
    assertThat(a.distinctProbePorts()).isBetween(20L, 22L);
    assertThat(a.topProbeTarget()).isEqualTo("10.0.0.2");
    assertThat(a.topProbeTargetVotes()).isEqualTo(20); // 21 for B, less 1 for the UDP probe of C
    assertThat(a.tcpSynAckReceived()).isEqualTo(1);
    assertThat(a.interArrivalMeanMillis()).isEqualTo(100.0); // 20 gaps in 2 s: none across base windows
    WindowRecord c = record("30s", T0, "10.0.0.3");
    assertThat(c.packetsReceived()).isEqualTo(3);
    assertThat(c.distinctSources()).isEqualTo(2);
    assertThat(c.topSource()).isEqualTo("10.0.0.4");
  }

  @Test
  void shouldPutALatePacketInItsWindowWithinTheGraceAndCountItAfter() {
    WindowAggregator agg = aggregator("5s");
    Packets p = new Packets(agg);
    p.tcp(T0 + 1 * S, A, B, 1, 2, Packets.ACK, 0);
    p.tcp(T0 + 6 * S, A, B, 1, 2, Packets.ACK, 0);
    p.tcp(T0 + 2 * S, A, B, 1, 2, Packets.ACK, 0); // 4 s late: [T0, T0+5) is still open
    p.tcp(T0 + 11 * S, A, B, 1, 2, Packets.ACK, 0); // closes [T0, T0+5)
    p.tcp(T0 + 3 * S, A, B, 1, 2, Packets.ACK, 0); // 8 s late: too late
    agg.finish();

    assertThat(record("5s", T0, "10.0.0.1").packets()).isEqualTo(2);
    assertThat(agg.latePackets()).isEqualTo(1);
    assertThat(agg.windowedPackets()).isEqualTo(4);
  }

  @Test
  void shouldAddFlowRecordsRoundTripsToTheWindowOfTheirStart() {
    WindowAggregator agg = aggregator("5s");
    Packets p = new Packets(agg);
    p.tcp(T0 + 1 * S, A, B, 40000, 443, Packets.SYN, 0);
    p.tcp(T0 + 6 * S, A, B, 40000, 443, Packets.ACK, 0);
    agg.flowEnded(flow(T0 + 1 * S, 12.0, 2));
    agg.flowEnded(flow(T0 + 2 * S, 20.0, 1));
    agg.finish();

    WindowRecord a = record("5s", T0, "10.0.0.1");
    assertThat(a.rttMeanMillis()).isEqualTo(16.0);
    assertThat(a.retransmissions()).isEqualTo(3);
    assertThat(record("5s", T0 + 5 * S, "10.0.0.1").rttMeanMillis()).isNull();
    assertThat(agg.lateFlows()).isZero();
  }

  @Test
  void shouldAddAFlowOfANewAddressToTheOtherRowOnceTheTableIsFullAndMakeNoRowForAFlowWithNothingToAdd() {
    List<ClosedWindow> windows = new ArrayList<>();
    WindowAggregator agg = new WindowAggregator(WindowSizes.parse("5s"), windows::add, 2, 16);
    Packets p = new Packets(agg);
    p.tcp(T0 + 1 * S, A, B, 40000, 443, Packets.SYN, 0); // rows A and B: the table is full
    p.tcp(T0 + 2 * S, C, B, 40001, 443, Packets.SYN, 0); // C is counted in other
    agg.flowEnded(flow(T0 + 1 * S, "10.0.0.4", null, 0)); // nothing to add
    agg.flowEnded(flow(T0 + 1 * S, "10.0.0.5", null, 2)); // into other
    agg.finish();

    assertThat(windows).hasSize(1);
    assertThat(windows.get(0).records()).extracting(WindowRecord::address)
        .containsExactlyInAnyOrder("10.0.0.1", "10.0.0.2", "other");
    assertThat(windows.get(0).records()).filteredOn(r -> r.address().equals("other"))
        .extracting(WindowRecord::retransmissions).containsExactly(2L);
  }

  @Test
  void shouldMakeARowForTheOriginatorOfAFlowWithNothingToAddWhileTheTableHasRoom() {
    WindowAggregator agg = aggregator("5s");
    Packets p = new Packets(agg);
    p.tcp(T0 + 1 * S, A, B, 40000, 443, Packets.SYN, 0);
    agg.flowEnded(flow(T0 + 1 * S, "10.0.0.4", null, 0));
    agg.finish();

    assertThat(record("5s", T0, "10.0.0.4")).isNotNull();
  }

  private static io.netanal.flow.FlowRecord flow(long start, String origAddress, Double rtt, long retransmissions) {
    return new io.netanal.flow.FlowRecord("test", start, start + S, origAddress, 40000, "10.0.0.2", 443, 6, -1,
        null, 1, 0, 0, 0, 40, 0, "S0", "S", "evicted", "1:x", rtt, retransmissions, 0, List.of(), 0, null, null);
  }

  private static io.netanal.flow.FlowRecord flow(long start, double rtt, long retransmissions) {
    return new io.netanal.flow.FlowRecord("test", start, start + S, "10.0.0.1", 40000, "10.0.0.2", 443, 6, -1,
        "tls", 5, 5, 100, 1000, 400, 1300, "SF", "ShADadFf", "fin", "1:x", rtt, retransmissions, 0,
        List.of(), 0, null, null);
  }

  @Test
  void shouldGiveTheSameWindowsLiveWithTicksAsFromAFile() {
    List<ClosedWindow> file = new ArrayList<>();
    List<ClosedWindow> live = new ArrayList<>();
    WindowAggregator fromFile = new WindowAggregator(WindowSizes.defaults(), file::add);
    WindowAggregator fromLive = new WindowAggregator(WindowSizes.defaults(), live::add);
    Packets filePackets = new Packets(fromFile);
    Packets livePackets = new Packets(fromLive);
    SplittableRandom random = new SplittableRandom(7);
    long ts = T0;
    for (int i = 0; i < 20_000; i++) {
      ts += random.nextLong(50_000_000L); // up to 50 ms apart, with idle gaps below
      if (i % 5000 == 0) {
        ts += 40 * S;
      }
      int src = ip(10, 0, 0, 1 + random.nextInt(20));
      int port = 1 + random.nextInt(100);
      filePackets.tcp(ts, src, B, 40000, port, Packets.SYN, 0);
      livePackets.tcp(ts, src, B, 40000, port, Packets.SYN, 0);
      // The live clock ticks a little ahead of the packets (the kernel stamped them before we saw them).
      fromLive.tick(ts + 300_000_000L);
    }
    fromFile.finish();
    fromLive.finish();
    assertThat(live).hasSameSizeAs(file);
    assertThat(live.equals(file)).as("live windows equal the file's").isTrue();
  }

  @Test
  void shouldAllocateNothingPerPacketInTheSteadyState() {
    WindowAggregator agg = aggregator("5s,30s,3m");
    io.netanal.decode.DecodedFrame[] frames = new io.netanal.decode.DecodedFrame[64];
    for (int i = 0; i < frames.length; i++) {
      frames[i] = new io.netanal.decode.FrameFixture().withIpv4(ip(10, 0, 1, i), B)
          .withTransport(Packets.TCP, 40000 + i, 80 + i % 4, Packets.SYN).frame();
    }
    java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(64);
    for (int i = 0; i < 100_000; i++) { // warm-up: rows, sketches and the JIT
      agg.frame(T0 + i, 60, 60, buffer, 0, frames[i & 63]);
    }
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    for (int i = 0; i < 1_000_000; i++) {
      agg.frame(T0 + 100_000 + i, 60, 60, buffer, 0, frames[i & 63]);
    }
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    assertThat(allocated).as("bytes allocated for a million packets").isLessThan(100_000);
  }

  @Test
  void shouldCloseWindowsOnTickWhenNoPacketsCome() {
    WindowAggregator agg = aggregator("5s");
    Packets p = new Packets(agg);
    p.tcp(T0 + 1 * S, A, B, 1, 2, Packets.ACK, 0);
    agg.tick(T0 + 9 * S);
    assertThat(closed).isEmpty(); // still in its grace
    agg.tick(T0 + 10 * S);
    assertThat(closed).extracting(ClosedWindow::startNanos).containsExactly(T0);
  }

  @Test
  void shouldCountDnsQueriesAndResponsesByTheQrBit() {
    WindowAggregator agg = aggregator("5s");
    Packets p = new Packets(agg);
    p.udp(T0, A, B, 5353, 53, Packets.dns(false, 30), 0);
    p.udp(T0 + 1, B, A, 53, 5353, Packets.dns(true, 500), 0);
    p.udp(T0 + 2, B, A, 53, 5353, new byte[] {1, 2, 3}, 0); // too short for a DNS header
    agg.finish();

    WindowRecord a = record("5s", T0, "10.0.0.1");
    assertThat(a.dnsQueries()).isEqualTo(1);
    assertThat(a.dnsQueryBytes()).isEqualTo(30);
    assertThat(a.dnsResponsesReceived()).isEqualTo(1);
    assertThat(a.dnsResponseBytesReceived()).isEqualTo(500);
    WindowRecord b = record("5s", T0, "10.0.0.2");
    assertThat(b.dnsResponses()).isEqualTo(1);
    assertThat(b.dnsResponseBytes()).isEqualTo(500);
  }

  @Test
  @Timeout(120)
  void shouldStayWithinItsCapsUnderMillionsOfRandomSources() {
    long[] packets = new long[1];
    WindowAggregator agg = new WindowAggregator(WindowSizes.defaults(), w -> {
      for (WindowRecord r : w.records()) {
        packets[0] += r.packets();
      }
    });
    Packets p = new Packets(agg);
    SplittableRandom random = new SplittableRandom(42);
    int n = 3_000_000;
    long start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      // A spoofed SYN flood on one victim: a new random source each packet, 100 k packets/s.
      p.tcp(T0 + i * 10_000L, random.nextInt(), B, random.nextInt(65536), 80, Packets.SYN, 0);
    }
    agg.finish();
    double seconds = (System.nanoTime() - start) / 1e9;

    // Every packet is in some 5 s, 30 s and 3 m window: once per size, rows or 'other'.
    assertThat(packets[0]).isEqualTo(3L * n);
    assertThat(agg.footprint()).isLessThan(64L << 20);
    assertThat(seconds).as("seconds for %d packets", n).isLessThan(60);
  }

  @Test
  void shouldBoundEachTableAndCountTheOverflowInOther() {
    TrafficTable table = new TrafficTable(1000, 8);
    for (int i = 0; i < 100_000; i++) {
      int r = table.row(0, AddressKeys.ipv4(i));
      table.countOverflow(r);
      table.sent(r, T0, 60);
    }
    assertThat(table.rows()).isEqualTo(1001); // 1000 addresses and 'other'
    assertThat(table.overflowPackets()).isEqualTo(99_000);
    assertThat(table.footprint()).isLessThan(2L << 20);
  }

  @Test
  void shouldEstimateLargeDistinctCountsWithinTheStatedError() {
    DistinctColumn column = new DistinctColumn(4);
    column.ensureRows(1);
    for (int i = 0; i < 100_000; i++) {
      column.add(0, AddressKeys.hash(0, i));
      column.add(0, AddressKeys.hash(0, i)); // duplicates do not count
    }
    assertThat((double) column.count(0)).isCloseTo(100_000, org.assertj.core.data.Percentage.withPercentage(10));
    DistinctColumn small = new DistinctColumn(4);
    small.ensureRows(1);
    for (int i = 0; i < 16; i++) {
      small.add(0, AddressKeys.hash(0, i % 10));
    }
    assertThat(small.count(0)).isEqualTo(10);
  }

  @Test
  void shouldRejectWindowSizesThatAreNotMultiplesOfTheBase() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> WindowSizes.parse("5s,7s"))
        .hasMessage("--windows: 7s (expected: sizes like 5s,30s,3m,1h, each a multiple of 5s, at most 1d)");
    assertThat(WindowSizes.parse("3m,5s,30s,30s").nanos()).containsExactly(5 * S, 30 * S, 180 * S);
    assertThat(WindowSizes.label(180 * S)).isEqualTo("3m");
  }
}
