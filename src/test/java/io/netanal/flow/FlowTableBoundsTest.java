package io.netanal.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.netanal.decode.DecodedFrame;
import io.netanal.decode.FrameFixture;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class FlowTableBoundsTest {
  @Test
  @Timeout(60)
  void shouldEvictTheLongestIdleFlowAndNeverGrowPastTheLimitUnderAFloodOfRandomTuples() {
    int limit = 1000;
    AtomicLong ended = new AtomicLong();
    AtomicLong evictedRecords = new AtomicLong();
    FlowTable table = new FlowTable(FlowTableOptions.forFile("flood", limit), r -> {
      ended.incrementAndGet();
      if (r.end().equals("evicted")) {
        evictedRecords.incrementAndGet();
      }
    });
    DecodedFrame frame = new DecodedFrame();
    SplittableRandom random = new SplittableRandom(8);
    ByteBuffer none = ByteBuffer.allocate(0);
    int packets = 2_000_000;
    for (int i = 0; i < packets; i++) {
      frame.reset();
      FrameFixture.on(frame).withIpv4(random.nextInt(), random.nextInt()).withIpExtent(0, 40)
          .withTransport(6, random.nextInt(65536), random.nextInt(65536), 0x02)
          .withTcp(0x02, random.nextInt(), 0, 1024);
      table.frame(1_000_000_000L + i * 1000L, 54, 54, none, 0, frame);
      assertThat(table.openFlows()).isLessThanOrEqualTo(limit);
    }
    assertThat(table.evicted()).isEqualTo(evictedRecords.get()).isGreaterThanOrEqualTo(packets - limit - 10);
    table.finish();
    assertThat(ended.get()).isGreaterThanOrEqualTo(packets - 10); // every random tuple was a flow, and ended
    assertThat(table.openFlows()).isZero();
  }

  @Test
  void shouldEvictTheLongestIdleFirst() {
    Traffic t = new Traffic(FlowTableOptions.forFile("x", 2))
        .udp(0, "10.0.0.1", 1, "10.0.0.2", 2, 1)
        .udp(1, "10.0.0.3", 1, "10.0.0.4", 2, 1)
        .udp(2, "10.0.0.1", 1, "10.0.0.2", 2, 1) // the first flow is active again
        .udp(3, "10.0.0.5", 1, "10.0.0.6", 2, 1);
    assertThat(t.records).hasSize(1);
    assertThat(t.records.get(0).origAddress()).isEqualTo("10.0.0.3");
    assertThat(t.records.get(0).end()).isEqualTo("evicted");
    assertThat(t.table.evicted()).isEqualTo(1);
  }
}
