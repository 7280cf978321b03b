package io.netanal.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.netanal.frame.LinkType;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class DecodingSinkTest {

  @Test
  // What the decoder finds is FrameDecoder's to test; this checks the hand-off of timestamps and lengths.
  void shouldDecodeEachFrameAndCountItInTheCollector() {
    StatisticsCollector collector = new StatisticsCollector();
    DecodingSink sink = new DecodingSink(collector);
    ByteBuffer frame = ByteBuffer.allocate(64);

    sink.frame(LinkType.ETHERNET, 1_000_000_000L, 64, 1514, frame, 0);
    sink.frame(LinkType.ETHERNET, 2_000_000_000L, 64, 60, frame, 0);

    StatisticsSnapshot snapshot = collector.snapshot(0);
    assertThat(sink.collector()).isSameAs(collector);
    assertThat(snapshot.summary().packets()).isEqualTo(2);
    assertThat(snapshot.summary().bytes()).isEqualTo(1574);
    assertThat(snapshot.summary().capturedBytes()).isEqualTo(128);
    assertThat(snapshot.summary().firstTimestamp()).isEqualTo("1.000000000");
    assertThat(snapshot.summary().lastTimestamp()).isEqualTo("2.000000000");
    assertThat(snapshot.sizes().get(2)).isEqualTo(new SizeBucket("40-79", 1));
    assertThat(snapshot.sizes().get(7)).isEqualTo(new SizeBucket("1280-2559", 1));
  }
}
