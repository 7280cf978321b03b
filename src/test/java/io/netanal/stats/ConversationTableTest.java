package io.netanal.stats;

import static io.netanal.stats.Fixtures.ipv4;
import static io.netanal.stats.Fixtures.ipv6;
import static io.netanal.stats.Fixtures.v4;
import static org.assertj.core.api.Assertions.assertThat;

import io.netanal.decode.DecodedFrame;
import io.netanal.decode.FrameFixture;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ConversationTableTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void shouldCountBothDirectionsOfAPairInOneRowWithTheLowerAddressAsA() {
    ConversationTable table = new ConversationTable();
    table.record(ipv4("10.0.0.2", "10.0.0.1"), 5 * SECOND, 100);
    table.record(ipv4("10.0.0.1", "10.0.0.2"), 6 * SECOND, 60);
    table.record(ipv4("10.0.0.2", "10.0.0.1"), 7 * SECOND, 40);

    assertThat(table.snapshot(0).rows()).containsExactly(
        new Conversation("10.0.0.1", "10.0.0.2", 1, 2, 60, 140, "5.000000000", "7.000000000"));
  }

  @Test
  void shouldOrderAddressesNumericallyNotAsText() {
    ConversationTable table = new ConversationTable();
    table.record(ipv4("10.0.0.1", "9.0.0.1"), 0, 100);
    table.record(ipv4("200.0.0.1", "100.0.0.1"), 0, 100); // above 127: unsigned order

    assertThat(table.snapshot(0).rows()).extracting(Conversation::a, Conversation::b)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("100.0.0.1", "200.0.0.1"),
            org.assertj.core.groups.Tuple.tuple("9.0.0.1", "10.0.0.1"));
  }

  @Test
  void shouldOrderIpv6AddressesByUnsignedValue() {
    ConversationTable table = new ConversationTable();
    table.record(ipv6("fe80::1", "2001:db8::1"), 0, 100);
    table.record(ipv6("2001:db8::ffff:0:0:1", "2001:db8::2"), 0, 90);

    assertThat(table.snapshot(0).rows()).containsExactly(
        new Conversation("2001:db8::1", "fe80::1", 0, 1, 0, 100, "0.000000000", "0.000000000"),
        new Conversation("2001:db8::2", "2001:db8::ffff:0:0:1", 0, 1, 0, 90, "0.000000000", "0.000000000"));
  }

  @Test
  void shouldKeepFirstAndLastTimestampInRecordingOrder() {
    ConversationTable table = new ConversationTable();
    table.record(ipv4("10.0.0.1", "10.0.0.2"), 9 * SECOND, 1);
    table.record(ipv4("10.0.0.1", "10.0.0.2"), 3 * SECOND, 1);
    table.record(ipv4("10.0.0.1", "10.0.0.2"), 5 * SECOND, 1);

    Conversation row = table.snapshot(0).rows().get(0);

    assertThat(row.firstTimestamp()).isEqualTo("9.000000000");
    assertThat(row.lastTimestamp()).isEqualTo("5.000000000");
  }

  @Test
  void shouldSortByPacketsThenBytesThenAThenB() {
    ConversationTable table = new ConversationTable();
    table.record(ipv4("10.0.0.1", "10.0.0.20"), 0, 100);
    table.record(ipv4("10.0.0.1", "10.0.0.3"), 0, 100); // tie: b as text, "10.0.0.20" < "10.0.0.3"
    table.record(ipv4("10.0.0.5", "10.0.0.6"), 0, 500); // more bytes
    table.record(ipv4("10.0.0.7", "10.0.0.8"), 0, 1);
    table.record(ipv4("10.0.0.8", "10.0.0.7"), 0, 1); // more packets

    assertThat(table.snapshot(0).rows()).extracting(c -> c.a() + "-" + c.b())
        .containsExactly("10.0.0.7-10.0.0.8", "10.0.0.5-10.0.0.6", "10.0.0.1-10.0.0.20", "10.0.0.1-10.0.0.3");
  }

  @Test
  void shouldCutToTopWithTotals() {
    ConversationTable table = new ConversationTable();
    for (int i = 1; i <= 4; i++) {
      table.record(ipv4("10.0.0.1", "10.0.1." + i), 0, 100 * i);
    }

    TopRows<Conversation> rows = table.snapshot(3);

    assertThat(rows.rows()).extracting(Conversation::b).containsExactly("10.0.1.4", "10.0.1.3", "10.0.1.2");
    assertThat(rows.total()).isEqualTo(4);
    assertThat(rows.omitted()).isEqualTo(1);
  }

  @Test
  void shouldKeepMemoryBoundedAndTotalsExactUnderAFloodOfRandomPairs() {
    int cap = 5_000;
    ConversationTable table = new ConversationTable(cap);
    SplittableRandom random = new SplittableRandom(7);
    DecodedFrame frame = Fixtures.empty();
    long bytes = 0;
    for (int i = 0; i < 1_000_000; i++) {
      frame.reset();
      if (i % 3 == 0) {
        FrameFixture.on(frame).withIpv6(random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong());
      } else {
        FrameFixture.on(frame).withIpv4(random.nextInt(), random.nextInt());
      }
      table.record(frame, i, 100 + i % 7);
      bytes += 100 + i % 7;
    }

    TopRows<Conversation> rows = table.snapshot(0);

    assertThat(rows.total()).isBetween(2L * cap + 1, 2L * cap + 1 + 2L * HeavyHitters.SETS * HeavyHitters.WAYS);
    long sketches = (long) HeavyHitters.SETS * HeavyHitters.WAYS * ((2 + 1 + 6) + (2 + 4 + 6)) * 8;
    long filters = CounterTable.slotsFor(cap) * 2L * CounterTable.FILTER_BITS_PER_SLOT / 8;
    assertThat(table.memoryBytes()).isEqualTo(CounterTable.slotsFor(cap) * (8L + 11L) * 8 + filters + sketches);
    assertThat(rows.rows().stream().mapToLong(c -> c.packetsAToB() + c.packetsBToA()).sum()).isEqualTo(1_000_000);
    assertThat(rows.rows().stream().mapToLong(c -> c.bytesAToB() + c.bytesBToA()).sum()).isEqualTo(bytes);
    Conversation other = rows.rows().get(0);
    assertThat(other.a()).isEqualTo("other");
    assertThat(other.b()).isEqualTo("other");
    assertThat(other.lastTimestamp()).isEqualTo("0.000999999");
  }

  @Test
  void shouldGiveALateHeavyConversationItsRowDespiteAFloodOfNewPairs() {
    ConversationTable table = new ConversationTable(100);
    SplittableRandom random = new SplittableRandom(21);
    for (int i = 0; i < 100; i++) {
      table.record(Fixtures.ipv4Of(0x0a010000 + i, v4("10.0.0.1")), i, 60); // the table fills
    }
    long packets = 100;
    for (int i = 0; i < 100_000; i++) {
      table.record(Fixtures.ipv4Of(random.nextInt(), random.nextInt()), 1_000 + i, 54); // spoofed pairs
      packets++;
      if (i % 50 == 0) {
        table.record(Fixtures.ipv4Of(v4("198.51.100.7"), v4("192.0.2.80")), 1_000 + i, 1500); // 2,000 packets
        packets++;
      }
    }

    List<Conversation> top = table.snapshot(2).rows();

    assertThat(top).extracting(Conversation::a).containsExactly("other", "192.0.2.80");
    Conversation heavy = top.get(1);
    assertThat(heavy.b()).isEqualTo("198.51.100.7");
    assertThat(heavy.packetsBToA()).isEqualTo(2_000); // exact: its sketch set never evicted it
    assertThat(heavy.firstTimestamp()).isEqualTo("0.000001000");
    assertThat(table.snapshot(0).rows().stream().mapToLong(c -> c.packetsAToB() + c.packetsBToA()).sum())
        .isEqualTo(packets);
  }

  @Test
  void shouldMergeAsIfTheOtherTablesFramesCameAfter() {
    ConversationTable first = new ConversationTable();
    first.record(ipv4("10.0.0.1", "10.0.0.2"), 2 * SECOND, 100);
    ConversationTable second = new ConversationTable();
    second.record(ipv4("10.0.0.2", "10.0.0.1"), 1 * SECOND, 50);
    second.record(ipv4("10.0.0.3", "10.0.0.4"), 4 * SECOND, 10);

    first.merge(second);

    assertThat(first.snapshot(0).rows()).containsExactly(
        new Conversation("10.0.0.1", "10.0.0.2", 1, 1, 100, 50, "2.000000000", "1.000000000"),
        new Conversation("10.0.0.3", "10.0.0.4", 1, 0, 10, 0, "4.000000000", "4.000000000"));
  }
}
