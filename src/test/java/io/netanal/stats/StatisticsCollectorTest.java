package io.netanal.stats;

import static io.netanal.stats.Fixtures.ipv4;
import static org.assertj.core.api.Assertions.assertThat;

import io.netanal.decode.DecodeStatus;
import io.netanal.decode.FrameFixture;
import io.netanal.decode.DecodedFrame;
import io.netanal.decode.Protocol;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StatisticsCollectorTest {
  private static final long SECOND = 1_000_000_000L;
  private static final long T0 = 1_700_000_000L * SECOND;

  @Test
  void shouldSnapshotEmptyTablesWithoutFrames() {
    StatisticsSnapshot snapshot = new StatisticsCollector().snapshot(10);

    assertThat(snapshot.summary()).isEqualTo(new Summary(0, 0, 0, null, null, 0, 0, 0));
    assertThat(snapshot.protocols()).isEmpty();
    assertThat(snapshot.endpoints()).isEmpty();
    assertThat(snapshot.endpointsTotal()).isZero();
    assertThat(snapshot.endpointsOmitted()).isZero();
    assertThat(snapshot.conversations()).isEmpty();
    assertThat(snapshot.conversationsTotal()).isZero();
    assertThat(snapshot.bandwidth()).isEqualTo(new Bandwidth(1.0, null, List.of()));
    assertThat(snapshot.sizes()).hasSize(10).allSatisfy(bucket -> assertThat(bucket.packets()).isZero());
    assertThat(snapshot.tcpFlags()).isEqualTo(new TcpFlags(0, 0, 0, 0, 0, 0, 0, 0, 0));
    assertThat(snapshot.decode()).isEqualTo(new DecodeProblems(0, java.util.Map.of(), List.of()));
  }

  @Test
  void shouldLeaveTheAddressRowsOutOfAStatusSnapshotButCountThem() {
    StatisticsCollector collector = new StatisticsCollector();
    collector.record(T0, 60, 1000, ipv4("10.0.0.1", "10.0.0.2"));
    collector.record(T0, 60, 1000, ipv4("10.0.0.3", "10.0.0.2"));

    StatisticsSnapshot status = collector.statusSnapshot();
    StatisticsSnapshot full = collector.snapshot(0);

    assertThat(status.endpoints()).isEmpty();
    assertThat(status.endpointsTotal()).isEqualTo(3).isEqualTo(full.endpointsTotal());
    assertThat(status.endpointsOmitted()).isEqualTo(3);
    assertThat(status.conversations()).isEmpty();
    assertThat(status.conversationsTotal()).isEqualTo(2).isEqualTo(full.conversationsTotal());
    assertThat(status.conversationsOmitted()).isEqualTo(2);
    assertThat(status.summary()).isEqualTo(full.summary());
    assertThat(status.protocols()).isEqualTo(full.protocols());
  }

  @Test
  void shouldSummariseTotalsFileOrderTimestampsAndRates() {
    StatisticsCollector collector = new StatisticsCollector();
    collector.record(T0 + 2 * SECOND, 60, 1000, ipv4("10.0.0.1", "10.0.0.2"));
    collector.record(T0, 60, 1500, ipv4("10.0.0.1", "10.0.0.2")); // out of order: earliest
    collector.record(T0 + 4 * SECOND + 500_000_000, 60, 500, ipv4("10.0.0.2", "10.0.0.1"));

    Summary summary = collector.snapshot(0).summary();

    assertThat(summary).isEqualTo(new Summary(3, 3000, 180, "1700000002.000000000", "1700000004.500000000", 4.5,
        3 / 4.5, 3000 * 8 / 4.5));
  }

  @Test
  void shouldReportZeroRatesWhenAllFramesShareATimestamp() {
    StatisticsCollector collector = new StatisticsCollector();
    collector.record(-SECOND / 2, 60, 60, Fixtures.empty());
    collector.record(-SECOND / 2, 60, 60, Fixtures.empty());

    Summary summary = collector.snapshot(0).summary();

    assertThat(summary.firstTimestamp()).isEqualTo("-0.500000000");
    assertThat(summary.durationSeconds()).isZero();
    assertThat(summary.packetsPerSecond()).isZero();
    assertThat(summary.bitsPerSecond()).isZero();
  }

  @Test
  void shouldCountEveryTableFromOneFrame() {
    StatisticsCollector collector = new StatisticsCollector();
    DecodedFrame frame = FrameFixture.on(ipv4("192.0.2.1", "198.51.100.7")).withProtocol(Protocol.ETH)
        .withProtocol(Protocol.IP).withProtocol(Protocol.TCP).withTransport(6, 40000, 443, 0x02)
        .withStatus(DecodeStatus.TRUNCATED).frame();

    StatisticsSnapshot snapshot = recordOne(collector, frame);

    assertThat(snapshot.protocols()).extracting(ProtocolCount::name).containsExactly("eth", "ip", "tcp");
    assertThat(snapshot.endpoints()).containsExactly(new Endpoint("192.0.2.1", 1, 0, 74, 0),
        new Endpoint("198.51.100.7", 0, 1, 0, 74));
    assertThat(snapshot.conversations()).containsExactly(new Conversation("192.0.2.1", "198.51.100.7", 1, 0, 74,
        0, "1700000000.000000000", "1700000000.000000000"));
    assertThat(snapshot.bandwidth().samples()).containsExactly(new BandwidthSample(0, 1, 74));
    assertThat(snapshot.sizes().get(2)).isEqualTo(new SizeBucket("40-79", 1));
    assertThat(snapshot.tcpFlags().syn()).isEqualTo(1);
    assertThat(snapshot.decode().examples()).containsExactly(new DecodeExample(1, "truncated"));
  }

  @Test
  void shouldCutEndpointsAndConversationsToTop() {
    StatisticsCollector collector = new StatisticsCollector();
    for (int i = 1; i <= 5; i++) {
      collector.record(T0, 60, 60 * i, ipv4("10.0.0." + i, "10.0.9.9"));
    }

    StatisticsSnapshot snapshot = collector.snapshot(2);

    assertThat(snapshot.endpoints()).extracting(Endpoint::address).containsExactly("10.0.9.9", "10.0.0.5");
    assertThat(snapshot.endpointsTotal()).isEqualTo(6);
    assertThat(snapshot.endpointsOmitted()).isEqualTo(4);
    assertThat(snapshot.conversations()).extracting(Conversation::a).containsExactly("10.0.0.5", "10.0.0.4");
    assertThat(snapshot.conversationsTotal()).isEqualTo(5);
    assertThat(snapshot.conversationsOmitted()).isEqualTo(3);
  }

  @Test
  void shouldMergeToTheSameSnapshotAsRecordingBothInOne() {
    StatisticsCollector whole = new StatisticsCollector(new BandwidthSeries(SECOND, 64), 1000, 100_000);
    StatisticsCollector first = new StatisticsCollector(new BandwidthSeries(SECOND, 64), 1000, 100_000);
    StatisticsCollector second = new StatisticsCollector(new BandwidthSeries(SECOND, 64), 1000, 100_000);
    SplittableRandom random = new SplittableRandom(3);
    DecodedFrame frame = Fixtures.empty();
    for (int i = 0; i < 20_000; i++) {
      randomFrame(random, frame);
      long timestamp = T0 + random.nextLong(200 * SECOND) - 20 * SECOND;
      int length = 40 + random.nextInt(1500);
      whole.record(timestamp, Math.min(length, 96), length, frame);
      (i < 12_000 ? first : second).record(timestamp, Math.min(length, 96), length, frame);
    }

    first.merge(second);

    assertThat(first.snapshot(0)).isEqualTo(whole.snapshot(0));
    assertThat(whole.snapshot(0).bandwidth().intervalSeconds()).isEqualTo(4.0);
    assertThat(whole.snapshot(0).endpoints()).extracting(Endpoint::address).doesNotContain("other");
    assertThat(whole.snapshot(0).conversations()).extracting(Conversation::a).doesNotContain("other");
  }

  @Test
  void shouldTakeFirstTimestampFromThisAndLastFromTheMergedCollector() {
    StatisticsCollector first = new StatisticsCollector();
    first.record(T0 + 5 * SECOND, 60, 60, Fixtures.empty());
    StatisticsCollector second = new StatisticsCollector();
    second.record(T0 + 1 * SECOND, 60, 60, Fixtures.empty());
    StatisticsCollector empty = new StatisticsCollector();

    first.merge(second);
    first.merge(empty);
    empty.merge(first);

    assertThat(first.snapshot(0).summary().firstTimestamp()).isEqualTo("1700000005.000000000");
    assertThat(first.snapshot(0).summary().lastTimestamp()).isEqualTo("1700000001.000000000");
    assertThat(first.snapshot(0).summary().durationSeconds()).isEqualTo(4.0);
    assertThat(empty.snapshot(0)).isEqualTo(first.snapshot(0));
  }

  private static StatisticsSnapshot recordOne(StatisticsCollector collector, DecodedFrame frame) {
    collector.record(T0, 74, 74, frame);
    return collector.snapshot(0);
  }

  /** A few hundred hosts (fewer than the tables' caps), some IPv6, some tunnelled, random flags and statuses. */
  private static void randomFrame(SplittableRandom random, DecodedFrame frame) {
    frame.reset();
    int kind = random.nextInt(10);
    if (kind < 7) {
      FrameFixture.on(frame).withIpv4(0x0a000000 | random.nextInt(300), 0x0a000000 | random.nextInt(300));
    } else if (kind < 9) {
      FrameFixture.on(frame)
          .withIpv6(0x20010db800000000L, random.nextInt(50), 0x20010db800000000L, random.nextInt(50));
    } else {
      FrameFixture.on(frame).withIpv4(0xc0000201, 0xc0000202)
          .withIpv4(0xac100000 | random.nextInt(100), 0xac100001);
    }
    FrameFixture.on(frame).withProtocol(Protocol.ETH)
        .withProtocol(random.nextBoolean() ? Protocol.TCP : Protocol.UDP);
    FrameFixture.on(frame).withTransport(6, 1, 2, random.nextInt(0x200) - 1);
    FrameFixture.on(frame).withStatus(random.nextInt(20) == 0 ? DecodeStatus.MALFORMED : DecodeStatus.OK);
  }
}
