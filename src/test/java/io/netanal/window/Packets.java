package io.netanal.window;

import io.netanal.decode.DecodedFrame;
import io.netanal.decode.DecodedFrameConsumer;
import io.netanal.decode.FrameDecoder;
import io.netanal.frame.LinkType;
import java.nio.ByteBuffer;

/**
 * Raw IPv4 packets (LINKTYPE_RAW) built field by field and fed, decoded, to a consumer: the fixtures of the window
 * and detection tests. One test thread.
 */
public final class Packets {
  public static final int TCP = 6;
  public static final int UDP = 17;
  public static final int SYN = 0x02;
  public static final int ACK = 0x10;
  public static final int RST = 0x04;
  public static final int SYN_ACK = SYN | ACK;

  private final DecodedFrameConsumer consumer;
  private final FrameDecoder decoder = new FrameDecoder();
  private final DecodedFrame decoded = new DecodedFrame();

  public Packets(DecodedFrameConsumer consumer) {
    this.consumer = consumer;
  }

  /** An IPv4 address from four octets. */
  public static int ip(int a, int b, int c, int d) {
    return a << 24 | b << 16 | c << 8 | d;
  }

  /** A TCP segment with {@code payload} bytes of zeros after a 20-byte header. */
  public void tcp(long ts, int src, int dst, int sport, int dport, int flags, int payload) {
    ByteBuffer b = ipv4(src, dst, TCP, 20 + payload);
    b.putShort((short) sport);      // source port
    b.putShort((short) dport);      // destination port
    b.putInt(1000);                 // sequence number
    b.putInt((flags & ACK) != 0 ? 2000 : 0); // acknowledgment number
    b.put((byte) 0x50);             // data offset 5 words
    b.put((byte) flags);            // flags
    b.putShort((short) 65535);      // window
    b.putShort((short) 0);          // checksum (not checked)
    b.putShort((short) 0);          // urgent pointer
    feed(ts, b);
  }

  /** A UDP datagram whose payload is {@code payload} (or that many zero bytes when {@code bytes} is null). */
  public void udp(long ts, int src, int dst, int sport, int dport, byte[] bytes, int payload) {
    int length = bytes == null ? payload : bytes.length;
    ByteBuffer b = ipv4(src, dst, UDP, 8 + length);
    b.putShort((short) sport);      // source port
    b.putShort((short) dport);      // destination port
    b.putShort((short) (8 + length)); // length
    b.putShort((short) 0);          // checksum (none)
    if (bytes != null) {
      b.put(bytes);
    }
    feed(ts, b);
  }

  /** An ICMP message of {@code type}/{@code code} with an 8-byte header and no data. */
  public void icmp(long ts, int src, int dst, int type, int code) {
    ByteBuffer b = ipv4(src, dst, 1, 8);
    b.put((byte) type);             // type
    b.put((byte) code);             // code
    b.putShort((short) 0);          // checksum
    b.putInt(0);                    // identifier, sequence
    feed(ts, b);
  }

  /** A DNS header (RFC 1035 4.1.1): a query, or a response padded to {@code size} bytes. */
  public static byte[] dns(boolean response, int size) {
    ByteBuffer b = ByteBuffer.allocate(Math.max(12, size));
    b.putShort((short) 0x1234);     // ID
    b.putShort((short) (response ? 0x8180 : 0x0100)); // QR, opcode 0, RD (and RA)
    b.putShort((short) 1);          // QDCOUNT
    b.putShort((short) (response ? 1 : 0)); // ANCOUNT
    b.putShort((short) 0);          // NSCOUNT
    b.putShort((short) 0);          // ARCOUNT
    return b.array();
  }

  private static ByteBuffer ipv4(int src, int dst, int protocol, int payloadLength) {
    ByteBuffer b = ByteBuffer.allocate(20 + payloadLength);
    b.put((byte) 0x45);             // version 4, IHL 5
    b.put((byte) 0);                // DSCP/ECN
    b.putShort((short) (20 + payloadLength)); // total length
    b.putShort((short) 1);          // identification
    b.putShort((short) 0x4000);     // flags DF, fragment offset 0
    b.put((byte) 64);               // TTL
    b.put((byte) protocol);         // protocol
    b.putShort((short) 0);          // header checksum (not checked)
    b.putInt(src);                  // source address
    b.putInt(dst);                  // destination address
    return b;
  }

  private void feed(long ts, ByteBuffer b) {
    int length = b.capacity();
    decoder.decode(LinkType.RAW, b, 0, length, decoded);
    consumer.frame(ts, length, length, b, 0, decoded);
  }
}
