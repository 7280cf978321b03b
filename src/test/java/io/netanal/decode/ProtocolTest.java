package io.netanal.decode;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProtocolTest {
  private static long bits(int... ids) {
    long mask = 0;
    for (int id : ids) {
      mask |= 1L << id;
    }
    return mask;
  }

  @Test
  void shouldNameTheHighestLayerProtocol() {
    assertThat(Protocol.highest(0)).isEqualTo(-1);
    assertThat(Protocol.highest(bits(Protocol.ETH, Protocol.VLAN))).isEqualTo(Protocol.VLAN);
    assertThat(Protocol.highest(bits(Protocol.ETH, Protocol.IP, Protocol.ICMP)))
        .isEqualTo(Protocol.ICMP);
    assertThat(Protocol.highest(bits(Protocol.ETH, Protocol.IP, Protocol.GRE, Protocol.TCP)))
        .isEqualTo(Protocol.TCP);
    assertThat(Protocol.highest(bits(Protocol.RADIOTAP, Protocol.WLAN))).isEqualTo(Protocol.WLAN);
    assertThat(Protocol.highest(bits(Protocol.SLL, Protocol.IP, Protocol.UDP, Protocol.DNS)))
        .isEqualTo(Protocol.DNS);
  }
}
