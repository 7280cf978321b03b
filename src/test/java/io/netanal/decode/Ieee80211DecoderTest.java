package io.netanal.decode;

import static io.netanal.decode.Fixtures.decode;
import static io.netanal.decode.Fixtures.ipv4;
import static io.netanal.decode.Fixtures.udp;
import static org.assertj.core.api.Assertions.assertThat;

import io.netanal.frame.LinkType;
import org.junit.jupiter.api.Test;

/** 802.11 and radiotap. */
class Ieee80211DecoderTest {
  private static final String ADDRESSES = "001122334455" + "66778899aabb" + "ccddeeff0011"; // three MACs
  private static final String SNAP_IPV4 = "aa" + "aa" + "03" + "000000" + "0800"; // LLC/SNAP, EtherType IPv4

  @Test
  void shouldDecodeDataFrameThroughLlcSnapToUdp() {
    DecodedFrame out = decode(LinkType.IEEE802_11,
        "08", // frame control: type data, subtype 0
        "01", // flags: ToDS
        "0000", // duration
        ADDRESSES, // addresses 1-3
        "1000", // sequence control
        SNAP_IPV4, // LLC/SNAP, IPv4
        ipv4(17, 9), // IPv4, UDP
        udp(68, 67, 1), // UDP, BOOTP ports
        "01"); // BOOTP op request
    assertThat(out.status()).isEqualTo(DecodeStatus.OK);
    assertThat(out.has(Protocol.WLAN)).isTrue();
    assertThat(out.has(Protocol.LLC)).isTrue();
    assertThat(out.has(Protocol.UDP)).isTrue();
    assertThat(out.has(Protocol.DHCP)).isTrue();
  }

  @Test
  void shouldSkipFourthAddressQosAndHtControl() {
    DecodedFrame out = decode(LinkType.IEEE802_11,
        "88", // frame control: type data, subtype QoS data
        "83", // flags: ToDS, FromDS, Order
        "0000", // duration
        ADDRESSES, // addresses 1-3
        "1000", // sequence control
        "0a0b0c0d0e0f", // address 4
        "0000", // QoS control
        "00000000", // HT control
        SNAP_IPV4, // LLC/SNAP, IPv4
        ipv4(17, 8), // IPv4, UDP
        udp(1, 2, 0)); // UDP
    assertThat(out.status()).isEqualTo(DecodeStatus.OK);
    assertThat(out.has(Protocol.UDP)).isTrue();
  }

  @Test
  void shouldStopAtWlanForProtectedNullAndManagementFrames() {
    DecodedFrame protectedFrame = decode(LinkType.IEEE802_11,
        "08", // type data
        "41", // flags: ToDS, Protected
        "0000", // duration
        ADDRESSES, // addresses
        "1000", // sequence control
        "0123456789abcdef"); // encrypted body
    DecodedFrame nullData = decode(LinkType.IEEE802_11,
        "48", // type data, subtype null (no body)
        "01", // flags: ToDS
        "0000", // duration
        ADDRESSES, // addresses
        "1000"); // sequence control
    DecodedFrame beacon = decode(LinkType.IEEE802_11,
        "80", // type management, subtype beacon
        "00", // flags
        "0000", // duration
        ADDRESSES, // addresses
        "1000"); // sequence control
    for (DecodedFrame out : new DecodedFrame[] {protectedFrame, nullData, beacon}) {
      assertThat(out.status()).isEqualTo(DecodeStatus.OK);
      assertThat(out.protocols()).isEqualTo(1L << Protocol.WLAN);
    }
  }

  @Test
  void shouldReportTruncatedDataHeader() {
    DecodedFrame out = decode(LinkType.IEEE802_11,
        "88", // type data, subtype QoS data
        "00", // flags
        "0000", // duration
        ADDRESSES, // addresses
        "1000"); // sequence control, QoS control missing
    assertThat(out.status()).isEqualTo(DecodeStatus.TRUNCATED);
  }

  @Test
  void shouldSkipRadiotapByItsLittleEndianLength() {
    DecodedFrame out = decode(LinkType.IEEE802_11_RADIOTAP,
        "00", // version 0
        "00", // pad
        "0c00", // length 12, little-endian
        "04000000", // present: rate
        "02", // rate 1 Mb/s
        "000000", // padding to the length
        "08", // 802.11 frame control: type data
        "02", // flags: FromDS
        "0000", // duration
        ADDRESSES, // addresses
        "1000", // sequence control
        SNAP_IPV4, // LLC/SNAP, IPv4
        ipv4(17, 8), // IPv4, UDP
        udp(1, 2, 0)); // UDP
    assertThat(out.status()).isEqualTo(DecodeStatus.OK);
    assertThat(out.has(Protocol.RADIOTAP)).isTrue();
    assertThat(out.has(Protocol.WLAN_RADIO)).isTrue();
    assertThat(out.has(Protocol.WLAN)).isTrue();
    assertThat(out.has(Protocol.IP)).isTrue();
  }

  @Test
  void shouldReportMalformedRadiotapLengthBelowMinimum() {
    DecodedFrame out = decode(LinkType.IEEE802_11_RADIOTAP,
        "00", // version 0
        "00", // pad
        "0400", // length 4: less than the fixed 8 bytes
        "00000000"); // present
    assertThat(out.status()).isEqualTo(DecodeStatus.MALFORMED);
  }

  @Test
  void shouldReportTruncatedRadiotapLongerThanFrame() {
    DecodedFrame out = decode(LinkType.IEEE802_11_RADIOTAP,
        "00", // version 0
        "00", // pad
        "0001", // length 256, little-endian
        "00000000"); // present
    assertThat(out.status()).isEqualTo(DecodeStatus.TRUNCATED);
    assertThat(out.has(Protocol.WLAN)).isFalse();
  }
}
