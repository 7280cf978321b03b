package io.netanal.decode;

/**
 * Decodes the BSD loopback header of LINKTYPE_NULL (host byte order) and LINKTYPE_LOOP (network byte order):
 * one 4-byte address family. Since a capture may come from a host of either byte order, a value with its high
 * half set is read byte-swapped (families are small numbers).
 *
 * <pre>
 * +--------+--------+--------+--------+
 * |   address family (AF_INET 2;      |
 * |   AF_INET6 24 NetBSD/OpenBSD,     |
 * |   28 FreeBSD, 30 macOS)           |
 * +--------+--------+--------+--------+
 * </pre>
 *
 * (tcpdump.org/linktypes/LINKTYPE_NULL.html.) tshark names both link types {@code null}. Called on the decoding
 * thread only.
 */
final class NullLoopbackDecoder {
  static final int FAMILY_OFFSET = 0;
  static final int HEADER_SIZE = 4;
  static final int AF_INET = 2;
  static final int AF_INET6_BSD = 24;
  static final int AF_INET6_FREEBSD = 28;
  static final int AF_INET6_DARWIN = 30;

  private NullLoopbackDecoder() {}

  static void decode(byte[] buffer, int offset, int end, DecodedFrame out) {
    out.addProtocol(Protocol.NULL);
    if (end - offset < HEADER_SIZE) {
      out.failShort(end);
      return;
    }
    int family = Bytes.getInt(buffer, offset + FAMILY_OFFSET);
    if ((family & 0xFFFF0000) != 0) {
      family = Integer.reverseBytes(family);
    }
    int payload = offset + HEADER_SIZE;
    switch (family) {
      case AF_INET:
        Ipv4Decoder.decode(buffer, payload, end, out);
        break;
      case AF_INET6_BSD:
      case AF_INET6_FREEBSD:
      case AF_INET6_DARWIN:
        Ipv6Decoder.decode(buffer, payload, end, out);
        break;
      default:
        // Some loopback captures hold a Cisco HDLC header instead (0x0F or 0x8F, 0x00, EtherType), which tshark
        // reads as an EtherType; families are small numbers, so the two cannot be confused.
        int raw = Bytes.getInt(buffer, offset + FAMILY_OFFSET);
        int address = raw >>> 24;
        if ((address == SerialLinkDecoder.CHDLC_UNICAST || address == SerialLinkDecoder.CHDLC_MULTICAST)
            && (raw >>> 16 & 0xFF) == 0
            && (raw & 0xFFFF) >= EthernetDecoder.MIN_ETHERTYPE) {
          EtherTypeDecoder.decode(raw & 0xFFFF, buffer, payload, end, out);
        }
        break;
    }
  }
}
