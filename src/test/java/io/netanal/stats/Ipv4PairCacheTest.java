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

  @Test
  void shouldCountExactlyWhenATunnelledFrameGrowsTheTablesBehindTheCache() {
    EndpointTable cachedEndpoints = new EndpointTable();
    ConversationTable cachedConversations = new ConversationTable();
    Ipv4PairCache cache = new Ipv4PairCache(cachedEndpoints, cachedConversations);
    EndpointTable endpoints = new EndpointTable();
    ConversationTable conversations = new ConversationTable();
    DecodedFrame frame = new DecodedFrame();
    int a = 0x0a000001;
    int b = 0x0a000002;
    for (int round = 0; round < 4; round++) {
      for (int i = 0; i < 200; i++) { // the same pairs each round, then 2,000 new addresses the cache does not see
        cache.record(a + i, b + 1000 + i, 1000L * i, 100);
        frame.reset();
        FrameFixture.on(frame).withIpv4(a + i, b + 1000 + i);
        endpoints.record(frame, 100);
        conversations.record(frame, 1000L * i, 100);
      }
      for (int i = 0; i < 500; i++) {
        frame.reset();
        FrameFixture.on(frame).withIpv4(0x0b000000 + round * 1000 + i, 0x0c000000 + round * 1000 + i)
            .withIpv4(0x0d000000 + round * 1000 + i, 0x0e000000 + round * 1000 + i);
        for (EndpointTable table : new EndpointTable[] {cachedEndpoints, endpoints}) {
          table.record(frame, 60);
        }
        for (ConversationTable table : new ConversationTable[] {cachedConversations, conversations}) {
          table.record(frame, 5000, 60);
        }
      }
    }

    assertThat(cachedEndpoints.snapshot(0)).isEqualTo(endpoints.snapshot(0));
    assertThat(cachedConversations.snapshot(0)).isEqualTo(conversations.snapshot(0));
  }
}
