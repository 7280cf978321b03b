package io.netanal.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.netanal.frame.LinkType;
import io.netanal.stats.SizeBucket;
import io.netanal.stats.StatisticsCollector;
import io.netanal.stats.StatisticsSnapshot;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class FramePipelineTest {

  @Test
  // What the decoder finds is FrameDecoder's to test; this checks the hand-off of timestamps and lengths.
  void shouldDecodeEachFrameAndCountItInTheCollector() {
    StatisticsCollector collector = new StatisticsCollector();
    FramePipeline pipeline = FramePipeline.of(null, null, collector, List.of());
    ByteBuffer frame = ByteBuffer.allocate(64);

    pipeline.sink().frame(LinkType.ETHERNET, 1_000_000_000L, 64, 1514, frame, 0);
    pipeline.sink().frame(LinkType.ETHERNET, 2_000_000_000L, 64, 60, frame, 0);

    StatisticsSnapshot snapshot = collector.snapshot(0);
    assertThat(snapshot.summary().packets()).isEqualTo(2);
    assertThat(snapshot.summary().bytes()).isEqualTo(1574);
    assertThat(snapshot.summary().capturedBytes()).isEqualTo(128);
    assertThat(snapshot.summary().firstTimestamp()).isEqualTo("1.000000000");
    assertThat(snapshot.summary().lastTimestamp()).isEqualTo("2.000000000");
    assertThat(snapshot.sizes().get(2)).isEqualTo(new SizeBucket("40-79", 1));
    assertThat(snapshot.sizes().get(7)).isEqualTo(new SizeBucket("1280-2559", 1));
  }
}
