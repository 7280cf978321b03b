package io.netanal.decode;

/**
 * Decodes the frames most captures are made of in two calls instead of one per header: Ethernet II, optionally
 * one 802.1Q tag, then IPv4 without options or fragmentation or IPv6 without extension headers, then a TCP or UDP
 * header that fits. It leaves {@link DecodedFrame} exactly as the layered decoders ({@link EthernetDecoder},
 * {@link VlanDecoder}, {@link Ipv4Decoder}, {@link Ipv6Decoder}, {@link TcpDecoder}, {@link UdpDecoder}) leave it
 * when they reach {@link ApplicationClassifier}, and then calls the classifier as they do (port rules and UDP
 * tunnels stay there alone). Anything else, and anything in doubt (truncation, a length that contradicts the
 * headers, IP options, fragments, QinQ), is declined: the caller resets the frame and runs the layered decoders,
 * whose rules this class does not repeat.
 *
 * <p>Why it exists: the decoders run as C1 code, which inlines no call past 35 bytes of bytecode, so the
 * layered walk paid seven calls and the frame's reset per frame on the reading thread. Called on the decoding
 * thread only.
 */
final class CommonShapeDecoder {
  private static final long ETHERNET_PROTOCOLS = 1L << Protocol.ETH | 1L << Protocol.ETHERTYPE;
  /** Version 4, header length 5 words: no options. */
  private static final int IPV4_WITHOUT_OPTIONS = 0x45;
  private static final int IPV6_VERSION_BITS = Ipv6Decoder.VERSION << 4;
  /** Encapsulations {@link DecodedFrame#enter()} counts: the EtherType's and the IP payload's. */
  private static final int NESTING = 2;

  private CommonShapeDecoder() {}

  /**
   * Decodes the Ethernet frame {@code buffer[offset, end)} into {@code out} and returns true, or returns false
   * when the frame is not of a common shape; {@code out} is then left part-written, for the caller to reset.
   */
  static boolean decodeEthernet(byte[] buffer, int offset, int end, DecodedFrame out) {
    int ip = offset + EthernetDecoder.HEADER_SIZE;
    if (end - ip < Ipv4Decoder.MIN_HEADER_SIZE) {
      return false;
    }
    int type = Bytes.getShort(buffer, offset + EthernetDecoder.TYPE_OFFSET) & 0xFFFF;
    long protocols = ETHERNET_PROTOCOLS;
    int vlanId = DecodedFrame.NONE;
    int nesting = NESTING;
    if (type == EtherTypeDecoder.VLAN) {
      vlanId = Bytes.getShort(buffer, ip + VlanDecoder.TCI_OFFSET) & VlanDecoder.VLAN_ID_MASK;
      type = Bytes.getShort(buffer, ip + VlanDecoder.TYPE_OFFSET) & 0xFFFF;
      ip += VlanDecoder.TAG_SIZE;
      protocols |= 1L << Protocol.VLAN;
      nesting++;
      if (end - ip < Ipv4Decoder.MIN_HEADER_SIZE) {
        return false;
      }
    }
    int protocol;
    int transport;
    int payloadEnd;
    if (type == EtherTypeDecoder.IPV4) {
      if (buffer[ip + Ipv4Decoder.VERSION_IHL_OFFSET] != IPV4_WITHOUT_OPTIONS
          || (Bytes.getShort(buffer, ip + Ipv4Decoder.FLAGS_FRAGMENT_OFFSET) & Ipv4Decoder.FRAGMENT_OFFSET_MASK) != 0) {
        return false;
      }
      int totalLength = Bytes.getShort(buffer, ip + Ipv4Decoder.TOTAL_LENGTH_OFFSET) & 0xFFFF;
      if (totalLength == 0) {
        payloadEnd = end;
        out.ipLength0 = end - ip;
      } else if (totalLength < Ipv4Decoder.MIN_HEADER_SIZE) {
        return false;
      } else {
        payloadEnd = Math.min(ip + totalLength, end);
        out.ipLength0 = totalLength;
      }
      protocols |= 1L << Protocol.IP;
      out.ipVersion0 = 4;
      out.ipv4Source0 = Bytes.getInt(buffer, ip + Ipv4Decoder.SOURCE_OFFSET);
      out.ipv4Destination0 = Bytes.getInt(buffer, ip + Ipv4Decoder.DESTINATION_OFFSET);
      protocol = buffer[ip + Ipv4Decoder.PROTOCOL_OFFSET] & 0xFF;
      transport = ip + Ipv4Decoder.MIN_HEADER_SIZE;
    } else if (type == EtherTypeDecoder.IPV6) {
      if (end - ip < Ipv6Decoder.HEADER_SIZE
          || (buffer[ip + Ipv6Decoder.VERSION_OFFSET] & 0xF0) != IPV6_VERSION_BITS) {
        return false;
      }
      int payloadLength = Bytes.getShort(buffer, ip + Ipv6Decoder.PAYLOAD_LENGTH_OFFSET) & 0xFFFF;
      transport = ip + Ipv6Decoder.HEADER_SIZE;
      if (payloadLength == 0) {
        payloadEnd = end;
        out.ipLength0 = end - ip;
      } else {
        payloadEnd = Math.min(transport + payloadLength, end);
        out.ipLength0 = Ipv6Decoder.HEADER_SIZE + payloadLength;
      }
      protocols |= 1L << Protocol.IPV6;
      out.ipVersion0 = 6;
      out.ipv6SourceHigh0 = Bytes.getLong(buffer, ip + Ipv6Decoder.SOURCE_OFFSET);
      out.ipv6SourceLow0 = Bytes.getLong(buffer, ip + Ipv6Decoder.SOURCE_OFFSET + 8);
      out.ipv6DestinationHigh0 = Bytes.getLong(buffer, ip + Ipv6Decoder.DESTINATION_OFFSET);
      out.ipv6DestinationLow0 = Bytes.getLong(buffer, ip + Ipv6Decoder.DESTINATION_OFFSET + 8);
      protocol = buffer[ip + Ipv6Decoder.NEXT_HEADER_OFFSET] & 0xFF;
    } else {
      return false;
    }
    // What reset() clears and the link and IP layers set; the transport's fields come next.
    out.protocols = protocols;
    out.status = DecodeStatus.OK;
    out.ipCount = 1;
    out.ipOffset0 = ip;
    out.ipLayerDropped = false;
    out.vlanId = (short) vlanId;
    out.transportLayer = 0;
    out.icmpType = DecodedFrame.NONE;
    out.icmpCode = DecodedFrame.NONE;
    out.frameEnd = end;
    out.nesting = (byte) nesting;
    return decodeTransport(protocol, buffer, transport, payloadEnd, out);
  }

  /** The TCP or UDP header at {@code offset}, the IP payload ending at {@code end}; false for anything else. */
  private static boolean decodeTransport(int protocol, byte[] buffer, int offset, int end, DecodedFrame out) {
    if (end - offset < UdpDecoder.HEADER_SIZE) {
      return false;
    }
    int ports = Bytes.getInt(buffer, offset + TcpDecoder.SOURCE_PORT_OFFSET); // UDP's ports are at the same offsets
    int sourcePort = ports >>> 16;
    int destinationPort = ports & 0xFFFF;
    if (protocol == IpPayloadDecoder.TCP) {
      if (end - offset < TcpDecoder.MIN_HEADER_SIZE) {
        return false;
      }
      int offsetAndFlags = Bytes.getShort(buffer, offset + TcpDecoder.DATA_OFFSET_OFFSET);
      int headerLength = (offsetAndFlags >>> 12 & 0x0F) * 4;
      if (headerLength < TcpDecoder.MIN_HEADER_SIZE || end - offset < headerLength) {
        return false;
      }
      int payload = offset + headerLength;
      out.protocols |= 1L << Protocol.TCP;
      out.transportProtocol = IpPayloadDecoder.TCP;
      out.sourcePort = sourcePort;
      out.destinationPort = destinationPort;
      out.tcpFlags = (short) (offsetAndFlags & TcpFlag.ALL);
      out.tcpSequence = Bytes.getInt(buffer, offset + TcpDecoder.SEQUENCE_OFFSET);
      out.tcpAcknowledgment = Bytes.getInt(buffer, offset + TcpDecoder.ACKNOWLEDGMENT_OFFSET);
      out.tcpWindow = Bytes.getShort(buffer, offset + TcpDecoder.WINDOW_OFFSET) & 0xFFFF;
      out.payloadOffset = payload;
      out.payloadEnd = end;
      ApplicationClassifier.classifyTcp(sourcePort, destinationPort, buffer, payload, end, out);
      return true;
    }
    if (protocol == IpPayloadDecoder.UDP) {
      int length = Bytes.getShort(buffer, offset + UdpDecoder.LENGTH_OFFSET) & 0xFFFF;
      // Declined: a length below the header, or past an IP payload that ends before the capture does.
      if (length < UdpDecoder.HEADER_SIZE || length > end - offset && end < out.frameEnd) {
        return false;
      }
      int payload = offset + UdpDecoder.HEADER_SIZE;
      int payloadEnd = Math.min(offset + length, end); // not before the payload: both bounds are past it
      out.protocols |= 1L << Protocol.UDP;
      out.transportProtocol = IpPayloadDecoder.UDP;
      out.sourcePort = sourcePort;
      out.destinationPort = destinationPort;
      out.tcpFlags = DecodedFrame.NONE;
      out.tcpSequence = 0;
      out.tcpAcknowledgment = 0;
      out.tcpWindow = DecodedFrame.NONE;
      out.payloadOffset = payload;
      out.payloadEnd = payloadEnd;
      ApplicationClassifier.classifyUdpOrTunnel(sourcePort, destinationPort, buffer, payload, payloadEnd, out);
      return true;
    }
    return false;
  }
}
