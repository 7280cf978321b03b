package io.netanal.decode;

import static io.netanal.decode.Fixtures.decode;
import static io.netanal.decode.Fixtures.ethernet;
import static io.netanal.decode.Fixtures.ipv4;
import static io.netanal.decode.Fixtures.udp;
import static org.assertj.core.api.Assertions.assertThat;

import io.netanal.frame.LinkType;
import org.junit.jupiter.api.Test;

/** CAPWAP data channel packets on UDP 5247, carrying 802.11 or Ethernet frames. */
class CapwapDecoderTest {
  /** An 802.11 data frame to the DS, frame control bytes swapped as CAPWAP access points send them (24 bytes). */
  private static final String SWAPPED_WLAN_DATA = "01" // frame control flags: ToDS (swapped to the front)
      + "08" // frame control: type data, subtype 0
      + "2c00" // duration
      + "580a20690e20" // address 1: BSSID
      + "1caba7f2139d" // address 2: source
      + "ffffffffffff" // address 3: destination
      + "0000"; // sequence control
  private static final String SNAP_IPV4 = "aaaa03" // LLC: DSAP SNAP, SSAP SNAP, control UI
      + "000000" // SNAP OUI: encapsulated Ethernet
      + "0800"; // EtherType IPv4
  private static final String BOOTP_START = "01010600"; // BOOTP op request, htype Ethernet, hlen 6, hops 0

  @Test
  void shouldDecodeNativeIeee80211PayloadThroughLlcIntoInnerIp() {
    DecodedFrame out = decode(LinkType.IPV4,
        ipv4(17, 8 + 16 + 24 + 8 + 20 + 8 + 4, "c0a80a0a", "c0a80a09"), // outer IPv4, UDP
        udp(12380, 5247, 16 + 24 + 8 + 20 + 8 + 4), // UDP to the CAPWAP data port
        "00", // preamble: version 0, type 0 (CAPWAP header)
        "204320", // HLEN 4 (16 bytes), RID 1, WBID 1 (802.11), flags T (native frame) and W
        "0000", // fragment ID
        "0000", // fragment offset 0, reserved
        "01", // wireless specific information: length 1
        "04", // wireless data
        "ed4d00000000", // padding to HLEN
        SWAPPED_WLAN_DATA, // 802.11 data frame
        SNAP_IPV4, // LLC/SNAP, IPv4
        ipv4(17, 8 + 4, "00000000", "ffffffff"), // inner IPv4 0.0.0.0 -> 255.255.255.255, UDP
        udp(68, 67, 4), // inner UDP, DHCP client to server
        BOOTP_START); // BOOTP request
    assertThat(out.has(Protocol.WLAN)).isTrue();
    assertThat(out.has(Protocol.LLC)).isTrue();
    assertThat(out.has(Protocol.DHCP)).isTrue();
    assertThat(out.ipCount()).isEqualTo(2);
    assertThat(out.ipv4Source(1)).isEqualTo(0);
    assertThat(out.ipv4Destination(1)).isEqualTo(0xffffffff);
    assertThat(out.destinationPort()).isEqualTo(67);
    assertThat(out.status()).isEqualTo(DecodeStatus.OK);
  }

  @Test
  void shouldDecodeEthernetPayloadWhenTypeBitIsClear() {
    DecodedFrame out = decode(LinkType.IPV4,
        ipv4(17, 8 + 8 + 14 + 28), // outer IPv4, UDP
        udp(5247, 40000, 8 + 14 + 28), // UDP from the CAPWAP data port
        "00", // preamble: version 0, type 0
        "104200", // HLEN 2 (8 bytes), RID 1, WBID 1, no flags: T=0, an 802.3 frame
        "0000", // fragment ID
        "0000", // fragment offset 0, reserved
        ethernet(0x0800), // inner Ethernet, IPv4
        ipv4(1, 8, "0b000001", "0b000002"), // inner IPv4, ICMP
        "0800f7ff00000000"); // ICMP echo request
    assertThat(out.has(Protocol.ETH)).isTrue();
    assertThat(out.has(Protocol.WLAN)).isFalse();
    assertThat(out.has(Protocol.ICMP)).isTrue();
    assertThat(out.ipCount()).isEqualTo(2);
    assertThat(out.ipv4Source(1)).isEqualTo(0x0b000001);
    assertThat(out.status()).isEqualTo(DecodeStatus.OK);
  }

  @Test
  void shouldStopAtFragmentOtherThanTheFirst() {
    DecodedFrame out = decode(LinkType.IPV4,
        ipv4(17, 8 + 8 + 24), // outer IPv4, UDP
        udp(12380, 5247, 8 + 24), // UDP to the CAPWAP data port
        "00", // preamble: version 0, type 0
        "104380", // HLEN 2, RID 1, WBID 1, flags T and F (fragment)
        "0007", // fragment ID 7
        "0320", // fragment offset 100 (8-byte units), reserved
        SWAPPED_WLAN_DATA); // bytes that would read as an 802.11 header, but lie mid-frame
    assertThat(out.has(Protocol.WLAN)).isFalse();
    assertThat(out.ipCount()).isEqualTo(1);
    assertThat(out.status()).isEqualTo(DecodeStatus.OK);
  }

  @Test
  void shouldDecodeFirstFragmentAsFarAsItsBytesGo() {
    DecodedFrame out = decode(LinkType.IPV4,
        ipv4(17, 8 + 8 + 24), // outer IPv4, UDP
        udp(12380, 5247, 8 + 24), // UDP to the CAPWAP data port
        "00", // preamble: version 0, type 0
        "104380", // HLEN 2, RID 1, WBID 1, flags T and F (fragment)
        "0007", // fragment ID 7
        "0000", // fragment offset 0: the first fragment
        SWAPPED_WLAN_DATA); // 802.11 data frame header, body in the next fragment
    assertThat(out.has(Protocol.WLAN)).isTrue();
    assertThat(out.has(Protocol.LLC)).isFalse();
    assertThat(out.status()).isEqualTo(DecodeStatus.OK);
  }

  @Test
  void shouldStopAtKeepAlive() {
    DecodedFrame out = decode(LinkType.IPV4,
        ipv4(17, 8 + 8 + 20), // outer IPv4, UDP
        udp(12380, 5247, 8 + 20), // UDP to the CAPWAP data port
        "00", // preamble: version 0, type 0
        "104008", // HLEN 2, RID 1, WBID 0, flag K (keep-alive)
        "0000", // fragment ID
        "0000", // fragment offset 0, reserved
        "0023", // message element type 35: Session ID
        "0010", // message element length 16
        "000102030405060708090a0b0c0d0e0f"); // session ID
    assertThat(out.has(Protocol.ETH)).isFalse();
    assertThat(out.has(Protocol.WLAN)).isFalse();
    assertThat(out.ipCount()).isEqualTo(1);
    assertThat(out.status()).isEqualTo(DecodeStatus.OK);
  }

  @Test
  void shouldStopAtDtlsPreamble() {
    DecodedFrame out = decode(LinkType.IPV4,
        ipv4(17, 8 + 4 + 13), // outer IPv4, UDP
        udp(12380, 5247, 4 + 13), // UDP to the CAPWAP data port
        "01", // preamble: version 0, type 1 (a DTLS record follows)
        "000000", // reserved
        "17", // DTLS content type: application data
        "fefd", // DTLS 1.2
        "0001", // epoch
        "000000000001", // sequence number
        "0000"); // record length
    assertThat(out.has(Protocol.ETH)).isFalse();
    assertThat(out.has(Protocol.WLAN)).isFalse();
    assertThat(out.status()).isEqualTo(DecodeStatus.OK);
  }

  @Test
  void shouldCountTruncatedFrameWhenCapwapHeaderShorterThanEightBytes() {
    DecodedFrame out = decode(LinkType.IPV4,
        ipv4(17, 8 + 5), // outer IPv4, UDP
        udp(12380, 5247, 5), // UDP to the CAPWAP data port
        "00", // preamble: version 0, type 0
        "104300", // HLEN 2, RID 1, WBID 1, flag T
        "00"); // first byte of the fragment ID: the capture ends here
    assertThat(out.has(Protocol.WLAN)).isFalse();
    assertThat(out.status()).isEqualTo(DecodeStatus.TRUNCATED);
  }

  @Test
  void shouldCountTruncatedFrameWhenHlenRunsPastCapturedBytes() {
    DecodedFrame out = decode(LinkType.IPV4,
        ipv4(17, 8 + 10), // outer IPv4, UDP
        udp(12380, 5247, 10), // UDP to the CAPWAP data port
        "00", // preamble: version 0, type 0
        "204320", // HLEN 4 (16 bytes), RID 1, WBID 1, flags T and W
        "0000", // fragment ID
        "0000", // fragment offset 0, reserved
        "0104"); // wireless information length 1, data: the capture ends here
    assertThat(out.has(Protocol.WLAN)).isFalse();
    assertThat(out.status()).isEqualTo(DecodeStatus.TRUNCATED);
  }

  @Test
  void shouldCountMalformedFrameWhenHlenIsShorterThanFixedHeader() {
    DecodedFrame out = decode(LinkType.IPV4,
        ipv4(17, 8 + 8), // outer IPv4, UDP
        udp(12380, 5247, 8), // UDP to the CAPWAP data port
        "00", // preamble: version 0, type 0
        "084300", // HLEN 1 (4 bytes, less than the 8 the fixed header takes), RID 1, WBID 1, flag T
        "0000", // fragment ID
        "0000"); // fragment offset 0, reserved
    assertThat(out.has(Protocol.WLAN)).isFalse();
    assertThat(out.status()).isEqualTo(DecodeStatus.MALFORMED);
  }
}
