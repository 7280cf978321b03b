package io.netanal.decode;

import static io.netanal.decode.Fixtures.ascii;
import static io.netanal.decode.Fixtures.bytes;
import static io.netanal.decode.Fixtures.dnsQuery;
import static io.netanal.decode.Fixtures.ethernet;
import static io.netanal.decode.Fixtures.hex16;
import static io.netanal.decode.Fixtures.ipv4;
import static io.netanal.decode.Fixtures.ipv6;
import static io.netanal.decode.Fixtures.length;
import static io.netanal.decode.Fixtures.tcp;
import static io.netanal.decode.Fixtures.udp;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.netanal.frame.LinkType;
import io.netanal.pcap.CaptureFileReader;
import io.netanal.testing.TestData;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link CommonShapeDecoder} must leave every frame exactly as the layered decoders do: each test decodes the same
 * bytes both ways ({@link FrameDecoder#decode} and {@link FrameDecoder#decodeLayers}) and compares every field, the
 * fast frame first dirtied by a tunnelled frame so that a field the fast path forgets to write shows.
 */
class CommonShapeDecoderTest {
  private static final int LEADING_GARBAGE = 3;
  private static final long SEED = 0x636f6d6d6f6eL;
  private static final int MUTATIONS_PER_CORPUS_FRAME = 4;

  private final FrameDecoder decoder = new FrameDecoder();
  private final DecodedFrame fast = new DecodedFrame();
  private final DecodedFrame layered = new DecodedFrame();
  private final byte[] tunnelled = bytes(ethernet(0x0800), ipv4(47, 4 + 20 + 20 + 20), "00000800", // GRE to IPv4
      ipv4(4, 20 + 20), // IPv4 in IPv4
      ipv4(6, 20, "0a000003", "0a000004"), tcp(1, 2, 0x12));

  @Test
  void shouldDirtyTheFastFrameWithEveryFieldSet() {
    DecodedFrame dirty = Fixtures.decode(LinkType.ETHERNET, tunnelled);
    assertThat(dirty.status()).isEqualTo(DecodeStatus.OK);
    assertThat(dirty.ipCount()).isEqualTo(DecodedFrame.MAX_IP_LAYERS);
    assertThat(dirty.transportProtocol()).isEqualTo(6);
    assertThat(dirty.tcpSequence()).isEqualTo(1);
    assertThat((int) dirty.nesting).isGreaterThan(3);
  }

  @Test
  void shouldDecodeIpv4TcpAsTheLayersDo() {
    String http = ascii("GET / HTTP/1.1\r\n\r\n");
    assertAccepted(ethernet(0x0800), ipv4(6, 20 + length(http)), tcp(50000, 80, 0x18), http);
  }

  @Test
  void shouldDecodeTcpWithOptionsAndTlsAsTheLayersDo() {
    assertAccepted(ethernet(0x0800), ipv4(6, 24 + 9),
        "c35001bb", // ports 50000 -> 443
        "00000001", "00000002", // sequence, acknowledgment
        "6018", "0100", "0000", "0000", // data offset 6, PSH ACK, window 256, checksum, urgent pointer
        "01010101", // options: four NOPs
        "1603030004", "0e000000"); // a TLS handshake record: tls
  }

  @Test
  void shouldDecodeVlanTaggedIpv4UdpDnsAsTheLayersDo() {
    assertAccepted(ethernet(0x8100),
        "2064", // PCP 1, VLAN 100
        hex16(0x0800), ipv4(17, 8 + length(dnsQuery())), udp(40000, 53, length(dnsQuery())), dnsQuery());
  }

  @Test
  void shouldDecodeIpv6TcpAndUdpAsTheLayersDo() {
    assertAccepted(ethernet(0x86DD), ipv6(6, 20), tcp(50000, 443, 0x02));
    assertAccepted(ethernet(0x86DD), ipv6(17, 8 + 9), udp(50000, 443, 9), "c300000001", "08000000");
  }

  @Test
  void shouldDecodeUdpTunnelThroughTheClassifierAsTheLayersDo() {
    assertAccepted(ethernet(0x0800), ipv4(17, 8 + 8 + 14 + 20 + 8), udp(40000, 4789, 8 + 14 + 20 + 8),
        "0800000000006400", // VXLAN: flags I, VNI 100
        ethernet(0x0800), ipv4(17, 8), udp(53, 53, 0));
  }

  @Test
  void shouldDecodeSegmentationOffloadTotalLengthZeroAsTheLayersDo() {
    String header = ipv4(6, 20);
    assertAccepted(ethernet(0x0800), "45000000" + header.substring(8), tcp(1, 2, 0x10), "0102030405");
  }

  @Test
  void shouldLeavePaddingAfterTheTotalLengthAsTheLayersDo() {
    assertAccepted(ethernet(0x0800), ipv4(6, 20), tcp(1, 2, 0x10), "000000000000"); // 6 bytes of Ethernet padding
    assertAccepted(ethernet(0x0800), ipv4(17, 8), udp(1, 2, 0), "0000000000000000");
  }

  @Test
  void shouldAcceptUdpLengthCutBySnaplenAsTheLayersDo() {
    assertAccepted(ethernet(0x0800), ipv4(17, 8 + 100), udp(1, 2, 100), "0102");
  }

  @Test
  void shouldDeclineIpv4WithOptions() {
    assertDeclined(ethernet(0x0800),
        "4600002c", "12344000", "40110000", "0a000001", "0a000002", // IHL 6, total length 44, UDP
        "94040000", // router alert option
        udp(1, 2, 0));
  }

  @Test
  void shouldDeclineFragments() {
    assertDeclined(ethernet(0x0800), "45000024", "1234" + "2001", "40110000", "0a000001", "0a000002", // offset 1
        udp(1, 2, 8));
    assertDeclined(ethernet(0x86DD), ipv6(44, 8 + 8), "1100000100000001", udp(1, 2, 0)); // fragment header
  }

  @Test
  void shouldDeclineQinqAndOtherEtherTypes() {
    assertDeclined(ethernet(0x8100), "0064", hex16(0x8100), "0065", hex16(0x0800), ipv4(6, 20), tcp(1, 2, 2));
    assertDeclined(ethernet(0x88A8), "0064", hex16(0x0800), ipv4(6, 20), tcp(1, 2, 2));
    assertDeclined(ethernet(0x0806), "0001080006040001", "001122334455c0a80001", "000000000000c0a80002");
  }

  @Test
  void shouldDeclineTotalLengthBelowTheHeader() {
    assertDeclined(ethernet(0x0800), "45000013", "12344000", "40060000", "0a000001", "0a000002", tcp(1, 2, 2));
  }

  @Test
  void shouldDeclineAVersionSixHeaderUnderTheIpv4EtherType() {
    assertDeclined(ethernet(0x0800), ipv6(6, 20), tcp(1, 2, 2));
  }

  @Test
  void shouldDeclineIpv6UnderTheWrongVersion() {
    assertDeclined(ethernet(0x86DD), "4" + ipv6(6, 20).substring(1), tcp(1, 2, 2));
  }

  @Test
  void shouldDeclineOtherTransports() {
    assertDeclined(ethernet(0x0800), ipv4(1, 8), "0800000000010001"); // ICMP echo
    assertDeclined(ethernet(0x86DD), ipv6(0, 8 + 20), "0600000000000000", tcp(1, 2, 2)); // hop-by-hop
  }

  @Test
  void shouldDeclineTcpDataOffsetBelowMinimumOrPastThePacket() {
    String below = tcp(1, 2, 0x10).substring(0, 24) + "40" + tcp(1, 2, 0x10).substring(26);
    assertDeclined(ethernet(0x0800), ipv4(6, 20), below);
    String past = tcp(1, 2, 0x10).substring(0, 24) + "f0" + tcp(1, 2, 0x10).substring(26);
    assertDeclined(ethernet(0x0800), ipv4(6, 20), past, "0000000000000000"); // 60-byte header, 28 bytes there
  }

  @Test
  void shouldDeclineUdpLengthBelowTheHeaderOrPastTheIpPayload() {
    assertDeclined(ethernet(0x0800), ipv4(17, 8), "00010002" + "0007" + "0000"); // length 7
    assertDeclined(ethernet(0x0800), ipv4(17, 8 + 4), udp(1, 2, 8), "01020304", "0000000000000000"); // 16 > 12
  }

  @Test
  void shouldDeclineTransportHeadersCutByTheIpLength() {
    assertDeclined(ethernet(0x0800), ipv4(6, 12), tcp(1, 2, 2)); // 12 of TCP's 20 bytes inside the packet
    assertDeclined(ethernet(0x0800), ipv4(17, 4), udp(1, 2, 0)); // 4 of UDP's 8 bytes
  }

  @Test
  void shouldMatchTheLayersWhenCutAtEveryByte() {
    String http = ascii("GET / HTTP/1.1\r\n\r\n");
    String[][] frames = {
        {ethernet(0x0800), ipv4(6, 20 + length(http)), tcp(50000, 80, 0x18), http},
        {ethernet(0x8100), "0064", hex16(0x0800), ipv4(17, 8 + length(dnsQuery())), udp(40000, 53,
            length(dnsQuery())), dnsQuery()},
        {ethernet(0x86DD), ipv6(17, 8 + 9), udp(50000, 443, 9), "c300000001", "08000000"},
        {ethernet(0x86DD), ipv6(6, 20), tcp(22, 50000, 0x18)},
    };
    for (String[] fields : frames) {
      byte[] frame = bytes(fields);
      for (int length = 0; length <= frame.length; length++) {
        assertSameAsLayers("cut at " + length, Arrays.copyOf(frame, length));
      }
    }
  }

  @Test
  void shouldMatchTheLayersOnCorruptedSamples() {
    Random random = new Random(SEED);
    for (SampleFrames.Sample sample : SampleFrames.all()) {
      if (sample.linkType() != LinkType.ETHERNET) {
        continue;
      }
      assertSameAsLayers(sample.name(), sample.bytes());
      for (int i = 0; i < 200; i++) {
        assertSameAsLayers(sample.name() + " corrupted", FrameDecoderMutationTest.mutate(sample.bytes(), random));
      }
    }
  }

  @Test
  void shouldMatchTheLayersOnEveryCorpusFrame() throws Exception {
    Path pcaps = TestData.pcaps();
    Random random = new Random(SEED);
    int[] accepted = new int[1];
    int[] frames = new int[1];
    for (JsonNode file : TestData.readableCorpusFiles()) {
      try (CaptureFileReader reader = CaptureFileReader.open(pcaps.resolve(file.path("path").asText()))) {
        reader.read((linkType, timestampNanos, capturedLength, originalLength, buffer, offset) -> {
          byte[] frame = new byte[capturedLength];
          buffer.get(offset, frame);
          frames[0]++;
          if (compare(linkType, frame)) {
            accepted[0]++;
          }
          for (int i = 0; i < MUTATIONS_PER_CORPUS_FRAME; i++) {
            compare(linkType, FrameDecoderMutationTest.mutate(frame, random));
          }
        });
      }
    }
    // Most of the corpus is Ethernet with IPv4 or IPv6 and TCP or UDP: the fast path must have been taken.
    assertThat(accepted[0]).as("frames the common shapes decoded, of " + frames[0]).isGreaterThan(frames[0] / 4);
  }

  private void assertAccepted(String... fields) {
    byte[] frame = bytes(fields);
    assertThat(compare(LinkType.ETHERNET, frame)).as("accepted").isTrue();
  }

  private void assertDeclined(String... fields) {
    byte[] frame = bytes(fields);
    assertThat(compare(LinkType.ETHERNET, frame)).as("accepted").isFalse();
  }

  private void assertSameAsLayers(String name, byte[] frame) {
    compare(name, LinkType.ETHERNET, frame);
  }

  /** Decodes {@code frame} both ways, asserts the results equal, and says whether the common shapes took it. */
  private boolean compare(int linkType, byte[] frame) {
    return compare("frame", linkType, frame);
  }

  /** As {@link #compare(int, byte[])}, {@code what} naming the frame in a failure. */
  private boolean compare(String what, int linkType, byte[] frame) {
    byte[] backing = new byte[LEADING_GARBAGE + frame.length + 5];
    Arrays.fill(backing, (byte) 0x5A);
    System.arraycopy(frame, 0, backing, LEADING_GARBAGE, frame.length);
    int end = LEADING_GARBAGE + frame.length;
    decoder.decode(LinkType.ETHERNET, tunnelled, 0, tunnelled.length, fast); // every field written, inner layers too
    decoder.decode(linkType, backing, LEADING_GARBAGE, frame.length, fast);
    FrameDecoder.decodeLayers(linkType, backing, LEADING_GARBAGE, end, layered);
    String expected = DecodedFrames.describe(layered);
    String actual = DecodedFrames.describe(fast);
    if (!actual.equals(expected)) {
      assertThat(actual).as(what + " " + toHex(frame)).isEqualTo(expected);
    }
    DecodedFrame probe = new DecodedFrame();
    return linkType == LinkType.ETHERNET && CommonShapeDecoder.decodeEthernet(backing, LEADING_GARBAGE, end, probe);
  }

  private static String toHex(byte[] bytes) {
    StringBuilder hex = new StringBuilder();
    for (byte b : bytes) {
      hex.append(String.format("%02x", b & 0xFF));
    }
    return hex.toString();
  }
}
