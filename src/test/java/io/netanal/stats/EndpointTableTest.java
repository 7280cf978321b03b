package io.netanal.stats;

import static io.netanal.stats.Fixtures.ipv4;
import static io.netanal.stats.Fixtures.ipv6;
import static io.netanal.stats.Fixtures.v4;
import static org.assertj.core.api.Assertions.assertThat;

import io.netanal.decode.DecodedFrame;
import io.netanal.decode.FrameFixture;
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
  void shouldCountNewAddressesAsOtherOnceFull() {
    EndpointTable table = new EndpointTable(2);
    table.record(ipv4("10.0.0.1", "10.0.0.2"), 100);
    table.record(ipv4("10.0.0.3", "10.0.0.1"), 50); // 10.0.0.3 does not fit
    table.record(ipv6("::1", "::2"), 10); // IPv6 has its own cap

    assertThat(table.snapshot(0).rows()).containsExactly(
        new Endpoint("10.0.0.1", 1, 1, 100, 50),
        new Endpoint("10.0.0.2", 0, 1, 0, 100),
        new Endpoint("other", 1, 0, 50, 0),
        new Endpoint("::1", 1, 0, 10, 0),
        new Endpoint("::2", 0, 1, 0, 10));
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

    assertThat(rows.total()).isEqualTo(2L * cap + 1);
    assertThat(table.memoryBytes()).isEqualTo(CounterTable.slotsFor(cap) * (6L + 7L) * 8);
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

    first.merge(second);

    assertThat(first.snapshot(0).rows()).containsExactly(
        new Endpoint("other", 1, 2, 30, 70),
        new Endpoint("10.0.0.1", 2, 0, 140, 0),
        new Endpoint("10.0.0.2", 0, 1, 0, 100));
  }
}
