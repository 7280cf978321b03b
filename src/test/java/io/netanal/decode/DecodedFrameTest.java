package io.netanal.decode;

import static io.netanal.decode.Fixtures.bytes;
import static io.netanal.decode.Fixtures.ipv4;
import static io.netanal.decode.Fixtures.tcp;
import static io.netanal.decode.Fixtures.udp;
import static org.assertj.core.api.Assertions.assertThat;

import io.netanal.frame.LinkType;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * The outermost IP layer lives in the frame's own fields and tunnels' inner layers elsewhere: one frame object,
 * reused for every frame as the decoding thread does, must answer every layer as decoded, whatever came before.
 */
class DecodedFrameTest {
  private final FrameDecoder decoder = new FrameDecoder();
  private final DecodedFrame out = new DecodedFrame();

  /** IPv4 in IPv4 (protocol 4): outer 10.0.0.1 -> 10.0.0.2, inner 192.168.0.1 -> 192.168.0.2, TCP 1234 -> 80. */
  private static byte[] ipInIp() {
    return bytes(
        ipv4(4, 20 + 20, "0a000001", "0a000002"), // outer IPv4, carrying IPv4
        ipv4(6, 20, "c0a80001", "c0a80002"), // inner IPv4, carrying TCP
        tcp(1234, 80, 0x02)); // TCP SYN, 20 bytes
  }

  /** One IPv4 header 10.0.0.3 -> 10.0.0.4 and a UDP datagram 53 -> 40000 without payload. */
  private static byte[] plain() {
    return bytes(
        ipv4(17, 8, "0a000003", "0a000004"), // IPv4, carrying UDP
        udp(53, 40000, 0)); // UDP header only
  }

  private void decode(byte[] frame) {
    decoder.decode(LinkType.IPV4, frame, 0, frame.length, out);
  }

  private void assertTunnel(int start) {
    assertThat(out.ipCount()).isEqualTo(2);
    assertThat(out.ipVersion(0)).isEqualTo(4);
    assertThat(out.ipv4Source(0)).isEqualTo(0x0a000001);
    assertThat(out.ipv4Destination(0)).isEqualTo(0x0a000002);
    assertThat(out.ipOffset(0)).isEqualTo(start);
    assertThat(out.ipLength(0)).isEqualTo(60);
    assertThat(out.ipVersion(1)).isEqualTo(4);
    assertThat(out.ipv4Source(1)).isEqualTo(0xc0a80001);
    assertThat(out.ipv4Destination(1)).isEqualTo(0xc0a80002);
    assertThat(out.ipOffset(1)).isEqualTo(start + 20);
    assertThat(out.ipLength(1)).isEqualTo(40);
    assertThat(out.transportLayer()).isEqualTo(1);
    assertThat(out.transportProtocol()).isEqualTo(6);
    assertThat(out.sourcePort()).isEqualTo(1234);
    assertThat(out.destinationPort()).isEqualTo(80);
    assertThat(out.payloadOffset()).isEqualTo(start + 60);
    assertThat(out.payloadLength()).isZero();
  }

  @Test
  void shouldAnswerEachLayerWhenOneFrameObjectDecodesATunnelThenAPlainFrameThenATunnel() {
    decode(ipInIp());
    assertTunnel(0);

    decode(plain());
    assertThat(out.ipCount()).isEqualTo(1);
    assertThat(out.ipv4Source(0)).isEqualTo(0x0a000003);
    assertThat(out.ipv4Destination(0)).isEqualTo(0x0a000004);
    assertThat(out.ipOffset(0)).isZero();
    assertThat(out.ipLength(0)).isEqualTo(28);
    assertThat(out.transportLayer()).isZero();
    assertThat(out.transportProtocol()).isEqualTo(17);
    assertThat(out.sourcePort()).isEqualTo(53);

    decode(ipInIp());
    assertTunnel(0);
  }

  @Test
  void shouldMoveEveryLayersOffsetWhenDecodedFromACopy() {
    byte[] frame = ipInIp();
    ByteBuffer direct = ByteBuffer.allocateDirect(3 + frame.length); // no array: decoded from a copy, then shifted
    direct.put(new byte[] {0x5a, 0x5a, 0x5a}).put(frame).clear();

    decoder.decode(LinkType.IPV4, direct, 3, frame.length, out);

    assertTunnel(3);
  }

  @Test
  void shouldRecordNoTransportPastTheLastIpLayerAndRecordItAgainInTheNextFrame() {
    decode(bytes(
        ipv4(4, 20 + 20 + 20 + 20, "0a000001", "0a000002"), // layer 0, carrying IPv4
        ipv4(4, 20 + 20 + 20, "0a000011", "0a000012"), // layer 1, carrying IPv4
        ipv4(4, 20 + 20, "0a000021", "0a000022"), // layer 2 (the last recorded), carrying IPv4
        ipv4(6, 20, "0a000031", "0a000032"), // a fourth layer: not recorded
        tcp(1234, 80, 0x02))); // its TCP: not paired with an outer layer's addresses

    assertThat(out.ipCount()).isEqualTo(DecodedFrame.MAX_IP_LAYERS);
    assertThat(out.ipv4Source(2)).isEqualTo(0x0a000021);
    assertThat(out.transportLayer()).isEqualTo(DecodedFrame.NONE);
    assertThat(out.transportProtocol()).isEqualTo(DecodedFrame.NO_TRANSPORT);
    assertThat(out.sourcePort()).isEqualTo(DecodedFrame.NONE);

    decode(plain());
    assertThat(out.ipCount()).isEqualTo(1);
    assertThat(out.transportLayer()).isZero();
    assertThat(out.sourcePort()).isEqualTo(53);
  }
}
