package io.netanal.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.netanal.decode.DecodedFrame;
import io.netanal.decode.FrameFixture;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Ipv4PairCacheTest {

  /** Records the same frames through the cache and through the tables' own per-frame path. */
  private static void assertSameAsTables(int maxEntries, int hosts, int frames, long seed) {
    EndpointTable cachedEndpoints = new EndpointTable(maxEntries);
    ConversationTable cachedConversations = new ConversationTable(maxEntries);
    Ipv4PairCache cache = new Ipv4PairCache(cachedEndpoints, cachedConversations);
    EndpointTable endpoints = new EndpointTable(maxEntries);
    ConversationTable conversations = new ConversationTable(maxEntries);
    SplittableRandom random = new SplittableRandom(seed);
    DecodedFrame frame = new DecodedFrame();
    for (int i = 0; i < frames; i++) {
      int source = 0x0a000000 + random.nextInt(hosts);
      int destination = random.nextInt(8) == 0 ? source : 0x0a000000 + random.nextInt(hosts); // some to self
      long bytes = 60 + random.nextInt(1400);
      long time = 1_700_000_000_000_000_000L + i * 1000L;
      cache.record(source, destination, time, bytes);
      frame.reset();
      FrameFixture.on(frame).withIpv4(source, destination);
      endpoints.record(frame, bytes);
      conversations.record(frame, time, bytes);
    }
    assertThat(cachedEndpoints.snapshot(0)).isEqualTo(endpoints.snapshot(0));
    assertThat(cachedConversations.snapshot(0)).isEqualTo(conversations.snapshot(0));
  }

  @Test
  void shouldCountExactlyAsTheTablesWhileTheyGrowFromTheirFirstSlots() {
    assertSameAsTables(200_000, 3_000, 200_000, 1);
  }

  @Test
  void shouldCountExactlyAsTheTablesWhenTheyAreFullAndNewPairsGoToOther() {
    for (long seed = 10; seed < 30; seed++) {
      assertSameAsTables(100, 1_000, 20_000, seed);
    }
  }

  @Test
  void shouldCountExactlyAsTheTablesWhenPairsCollideInTheCache() {
    assertSameAsTables(200_000, 60_000, 200_000, 3); // far more pairs than cache slots
  }
}
