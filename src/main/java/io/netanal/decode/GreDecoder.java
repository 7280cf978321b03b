package io.netanal.decode;

import java.nio.ByteBuffer;

/**
 * Decodes a GRE header, version 0 (RFC 2784 with the key and sequence fields of RFC 2890) and version 1 (the
 * enhanced GRE of PPTP, RFC 2637), and hands the payload on by its EtherType: IPv4, IPv6, transparent Ethernet
 * bridging (0x6558), PPP, MPLS.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |C|R|K|S|s|Recur|A| Flags | Ver |         Protocol Type         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |      Checksum (optional)      |       Reserved1 (optional)    |  C or R
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                         Key (optional)                        |  K (always in version 1)
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                 Sequence Number (optional)                    |  S
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |              Acknowledgment Number (version 1, optional)      |  A
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * The RFC 1701 routing field (R set in version 0) is not followed: decoding ends at {@code gre}. Other versions
 * are malformed. Called on the decoding thread only.
 */
final class GreDecoder {
  static final int FLAGS_OFFSET = 0;
  static final int PROTOCOL_OFFSET = 2;
  static final int BASE_SIZE = 4;
  static final int OPTION_SIZE = 4;
  static final int FLAG_CHECKSUM = 0x8000;
  static final int FLAG_ROUTING = 0x4000;
  static final int FLAG_KEY = 0x2000;
  static final int FLAG_SEQUENCE = 0x1000;
  static final int FLAG_ACKNOWLEDGMENT = 0x0080;
  static final int VERSION_MASK = 0x0007;

  private GreDecoder() {}

  static void decode(ByteBuffer buffer, int offset, int end, DecodedFrame out) {
    out.addProtocol(Protocol.GRE);
    if (end - offset < BASE_SIZE) {
      out.failShort(end);
      return;
    }
    int flags = buffer.getShort(offset + FLAGS_OFFSET) & 0xFFFF;
    int length = BASE_SIZE;
    switch (flags & VERSION_MASK) {
      case 0:
        if ((flags & FLAG_ROUTING) != 0) {
          return;
        }
        length += (flags & FLAG_CHECKSUM) != 0 ? OPTION_SIZE : 0;
        length += (flags & FLAG_KEY) != 0 ? OPTION_SIZE : 0;
        length += (flags & FLAG_SEQUENCE) != 0 ? OPTION_SIZE : 0;
        break;
      case 1:
        length += OPTION_SIZE;
        length += (flags & FLAG_SEQUENCE) != 0 ? OPTION_SIZE : 0;
        length += (flags & FLAG_ACKNOWLEDGMENT) != 0 ? OPTION_SIZE : 0;
        break;
      default:
        failUnknownVersion(out);
        return;
    }
    if (end - offset < length) {
      out.failShort(end);
      return;
    }
    EtherTypeDecoder.decode(buffer.getShort(offset + PROTOCOL_OFFSET) & 0xFFFF, buffer, offset + length, end, out);
  }

  private static void failUnknownVersion(DecodedFrame out) {
    out.fail(DecodeStatus.MALFORMED);
  }
}
