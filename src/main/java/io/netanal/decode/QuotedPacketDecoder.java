package io.netanal.decode;

/**
 * Marks the protocols of the IP packet an ICMP or ICMPv6 error quotes, without recording its addresses or
 * ports and without failing on a short quote (see {@link IcmpDecoder}). Only the quote's first IP header and the
 * header right after it are read (no IPv6 extension chain, no tunnels); a quoted UDP header's payload is
 * classified so that, as in tshark, an unreachable DNS reply still counts as {@code dns}. Called on the decoding
 * thread only.
 */
final class QuotedPacketDecoder {
  private QuotedPacketDecoder() {}

  static void decode(byte[] buffer, int offset, int end, DecodedFrame out) {
    if (end - offset < 1) {
      return;
    }
    int transportOffset;
    int protocol;
    switch ((buffer[offset] & 0xF0) >>> 4) {
      case Ipv4Decoder.VERSION: {
        out.addProtocol(Protocol.IP);
        int headerLength = (buffer[offset] & 0x0F) * 4;
        if (headerLength < Ipv4Decoder.MIN_HEADER_SIZE || end - offset < headerLength) {
          return;
        }
        protocol = buffer[offset + Ipv4Decoder.PROTOCOL_OFFSET] & 0xFF;
        transportOffset = offset + headerLength;
        break;
      }
      case Ipv6Decoder.VERSION:
        out.addProtocol(Protocol.IPV6);
        if (end - offset < Ipv6Decoder.HEADER_SIZE) {
          return;
        }
        protocol = buffer[offset + Ipv6Decoder.NEXT_HEADER_OFFSET] & 0xFF;
        transportOffset = offset + Ipv6Decoder.HEADER_SIZE;
        break;
      default:
        return;
    }
    int id = IpPayloadDecoder.protocolId(protocol);
    if (id < 0) {
      return;
    }
    out.addProtocol(id);
    if (protocol == IpPayloadDecoder.UDP && end - transportOffset >= UdpDecoder.HEADER_SIZE) {
      ApplicationClassifier.classifyUdp(
          Bytes.getShort(buffer, transportOffset + UdpDecoder.SOURCE_PORT_OFFSET) & 0xFFFF,
          Bytes.getShort(buffer, transportOffset + UdpDecoder.DESTINATION_PORT_OFFSET) & 0xFFFF,
          buffer, transportOffset + UdpDecoder.HEADER_SIZE, end, out);
    }
  }
}
