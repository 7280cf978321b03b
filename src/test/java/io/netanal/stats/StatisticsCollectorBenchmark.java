package io.netanal.stats;

import io.netanal.decode.DecodeStatus;
import io.netanal.decode.FrameFixture;
import io.netanal.decode.DecodedFrame;
import io.netanal.decode.Protocol;
import java.util.SplittableRandom;

/**
 * Measures {@link StatisticsCollector#record} per frame: 10 M synthetic frames over a few thousand hosts (a
 * skewed mix, as on a real link: a few heavy talkers, many light ones), 10% IPv6. Not a unit test (surefire runs
 * only {@code *Test}); run it by hand:
 * {@code java -cp target/classes:target/test-classes io.netanal.stats.StatisticsCollectorBenchmark}.
 */
public final class StatisticsCollectorBenchmark {
  private static final int FRAMES = 10_000_000;
  private static final int DISTINCT_FRAMES = 1 << 16;
  private static final int IPV4_HOSTS = 4000;
  private static final int IPV6_HOSTS = 500;

  private StatisticsCollectorBenchmark() {}

  public static void main(String[] args) {
    DecodedFrame[] frames = frames(new SplittableRandom(1));
    int[] lengths = new int[DISTINCT_FRAMES];
    SplittableRandom random = new SplittableRandom(2);
    for (int i = 0; i < DISTINCT_FRAMES; i++) {
      lengths[i] = random.nextInt(4) == 0 ? 1514 : 60 + random.nextInt(600);
    }
    DecodedFrame reused = new DecodedFrame();
    for (int round = 1; round <= 5; round++) {
      long baselineStart = System.nanoTime();
      long sink = 0;
      for (int i = 0; i < FRAMES; i++) {
        int k = i & (DISTINCT_FRAMES - 1);
        fill(reused, frames[k]);
        sink += reused.ipv4Source(0) + lengths[k];
      }
      long baseline = System.nanoTime() - baselineStart;
      StatisticsCollector collector = new StatisticsCollector();
      long timestamp = 1_700_000_000_000_000_000L;
      long start = System.nanoTime();
      for (int i = 0; i < FRAMES; i++) {
        int k = i & (DISTINCT_FRAMES - 1);
        timestamp += 10_000; // 100 k frames/s
        // Like the consumer: one reused frame, refilled for every packet, so its fields are in cache.
        fill(reused, frames[k]);
        collector.record(timestamp, Math.min(lengths[k], 262_144), lengths[k], reused);
      }
      long elapsed = System.nanoTime() - start;
      long snapshotStart = System.nanoTime();
      StatisticsSnapshot snapshot = collector.snapshot(10);
      long snapshotElapsed = System.nanoTime() - snapshotStart;
      System.gc();
      Runtime runtime = Runtime.getRuntime();
      System.out.printf("round %d: %.1f ns/frame (%.1f of it refilling the frame, checksum %d), snapshot %.1f ms, endpoints %d, conversations %d, "
              + "tables %.1f MB, heap used %.1f MB%n", round, elapsed / (double) FRAMES,
          baseline / (double) FRAMES, sink & 0xff, snapshotElapsed / 1e6,
          snapshot.endpointsTotal(), snapshot.conversationsTotal(), collector.tableMemoryBytes() / 1e6,
          (runtime.totalMemory() - runtime.freeMemory()) / 1e6);
    }
  }

  private static void fill(DecodedFrame reused, DecodedFrame template) {
    reused.reset();
    if (template.ipVersion(0) == 4) {
      FrameFixture.on(reused).withIpv4(template.ipv4Source(0), template.ipv4Destination(0));
    } else {
      FrameFixture.on(reused).withIpv6(template.ipv6SourceHigh(0), template.ipv6SourceLow(0),
          template.ipv6DestinationHigh(0), template.ipv6DestinationLow(0));
    }
    FrameFixture.on(reused).withTransport(template.transportProtocol(), 1, 2, template.tcpFlags());
    FrameFixture.on(reused).withStatus(template.status());
    for (long rest = template.protocols(); rest != 0; rest &= rest - 1) {
      FrameFixture.on(reused).withProtocol(Long.numberOfTrailingZeros(rest));
    }
  }

  /** Hosts drawn with a squared uniform, so low-numbered hosts talk far more than the rest. */
  private static DecodedFrame[] frames(SplittableRandom random) {
    DecodedFrame[] frames = new DecodedFrame[DISTINCT_FRAMES];
    for (int i = 0; i < DISTINCT_FRAMES; i++) {
      DecodedFrame frame = new DecodedFrame();
      frame.reset();
      FrameFixture.on(frame).withProtocol(Protocol.ETH);
      if (random.nextInt(10) == 0) {
        FrameFixture.on(frame).withProtocol(Protocol.IPV6)
            .withIpv6(0x20010db800000000L, skewed(random, IPV6_HOSTS), 0x20010db800000000L,
                skewed(random, IPV6_HOSTS));
      } else {
        FrameFixture.on(frame).withProtocol(Protocol.IP)
            .withIpv4(0x0a000000 + skewed(random, IPV4_HOSTS), 0x0a000000 + skewed(random, IPV4_HOSTS));
      }
      if (random.nextBoolean()) {
        FrameFixture.on(frame).withProtocol(Protocol.TCP).withTransport(6, 40000, 443, 0x18);
      } else {
        FrameFixture.on(frame).withProtocol(Protocol.UDP).withProtocol(Protocol.DNS)
            .withTransport(17, 5353, 53, DecodedFrame.NONE);
      }
      FrameFixture.on(frame).withStatus(random.nextInt(1000) == 0 ? DecodeStatus.TRUNCATED : DecodeStatus.OK);
      frames[i] = frame;
    }
    return frames;
  }

  private static int skewed(SplittableRandom random, int hosts) {
    double u = random.nextDouble();
    return (int) (u * u * hosts);
  }
}
