package io.netanal.decode;

/**
 * Decodes ICMP (RFC 792) and ICMPv6 (RFC 4443) headers, and the packet an error message quotes.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     Type      |     Code      |          Checksum             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          rest of header (unused, pointer, MTU, id/sequence)   |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  errors only: as much of the offending IP packet as fits      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>Errors (ICMP destination unreachable 3, source quench 4, redirect 5, time exceeded 11, parameter problem 12;
 * ICMPv6 types 1 to 4) quote the offending packet. tshark dissects the quote and lists its {@code ip} or
 * {@code ipv6}, its transport and, for UDP, its application protocol in {@code frame.protocols}, so the same bits
 * are set here. The quote's addresses and ports are not recorded (the frame's endpoints are the error's sender
 * and receiver), and a quote cut short is not a decoding failure: RFC 792 only promises 8 bytes of it.
 * Called on the decoding thread only.
 */
final class IcmpDecoder {
  static final int TYPE_OFFSET = 0;
  static final int CODE_OFFSET = 1;
  static final int HEADER_SIZE = 8;
  static final int MIN_SIZE = 4;

  private IcmpDecoder() {}

  static void decodeIcmp(byte[] buffer, int offset, int end, DecodedFrame out) {
    out.addProtocol(Protocol.ICMP);
    if (end - offset < MIN_SIZE) {
      out.failShort(end);
      return;
    }
    out.icmp(buffer[offset + TYPE_OFFSET] & 0xFF, buffer[offset + CODE_OFFSET] & 0xFF);
    out.payload(Math.min(offset + HEADER_SIZE, end), end);
    switch (buffer[offset + TYPE_OFFSET] & 0xFF) {
      case 3:
      case 4:
      case 5:
      case 11:
      case 12:
        QuotedPacketDecoder.decode(buffer, offset + HEADER_SIZE, end, out);
        break;
      default:
        break;
    }
  }

  static void decodeIcmpv6(byte[] buffer, int offset, int end, DecodedFrame out) {
    out.addProtocol(Protocol.ICMPV6);
    if (end - offset < MIN_SIZE) {
      out.failShort(end);
      return;
    }
    out.icmp(buffer[offset + TYPE_OFFSET] & 0xFF, buffer[offset + CODE_OFFSET] & 0xFF);
    out.payload(Math.min(offset + HEADER_SIZE, end), end);
    switch (buffer[offset + TYPE_OFFSET] & 0xFF) {
      case 1:
      case 2:
      case 3:
      case 4:
        QuotedPacketDecoder.decode(buffer, offset + HEADER_SIZE, end, out);
        break;
      default:
        break;
    }
  }
}
