package io.netanal.decode;

/**
 * Decodes the pseudo-headers capture tools put before a packet, which say what follows: PPI and PKTAP (an inner
 * link type), NFLOG (an address family and a TLV list whose payload attribute is the packet), Solaris IPNET (an
 * address family) and IP over InfiniBand (an EtherType). See tcpdump.org/linktypes.html for each.
 *
 * <pre>
 * PPI:    version (1) | flags (1) | header length (2, LE) | link type (4, LE) | fields ...
 * PKTAP:  header length (4, LE) | record type (4, LE) | link type (4, LE) | interface name (24) | ...
 * NFLOG:  family (1) | version (1) | resource id (2) | TLVs: length (2, LE, incl. these 4) | type (2, LE) |
 *         value, padded to 4 bytes; type 9 is the packet
 * IPNET:  version (1) | family (1: 2 IPv4, 26 IPv6) | ... 24 bytes in all
 * IPOIB:  destination (20) | source (20) | EtherType (2) | reserved (2)
 * </pre>
 *
 * Multi-byte fields of PPI, PKTAP and NFLOG are little-endian (host order of the capturing machines, in
 * practice); they are read with explicit byte swaps since the frame buffer is big-endian. Called on the decoding
 * thread only.
 */
final class CaptureHeaderDecoder {
  static final int PPI_LENGTH_OFFSET = 2;
  static final int PPI_LINK_TYPE_OFFSET = 4;
  static final int PPI_MIN_SIZE = 8;

  static final int PKTAP_LENGTH_OFFSET = 0;
  static final int PKTAP_LINK_TYPE_OFFSET = 8;
  static final int PKTAP_MIN_SIZE = 12;

  static final int NFLOG_FAMILY_OFFSET = 0;
  static final int NFLOG_HEADER_SIZE = 4;
  static final int NFLOG_TLV_HEADER_SIZE = 4;
  static final int NFLOG_TYPE_MASK = 0x7FFF;
  static final int NFLOG_ATTRIBUTE_PAYLOAD = 9;
  static final int AF_INET = 2;
  static final int AF_INET6_LINUX = 10;

  static final int IPNET_FAMILY_OFFSET = 1;
  static final int IPNET_HEADER_SIZE = 24;
  static final int IPNET_AF_INET6 = 26;

  static final int IPOIB_TYPE_OFFSET = 40;
  static final int IPOIB_HEADER_SIZE = 44;

  private CaptureHeaderDecoder() {}

  static void decodePpi(byte[] buffer, int offset, int end, DecodedFrame out) {
    out.addProtocol(Protocol.PPI);
    if (end - offset < PPI_MIN_SIZE) {
      out.failShort(end);
      return;
    }
    int length = Short.reverseBytes(Bytes.getShort(buffer, offset + PPI_LENGTH_OFFSET)) & 0xFFFF;
    innerLink(Integer.reverseBytes(Bytes.getInt(buffer, offset + PPI_LINK_TYPE_OFFSET)), length, PPI_MIN_SIZE, buffer,
        offset, end, out);
  }

  static void decodePktap(byte[] buffer, int offset, int end, DecodedFrame out) {
    out.addProtocol(Protocol.PKTAP);
    if (end - offset < PKTAP_MIN_SIZE) {
      out.failShort(end);
      return;
    }
    int length = Integer.reverseBytes(Bytes.getInt(buffer, offset + PKTAP_LENGTH_OFFSET));
    innerLink(Integer.reverseBytes(Bytes.getInt(buffer, offset + PKTAP_LINK_TYPE_OFFSET)), length, PKTAP_MIN_SIZE, buffer,
        offset, end, out);
  }

  static void decodeNflog(byte[] buffer, int offset, int end, DecodedFrame out) {
    out.addProtocol(Protocol.NFLOG);
    if (end - offset < NFLOG_HEADER_SIZE) {
      out.failShort(end);
      return;
    }
    int family = buffer[offset + NFLOG_FAMILY_OFFSET] & 0xFF;
    int position = offset + NFLOG_HEADER_SIZE;
    while (end - position >= NFLOG_TLV_HEADER_SIZE) {
      int length = Short.reverseBytes(Bytes.getShort(buffer, position)) & 0xFFFF;
      int type = Short.reverseBytes(Bytes.getShort(buffer, position + 2)) & NFLOG_TYPE_MASK;
      if (length < NFLOG_TLV_HEADER_SIZE || end - position < length) {
        out.fail(DecodeStatus.MALFORMED);
        return;
      }
      if (type == NFLOG_ATTRIBUTE_PAYLOAD) {
        int payload = position + NFLOG_TLV_HEADER_SIZE;
        int payloadEnd = position + length;
        if (family == AF_INET) {
          Ipv4Decoder.decode(buffer, payload, payloadEnd, out);
        } else if (family == AF_INET6_LINUX) {
          Ipv6Decoder.decode(buffer, payload, payloadEnd, out);
        }
        return;
      }
      position += (length + 3) & ~3;
    }
  }

  static void decodeIpnet(byte[] buffer, int offset, int end, DecodedFrame out) {
    out.addProtocol(Protocol.IPNET);
    if (end - offset < IPNET_HEADER_SIZE) {
      out.failShort(end);
      return;
    }
    int family = buffer[offset + IPNET_FAMILY_OFFSET] & 0xFF;
    if (family == AF_INET) {
      Ipv4Decoder.decode(buffer, offset + IPNET_HEADER_SIZE, end, out);
    } else if (family == IPNET_AF_INET6) {
      Ipv6Decoder.decode(buffer, offset + IPNET_HEADER_SIZE, end, out);
    }
  }

  static void decodeIpoib(byte[] buffer, int offset, int end, DecodedFrame out) {
    out.addProtocol(Protocol.IPOIB);
    if (end - offset < IPOIB_HEADER_SIZE) {
      out.failShort(end);
      return;
    }
    EtherTypeDecoder.decode(Bytes.getShort(buffer, offset + IPOIB_TYPE_OFFSET) & 0xFFFF, buffer,
        offset + IPOIB_HEADER_SIZE, end, out);
  }

  /** The packet after a header of {@code length} bytes that names its link type; a nested PPI/PKTAP is refused. */
  private static void innerLink(int linkType, int length, int minimum, byte[] buffer, int offset, int end,
      DecodedFrame out) {
    if (length < minimum) {
      out.fail(DecodeStatus.MALFORMED);
      return;
    }
    if (end - offset < length) {
      out.failShort(end);
      return;
    }
    if (out.enter()) {
      FrameDecoder.decodeLink(linkType, buffer, offset + length, end, out);
    }
  }
}
