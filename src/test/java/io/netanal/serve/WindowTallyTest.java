package io.netanal.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.netanal.decode.DecodedFrame;
import io.netanal.decode.FrameFixture;
import io.netanal.decode.Protocol;
import io.netanal.store.ProtocolWindowRow;
import io.netanal.store.SourceWindowRow;
import io.netanal.store.TrafficWindowRow;
import io.netanal.store.WindowSize;
import org.junit.jupiter.api.Test;

class WindowTallyTest {
  private static final long SECOND = 1_000_000_000L;
  private static final long T0 = 1_699_999_920L; // a multiple of 180 s, so every window size starts here
  private static final int IP_10_0_0_1 = 0x0a000001;
  private static final int IP_10_0_0_2 = 0x0a000002;

  private static DecodedFrame udp(int source, int destination) {
    return new FrameFixture().withProtocol(Protocol.ETH).withProtocol(Protocol.IP).withProtocol(Protocol.UDP)
        .withIpv4(source, destination).frame();
  }

  @Test
  void shouldCountSourcesPastTheCapInTheirWindowsOtherRow() {
    WindowTally tally = new WindowTally();
    for (int i = 0; i < SourceCounters.MAX_KEYS; i++) {
      tally.frame(T0 * SECOND, 60, 100, null, 0, udp(IP_10_0_0_1 + 2 + i, IP_10_0_0_2));
    }
    tally.frame(T0 * SECOND, 60, 100, null, 0, udp(IP_10_0_0_1, IP_10_0_0_2)); // past the cap: other
    tally.frame(T0 * SECOND, 60, 100, null, 0, udp(IP_10_0_0_1 + 2, IP_10_0_0_2)); // known: its own row

    assertThat(tally.sources()).filteredOn(r -> r.window() == WindowSize.FIVE_SECONDS)
        .hasSize(SourceCounters.MAX_KEYS + 1)
        .contains(new SourceWindowRow(WindowSize.FIVE_SECONDS, T0, WindowTally.OTHER, 1, 100),
            new SourceWindowRow(WindowSize.FIVE_SECONDS, T0, "10.0.0.3", 2, 200))
        .noneMatch(r -> r.address().equals("10.0.0.1"));
  }

  @Test
  void shouldCountEachFrameInTheFiveSecondWindowOfItsTimestamp() {
    WindowTally tally = new WindowTally();
    tally.frame(T0 * SECOND, 60, 100, null, 0, udp(IP_10_0_0_1, IP_10_0_0_2));
    tally.frame((T0 + 4) * SECOND + 999_999_999, 60, 200, null, 0, udp(IP_10_0_0_1, IP_10_0_0_2));
    tally.frame((T0 + 5) * SECOND, 60, 300, null, 0, udp(IP_10_0_0_2, IP_10_0_0_1));

    assertThat(tally.traffic()).filteredOn(r -> r.window() == WindowSize.FIVE_SECONDS).containsExactly(
        new TrafficWindowRow(WindowSize.FIVE_SECONDS, T0, 2, 300),
        new TrafficWindowRow(WindowSize.FIVE_SECONDS, T0 + 5, 1, 300));
    assertThat(tally.sources()).filteredOn(r -> r.window() == WindowSize.FIVE_SECONDS).containsExactly(
        new SourceWindowRow(WindowSize.FIVE_SECONDS, T0, "10.0.0.1", 2, 300),
        new SourceWindowRow(WindowSize.FIVE_SECONDS, T0 + 5, "10.0.0.2", 1, 300));
    assertThat(tally.firstNanos()).isEqualTo(T0 * SECOND);
    assertThat(tally.lastNanos()).isEqualTo((T0 + 5) * SECOND);
  }

  @Test
  void shouldCountWireLengthsAbove2To31AsUnsigned() {
    WindowTally tally = new WindowTally();
    tally.frame(T0 * SECOND, 60, 0x8000_0000L, null, 0, udp(IP_10_0_0_1, IP_10_0_0_2)); // pcap's orig_len 2^31

    assertThat(tally.traffic()).filteredOn(r -> r.window() == WindowSize.FIVE_SECONDS)
        .containsExactly(new TrafficWindowRow(WindowSize.FIVE_SECONDS, T0, 1, 2_147_483_648L));
    assertThat(tally.sources()).filteredOn(r -> r.window() == WindowSize.FIVE_SECONDS)
        .containsExactly(new SourceWindowRow(WindowSize.FIVE_SECONDS, T0, "10.0.0.1", 1, 2_147_483_648L));
  }

  @Test
  void shouldMergeFiveSecondWindowsIntoThirtySecondAndThreeMinuteRows() {
    WindowTally tally = new WindowTally();
    tally.frame(T0 * SECOND, 60, 100, null, 0, udp(IP_10_0_0_1, IP_10_0_0_2));
    tally.frame((T0 + 29) * SECOND, 60, 100, null, 0, udp(IP_10_0_0_1, IP_10_0_0_2));
    tally.frame((T0 + 30) * SECOND, 60, 100, null, 0, udp(IP_10_0_0_1, IP_10_0_0_2));

    assertThat(tally.sources()).filteredOn(r -> r.window() != WindowSize.FIVE_SECONDS).containsExactly(
        new SourceWindowRow(WindowSize.THIRTY_SECONDS, T0, "10.0.0.1", 2, 200),
        new SourceWindowRow(WindowSize.THIRTY_SECONDS, T0 + 30, "10.0.0.1", 1, 100),
        new SourceWindowRow(WindowSize.THREE_MINUTES, T0, "10.0.0.1", 3, 300));
  }

  @Test
  void shouldCountNonIpFramesInTrafficAndProtocolsButUnderNoSource() {
    WindowTally tally = new WindowTally();
    DecodedFrame arp = new FrameFixture().withProtocol(Protocol.ETH).withProtocol(Protocol.ARP).frame();
    tally.frame(T0 * SECOND, 42, 42, null, 0, arp);

    assertThat(tally.traffic()).contains(new TrafficWindowRow(WindowSize.FIVE_SECONDS, T0, 1, 42));
    assertThat(tally.protocols()).filteredOn(r -> r.window() == WindowSize.FIVE_SECONDS).containsExactly(
        new ProtocolWindowRow(WindowSize.FIVE_SECONDS, T0, "eth", "link", 1, 42),
        new ProtocolWindowRow(WindowSize.FIVE_SECONDS, T0, "arp", "network", 1, 42));
    assertThat(tally.sources()).isEmpty();
  }

  @Test
  void shouldNameIpv6SourcesAsTheReportsDo() {
    WindowTally tally = new WindowTally();
    DecodedFrame ipv6 = new FrameFixture().withProtocol(Protocol.IPV6).withIpv6(0, 1, 0, 2).frame();
    tally.frame(T0 * SECOND, 60, 80, null, 0, ipv6);

    assertThat(tally.sources()).first().isEqualTo(new SourceWindowRow(WindowSize.FIVE_SECONDS, T0, "::1", 1, 80));
  }

  @Test
  void shouldFloorWindowsBeforeTheEpoch() {
    WindowTally tally = new WindowTally();
    tally.frame(-1, 60, 80, null, 0, udp(IP_10_0_0_1, IP_10_0_0_2));

    assertThat(tally.traffic()).first().isEqualTo(new TrafficWindowRow(WindowSize.FIVE_SECONDS, -5, 1, 80));
  }

  @Test
  void shouldKeepCountsExactWhenTheSourceTableGrows() {
    WindowTally tally = new WindowTally();
    for (int i = 0; i < 5000; i++) {
      tally.frame((T0 + i % 7) * SECOND, 60, 10, null, 0, udp(IP_10_0_0_1 + i % 1000, IP_10_0_0_2));
    }

    assertThat(tally.sources()).filteredOn(r -> r.window() == WindowSize.THREE_MINUTES).hasSize(1000)
        .allSatisfy(r -> assertThat(r.packets()).isEqualTo(5));
    assertThat(tally.sources()).filteredOn(r -> r.window() == WindowSize.FIVE_SECONDS)
        .extracting(SourceWindowRow::packets)
        .satisfies(p -> assertThat(p.stream().mapToLong(Long::longValue).sum()).isEqualTo(5000));
  }
}
