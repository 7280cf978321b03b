package io.netanal.decode;

/**
 * Hands an IPv4 or IPv6 payload to the decoder its protocol number names (IANA "Assigned Internet Protocol
 * Numbers"), and decodes the IP Authentication Header (RFC 4302) itself since it only points further.
 *
 * <pre>
 * Authentication Header:
 * +---------------+---------------+-------------------------------+
 * |  Next Header  |  Payload Len  |          RESERVED             |
 * +---------------+---------------+-------------------------------+
 * |  Security Parameters Index, Sequence Number, ICV ((len + 2) * 4 bytes in all)
 * +---------------------------------------------------------------+
 * </pre>
 *
 * ESP's payload is encrypted, so decoding stops at {@code esp}. PIM Register messages and Ethernet (143) carry a
 * packet, decoded like a tunnel's. Unknown protocols end decoding quietly. Called
 * on the decoding thread only.
 */
final class IpPayloadDecoder {
  static final int ICMP = 1;
  static final int IGMP = 2;
  static final int IPV4_IN_IP = 4;
  static final int TCP = 6;
  static final int UDP = 17;
  static final int IPV6_IN_IP = 41;
  static final int GRE = 47;
  static final int ESP = 50;
  static final int AH = 51;
  static final int ICMPV6 = 58;
  static final int PIM = 103;
  static final int SCTP = 132;
  /** Ethernet frames as an IP payload (RFC 8986 segment routing with an Ethernet payload). */
  static final int ETHERNET = 143;

  static final int PIM_TYPE_OFFSET = 0;
  static final int PIM_VERSION_2_REGISTER = 0x21;
  /** PIM header (4) and the register's border/null bits (4) before the registered packet. */
  static final int PIM_REGISTER_HEADER_SIZE = 8;

  static final int AH_NEXT_HEADER_OFFSET = 0;
  static final int AH_LENGTH_OFFSET = 1;
  static final int AH_MIN_SIZE = 12;

  private IpPayloadDecoder() {}

  static void decode(int protocol, byte[] buffer, int offset, int end, DecodedFrame out) {
    if (!out.enter()) {
      return;
    }
    switch (protocol) {
      case TCP:
        TcpDecoder.decode(buffer, offset, end, out);
        break;
      case UDP:
        UdpDecoder.decode(buffer, offset, end, out);
        break;
      case ICMP:
        IcmpDecoder.decodeIcmp(buffer, offset, end, out);
        break;
      case ICMPV6:
        IcmpDecoder.decodeIcmpv6(buffer, offset, end, out);
        break;
      case SCTP:
        SctpDecoder.decode(buffer, offset, end, out);
        break;
      case GRE:
        GreDecoder.decode(buffer, offset, end, out);
        break;
      case IPV4_IN_IP:
        Ipv4Decoder.decode(buffer, offset, end, out);
        break;
      case IPV6_IN_IP:
        Ipv6Decoder.decode(buffer, offset, end, out);
        break;
      case IGMP:
        out.addProtocol(Protocol.IGMP);
        break;
      case ESP:
        out.addProtocol(Protocol.ESP);
        break;
      case AH:
        decodeAuthenticationHeader(buffer, offset, end, out);
        break;
      case PIM:
        decodePim(buffer, offset, end, out);
        break;
      case ETHERNET:
        EthernetDecoder.decode(buffer, offset, end, out);
        break;
      case Ipv6Decoder.HOP_BY_HOP:
      case Ipv6Decoder.ROUTING:
      case Ipv6Decoder.FRAGMENT:
      case Ipv6Decoder.DESTINATION_OPTIONS:
        Ipv6Decoder.decodeExtension(protocol, buffer, offset, end, out);
        break;
      default:
        break;
    }
  }

  /** The protocol id a transport protocol number stands for, or -1: used for headers quoted in ICMP errors. */
  static int protocolId(int protocol) {
    switch (protocol) {
      case TCP: return Protocol.TCP;
      case UDP: return Protocol.UDP;
      case ICMP: return Protocol.ICMP;
      case ICMPV6: return Protocol.ICMPV6;
      case SCTP: return Protocol.SCTP;
      case GRE: return Protocol.GRE;
      case IGMP: return Protocol.IGMP;
      default: return -1;
    }
  }

  /** PIM (RFC 7761 4.9); a version 2 Register message carries a multicast packet, decoded as a tunnel's. */
  private static void decodePim(byte[] buffer, int offset, int end, DecodedFrame out) {
    out.addProtocol(Protocol.PIM);
    if (end - offset < PIM_REGISTER_HEADER_SIZE
        || (buffer[offset + PIM_TYPE_OFFSET] & 0xFF) != PIM_VERSION_2_REGISTER) {
      return;
    }
    RawIpDecoder.decodeGuessing(buffer, offset + PIM_REGISTER_HEADER_SIZE, end, out);
  }

  private static void decodeAuthenticationHeader(byte[] buffer, int offset, int end, DecodedFrame out) {
    out.addProtocol(Protocol.AH);
    if (end - offset < AH_MIN_SIZE) {
      out.failShort(end);
      return;
    }
    int length = ((buffer[offset + AH_LENGTH_OFFSET] & 0xFF) + 2) * 4;
    if (length < AH_MIN_SIZE) {
      out.fail(DecodeStatus.MALFORMED);
      return;
    }
    if (end - offset < length) {
      out.failShort(end);
      return;
    }
    decode(buffer[offset + AH_NEXT_HEADER_OFFSET] & 0xFF, buffer, offset + length, end, out);
  }
}
