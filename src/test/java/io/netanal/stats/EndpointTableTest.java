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

class EndpointTableTest {

  @Test
  void shouldCountSourceAsSenderAndDestinationAsReceiver() {
    EndpointTable table = new EndpointTable();
    table.record(ipv4("10.0.0.1", "10.0.0.2"), 100);
    table.record(ipv4("10.0.0.1", "10.0.0.2"), 60);
    table.record(ipv4("10.0.0.2", "10.0.0.1"), 40);

    TopRows<Endpoint> rows = table.snapshot(0);

    assertThat(rows.rows()).containsExactly(
        new Endpoint("10.0.0.1", 2, 1, 160, 40),
        new Endpoint("10.0.0.2", 1, 2, 40, 160));
    assertThat(rows.total()).isEqualTo(2);
    assertThat(rows.omitted()).isZero();
  }

  @Test
  void shouldCountARecurringAddressInItsSlotWhenTheTableGrewThroughFramesMeanwhile() {
    EndpointTable table = new EndpointTable(1_000); // grows from 256 slots several times, then fills
    int target = (10 << 24) | 1;
    for (int i = 0; i < 3_000; i++) {
      table.record(ipv4("172.16." + (i >> 8) + "." + (i & 0xff), "10.0.0.2"), 60); // grows the table
      table.countIpv4(table.ipv4Slot(target), target, EndpointTable.RECEIVED, 60);
    }

    List<Endpoint> rows = table.snapshot(0).rows();
    assertThat(rows.subList(0, 2)).containsExactly(new Endpoint("10.0.0.1", 0, 3_000, 0, 180_000),
        new Endpoint("10.0.0.2", 0, 3_000, 0, 180_000));
    // 998 sources fit beside the two; the sketch has room for the 2,002 turned away, so counts them exactly.
    assertThat(rows.subList(2, rows.size())).hasSize(3_000)
        .allSatisfy(e -> assertThat(e).isEqualTo(new Endpoint(e.address(), 1, 0, 60, 0)));
    assertThat(table.overflowed()).isTrue();
  }

  @Test
  void shouldCountIpv6AddressesInTheSameTable() {
    EndpointTable table = new EndpointTable();
    table.record(ipv6("2001:db8::1", "fe80::2"), 80);
    table.record(ipv4("192.0.2.1", "192.0.2.2"), 70);

    assertThat(table.snapshot(0).rows()).containsExactly(
        new Endpoint("2001:db8::1", 1, 0, 80, 0),
        new Endpoint("fe80::2", 0, 1, 0, 80),
        new Endpoint("192.0.2.1", 1, 0, 70, 0),
        new Endpoint("192.0.2.2", 0, 1, 0, 70));
  }

  @Test
  void shouldCountEveryIpLayerOfATunnelledFrame() {
    EndpointTable table = new EndpointTable();
    DecodedFrame tunnelled = FrameFixture.on(ipv4("10.0.0.1", "10.0.0.2"))
        .withIpv6(0x20010db800000000L, 1, 0x20010db800000000L, 2).frame();

    table.record(tunnelled, 200);

    assertThat(table.snapshot(0).rows()).extracting(Endpoint::address)
        .containsExactly("10.0.0.1", "10.0.0.2", "2001:db8::1", "2001:db8::2");
  }

  @Test
  void shouldCountAnAddressTwiceWhenBothLayersCarryIt() {
    EndpointTable table = new EndpointTable();
    DecodedFrame tunnelled = FrameFixture.on(ipv4("10.0.0.1", "10.0.0.2")).withIpv4(v4("10.0.0.1"), v4("10.0.0.3"))
        .frame();

    table.record(tunnelled, 100);

    assertThat(table.snapshot(0).rows()).containsExactly(
        new Endpoint("10.0.0.1", 2, 0, 200, 0),
        new Endpoint("10.0.0.2", 0, 1, 0, 100),
        new Endpoint("10.0.0.3", 0, 1, 0, 100));
  }

  @Test
  void shouldSortByPacketsThenBytesThenAddressText() {
    EndpointTable table = new EndpointTable();
    table.record(ipv4("10.0.0.9", "10.0.0.10"), 100); // tie on packets and bytes: text order puts .10 first
    table.record(ipv4("10.0.0.5", "10.0.0.6"), 300); // one packet each, more bytes
    table.record(ipv4("10.0.0.1", "10.0.0.7"), 10);
    table.record(ipv4("10.0.0.1", "10.0.0.7"), 10); // two packets each, fewest bytes

    assertThat(table.snapshot(0).rows()).extracting(Endpoint::address)
        .containsExactly("10.0.0.1", "10.0.0.7", "10.0.0.5", "10.0.0.6", "10.0.0.10", "10.0.0.9");
  }

  @Test
  void shouldCutToTopAndSayHowManyWereLeftOut() {
    EndpointTable table = new EndpointTable();
    for (int i = 1; i <= 5; i++) {
      table.record(ipv4("10.0.0." + i, "10.0.1.1"), 100);
    }

    TopRows<Endpoint> rows = table.snapshot(2);

    assertThat(rows.rows()).extracting(Endpoint::address).containsExactly("10.0.1.1", "10.0.0.1");
    assertThat(rows.total()).isEqualTo(6);
    assertThat(rows.omitted()).isEqualTo(4);
  }

  @Test
  void shouldCutToTheSameFirstRowsAsAFullSortWhateverTheTies() {
    EndpointTable table = new EndpointTable(3_000);
    SplittableRandom random = new SplittableRandom(8);
    for (int i = 0; i < 20_000; i++) {
      // few distinct counts, so that many rows tie on packets and bytes and the address text decides
      table.record(Fixtures.ipv4Of(0x0a000000 + random.nextInt(5_000), 0x0a000000 + random.nextInt(50)),
          random.nextInt(3) * 100);
    }
    List<Endpoint> all = table.snapshot(0).rows();

    for (int top : new int[] {1, 7, 50, 2_999, 3_001, 10_000}) {
      TopRows<Endpoint> cut = table.snapshot(top);
      assertThat(cut.rows()).as("top " + top).isEqualTo(all.subList(0, Math.min(top, all.size())));
      assertThat(cut.total()).isEqualTo(all.size());
      assertThat(cut.omitted()).isEqualTo(all.size() - cut.rows().size());
    }
  }

  @Test
  void shouldCountNewAddressesTheSketchCannotVouchForAsOtherOnceFull() {
    EndpointTable table = new EndpointTable(2);
    table.record(ipv4("10.0.0.1", "10.0.0.2"), 100);
    // 10.0.0.3 does not fit. Then enough one-packet addresses to fill every set of the sketch, several times over:
    // none of them, nor 10.0.0.3, is heavier than what the sketch forgot.
    table.record(ipv4("10.0.0.3", "10.0.0.1"), 50);
    for (int i = 0; i < 8 * HeavyHitters.SETS * HeavyHitters.WAYS; i++) {
      table.record(ipv4("10.0.0.1", "10.0.0.2"), 0); // known: counted in its row
      table.record(Fixtures.ipv4Of(0x0b000000 + i, v4("10.0.0.2")), 1);
    }
    table.record(ipv6("::1", "::2"), 10); // IPv6 has its own cap

    long flood = 8L * HeavyHitters.SETS * HeavyHitters.WAYS;
    assertThat(table.snapshot(0).rows()).containsExactly(
        new Endpoint("10.0.0.2", 0, 1 + 2 * flood, 0, 100 + flood),
        new Endpoint("10.0.0.1", 1 + flood, 1, 100, 50),
        new Endpoint("other", 1 + flood, 0, 50 + flood, 0),
        new Endpoint("::1", 1, 0, 10, 0),
        new Endpoint("::2", 0, 1, 0, 10));
  }

  @Test
  void shouldCountAFewAddressesPastTheCapExactlyInTheSketch() {
    EndpointTable table = new EndpointTable(2);
    table.record(ipv4("10.0.0.1", "10.0.0.2"), 100);
    table.record(ipv4("10.0.0.3", "10.0.0.1"), 50); // 10.0.0.3 does not fit; its sketch set has room: exact

    assertThat(table.snapshot(0).rows()).containsExactly(
        new Endpoint("10.0.0.1", 1, 1, 100, 50),
        new Endpoint("10.0.0.2", 0, 1, 0, 100),
        new Endpoint("10.0.0.3", 1, 0, 50, 0));
  }

  @Test
  void shouldGiveALateHeavyHitterItsRowAmongTheTopDespiteAFloodOfNewAddresses() {
    int cap = 1_000;
    EndpointTable table = new EndpointTable(cap);
    SplittableRandom random = new SplittableRandom(12);
    int server = v4("10.0.0.1");
    for (int i = 0; i < cap; i++) {
      table.record(Fixtures.ipv4Of(0x0a010000 + i, server), 60); // the table fills with 1,000 clients
    }
    // Then a spoofed flood of 200,000 one-packet sources, and among it one late heavy sender: 2,000 packets,
    // 1% of the flood, far above the sketch's typical bound of 1/4096 of the traffic turned away.
    int heavy = v4("203.0.113.9");
    long packets = cap;
    long bytes = 60L * cap;
    for (int i = 0; i < 200_000; i++) {
      table.record(Fixtures.ipv4Of(random.nextInt(), server), 54);
      packets++;
      bytes += 54;
      if (i % 100 == 50) {
        table.record(Fixtures.ipv4Of(heavy, server), 1500);
        packets++;
        bytes += 1500;
      }
    }

    TopRows<Endpoint> top = table.snapshot(3);

    assertThat(top.rows()).extracting(Endpoint::address).containsExactly("10.0.0.1", "other", "203.0.113.9");
    Endpoint heavyRow = top.rows().get(2);
    // Counted from the heavy sender's first packet on: its set never evicted it, so the count is exact here;
    // in general a sketch row may be short by at most its entry's error (packets before it entered).
    assertThat(heavyRow.packetsSent()).isEqualTo(2_000);
    assertThat(heavyRow.bytesSent()).isEqualTo(2_000L * 1500);
    // Totals stay exact over every row, sketch rows and other included.
    List<Endpoint> all = table.snapshot(0).rows();
    assertThat(all.stream().mapToLong(Endpoint::packetsSent).sum()).isEqualTo(packets);
    assertThat(all.stream().mapToLong(Endpoint::bytesSent).sum()).isEqualTo(bytes);
    assertThat(all.stream().mapToLong(Endpoint::packetsReceived).sum()).isEqualTo(packets);
    assertThat(all.stream().filter(e -> e.address().startsWith("203.0.113."))).hasSize(1);
  }

  @Test
  void shouldKeepMemoryBoundedAndTotalsExactUnderAFloodOfRandomAddresses() {
    int cap = 10_000;
    EndpointTable table = new EndpointTable(cap);
    SplittableRandom random = new SplittableRandom(42);
    DecodedFrame frame = Fixtures.empty();
    long packets = 0;
    long bytes = 0;
    for (int i = 0; i < 1_000_000; i++) {
      frame.reset();
      if (i % 4 == 0) {
        FrameFixture.on(frame).withIpv6(random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong());
      } else {
        FrameFixture.on(frame).withIpv4(random.nextInt(), random.nextInt());
      }
      int length = 60 + random.nextInt(1400);
      table.record(frame, length);
      packets++;
      bytes += length;
    }

    TopRows<Endpoint> rows = table.snapshot(0);

    // Both tables full, a few rows the sketches vouch for, and other.
    assertThat(rows.total()).isBetween(2L * cap + 1, 2L * cap + 1 + 2L * HeavyHitters.SETS * HeavyHitters.WAYS);
    long sketches = (long) HeavyHitters.SETS * HeavyHitters.WAYS * ((2 + 1 + 4) + (2 + 2 + 4)) * 8;
    long filters = CounterTable.slotsFor(cap) * 2L * CounterTable.FILTER_BITS_PER_SLOT / 8;
    assertThat(table.memoryBytes()).isEqualTo(CounterTable.slotsFor(cap) * (6L + 7L) * 8 + filters + sketches);
    assertThat(rows.rows().stream().mapToLong(Endpoint::packetsSent).sum()).isEqualTo(packets);
    assertThat(rows.rows().stream().mapToLong(Endpoint::packetsReceived).sum()).isEqualTo(packets);
    assertThat(rows.rows().stream().mapToLong(Endpoint::bytesSent).sum()).isEqualTo(bytes);
    assertThat(rows.rows().stream().mapToLong(Endpoint::bytesReceived).sum()).isEqualTo(bytes);
    assertThat(rows.rows().get(0).address()).isEqualTo("other");
  }

  @Test
  void shouldMergeCountsAndSendWhatNoLongerFitsToOther() {
    EndpointTable first = new EndpointTable(2);
    first.record(ipv4("10.0.0.1", "10.0.0.2"), 100);
    EndpointTable second = new EndpointTable(2);
    second.record(ipv4("10.0.0.1", "10.0.0.3"), 40);
    second.record(ipv4("10.0.0.4", "10.0.0.5"), 30); // both go to second's other

    assertThat(first.canAbsorb(second)).isFalse();
    first.merge(second);

    // 10.0.0.3 and second's two sketch rows no longer fit the table; first's sketch has room for all three.
    assertThat(first.snapshot(0).rows()).containsExactly(
        new Endpoint("10.0.0.1", 2, 0, 140, 0),
        new Endpoint("10.0.0.2", 0, 1, 0, 100),
        new Endpoint("10.0.0.3", 0, 1, 0, 40),
        new Endpoint("10.0.0.4", 1, 0, 30, 0),
        new Endpoint("10.0.0.5", 0, 1, 0, 30));
    assertThat(first.overflowed()).isTrue();
  }

  @Test
  void shouldAbsorbExactlyOnlyWhatFitsWithoutOverflow() {
    EndpointTable first = new EndpointTable(3);
    first.record(ipv4("10.0.0.1", "10.0.0.2"), 100);
    EndpointTable fits = new EndpointTable(3);
    fits.record(ipv4("10.0.0.2", "10.0.0.3"), 10); // one new address: 3 in all
    EndpointTable tooMany = new EndpointTable(3);
    tooMany.record(ipv4("10.0.0.3", "10.0.0.4"), 10); // two new addresses: 4 in all

    assertThat(first.canAbsorb(fits)).isTrue();
    assertThat(first.canAbsorb(tooMany)).isFalse();
  }
}
