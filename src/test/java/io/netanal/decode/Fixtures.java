package io.netanal.decode;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Builds test frames from hex fields, one field per argument so each can carry its own comment, and decodes
 * them the way the pipeline does: from the middle of a larger BIG_ENDIAN buffer.
 */
final class Fixtures {
  /** Bytes before the frame in the buffer, so that a decoder reading from 0 instead of the offset fails. */
  static final int LEADING_GARBAGE = 5;

  private Fixtures() {}

  static byte[] bytes(String... hexFields) {
    String hex = String.join("", hexFields).replaceAll("\\s+", "");
    if (hex.length() % 2 != 0) {
      throw new IllegalArgumentException("odd hex length: " + hex);
    }
    byte[] bytes = new byte[hex.length() / 2];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
    }
    return bytes;
  }

  static DecodedFrame decode(int linkType, String... hexFields) {
    return decode(linkType, bytes(hexFields));
  }

  /** Decodes {@code frame} placed after garbage and followed by garbage, checking the buffer is left as given. */
  static DecodedFrame decode(int linkType, byte[] frame) {
    byte[] backing = new byte[LEADING_GARBAGE + frame.length + 7];
    Arrays.fill(backing, (byte) 0x5A);
    System.arraycopy(frame, 0, backing, LEADING_GARBAGE, frame.length);
    ByteBuffer buffer = ByteBuffer.wrap(backing).order(ByteOrder.BIG_ENDIAN);
    buffer.position(2).limit(backing.length - 1);
    DecodedFrame out = new DecodedFrame();
    new FrameDecoder().decode(linkType, buffer, LEADING_GARBAGE, frame.length, out);
    if (buffer.position() != 2 || buffer.limit() != backing.length - 1 || buffer.order() != ByteOrder.BIG_ENDIAN) {
      throw new AssertionError("decoder changed the buffer's position, limit or order");
    }
    return out;
  }

  static String hex16(int value) {
    return String.format("%04x", value & 0xFFFF);
  }

  static String hex8(int value) {
    return String.format("%02x", value & 0xFF);
  }

  /** An Ethernet II header from 00:11:22:33:44:55 ... to ...; {@code type} is the EtherType. */
  static String ethernet(int type) {
    return "001122334455" // destination MAC
        + "66778899aabb" // source MAC
        + hex16(type); // EtherType
  }

  /** A 20-byte IPv4 header 10.0.0.1 -> 10.0.0.2 whose total length covers {@code payloadLength} bytes. */
  static String ipv4(int protocol, int payloadLength) {
    return ipv4(protocol, payloadLength, "0a000001", "0a000002");
  }

  static String ipv4(int protocol, int payloadLength, String source, String destination) {
    return "45" // version 4, IHL 5
        + "00" // DSCP/ECN
        + hex16(20 + payloadLength) // total length
        + "1234" // identification
        + "4000" // flags DF, fragment offset 0
        + "40" // TTL 64
        + hex8(protocol) // protocol
        + "0000" // header checksum (not checked)
        + source // source address
        + destination; // destination address
  }

  /** A 40-byte IPv6 header 2001:db8::1 -> 2001:db8::2. */
  static String ipv6(int nextHeader, int payloadLength) {
    return "60000000" // version 6, traffic class 0, flow label 0
        + hex16(payloadLength) // payload length
        + hex8(nextHeader) // next header
        + "40" // hop limit 64
        + "20010db8000000000000000000000001" // source address
        + "20010db8000000000000000000000002"; // destination address
  }

  /** A 20-byte TCP header. */
  static String tcp(int sourcePort, int destinationPort, int flags) {
    return hex16(sourcePort) // source port
        + hex16(destinationPort) // destination port
        + "00000001" // sequence number
        + "00000000" // acknowledgment number
        + hex8(0x50 | (flags >>> 8)) // data offset 5, reserved, NS
        + hex8(flags) // flags
        + "ffff" // window
        + "0000" // checksum
        + "0000"; // urgent pointer
  }

  /** An 8-byte UDP header announcing {@code payloadLength} bytes of payload. */
  static String udp(int sourcePort, int destinationPort, int payloadLength) {
    return hex16(sourcePort) // source port
        + hex16(destinationPort) // destination port
        + hex16(8 + payloadLength) // length
        + "0000"; // checksum
  }

  /** A DNS query header for one question, and the question "a." type A class IN (19 bytes in all). */
  static String dnsQuery() {
    return "abcd" // ID
        + "0100" // flags: standard query, recursion desired
        + "0001" // QDCOUNT
        + "0000" // ANCOUNT
        + "0000" // NSCOUNT
        + "0000" // ARCOUNT
        + "016100" // QNAME "a."
        + "0001" // QTYPE A
        + "0001"; // QCLASS IN
  }

  static String ascii(String text) {
    StringBuilder hex = new StringBuilder();
    for (char c : text.toCharArray()) {
      hex.append(hex8(c));
    }
    return hex.toString();
  }

  static int length(String... hexFields) {
    return bytes(hexFields).length;
  }
}
