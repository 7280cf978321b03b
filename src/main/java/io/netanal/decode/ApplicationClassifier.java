package io.netanal.decode;

/**
 * Names the application protocol of a TCP or UDP payload: by port first (the lower port first, as tshark tries
 * ports), confirmed by the payload's first bytes where that is cheap. Only protocol bits are set; nothing is
 * recorded about the transport.
 *
 * <p>What counts:
 * <ul>
 *   <li>{@code dns}: UDP or TCP port 53 with at least a 12-byte DNS header (RFC 1035 4.1.1; over TCP after the
 *       2-byte length prefix), or over UDP any payload cut by the capture's snaplen. {@code mdns} (5353), {@code llmnr} (5355) and {@code nbns} (137) likewise, under
 *       their own names, as tshark names them.
 *   <li>{@code http}: a TCP payload starting with a request method and a space, or {@code HTTP/1.}; on the HTTP
 *       ports and, like tshark's HTTP heuristic, on any other port no other protocol claimed. A bare ACK or a
 *       body segment is not {@code http}.
 *   <li>{@code tls}: a TCP payload on a TLS port starting with a record header (RFC 8446 5.1): content type 20
 *       to 24 and protocol version 3.x. Segments in the middle of a record are not counted.
 *   <li>{@code quic} / {@code gquic}: UDP port 443 with the QUIC fixed bit (RFC 9000 17); long headers whose
 *       version starts with 'Q' are Google QUIC.
 *   <li>Tunnels over UDP (GTP-U, Teredo, VXLAN, Geneve, MPLS, CAPWAP data): decoded by {@link TunnelDecoder},
 *       except in a packet quoted by an ICMP error.
 *   <li>{@code ssh} (TCP 22), {@code ssdp} (UDP 1900): any payload. {@code dhcp} (UDP 67/68): BOOTP op 1 or 2.
 *       {@code dhcpv6} (546/547): a non-zero message type. {@code ntp} (123): version 1 to 4. {@code snmp}
 *       (161/162): an ASN.1 SEQUENCE.
 * </ul>
 * An empty payload is never classified. Called on the decoding thread only.
 */
final class ApplicationClassifier {
  static final int DNS_HEADER_SIZE = 12;
  static final int DNS_TCP_LENGTH_SIZE = 2;
  static final int TLS_RECORD_HEADER_SIZE = 5;
  static final int TLS_CONTENT_TYPE_MIN = 20;
  static final int TLS_CONTENT_TYPE_MAX = 24;
  static final int TLS_MAJOR_VERSION = 3;
  static final int QUIC_LONG_HEADER = 0x80;
  static final int QUIC_FIXED_BIT = 0x40;
  static final int QUIC_VERSION_OFFSET = 1;
  static final int ASN1_SEQUENCE = 0x30;
  static final int BOOTP_REQUEST = 1;
  static final int BOOTP_REPLY = 2;

  private static final byte[][] HTTP_STARTS = {
      ascii("GET "), ascii("POST "), ascii("HEAD "), ascii("PUT "), ascii("DELETE "), ascii("OPTIONS "),
      ascii("CONNECT "), ascii("TRACE "), ascii("PATCH "), ascii("HTTP/1."),
  };

  private ApplicationClassifier() {}

  static void classifyTcp(int sourcePort, int destinationPort, byte[] buffer, int offset, int end,
      DecodedFrame out) {
    if (offset >= end) {
      return;
    }
    int low = Math.min(sourcePort, destinationPort);
    int high = Math.max(sourcePort, destinationPort);
    if (tcpByPort(low, buffer, offset, end, out) || tcpByPort(high, buffer, offset, end, out)) {
      return;
    }
    confirm(out, Protocol.HTTP, looksLikeHttp(buffer, offset, end));
  }

  /** A UDP payload quoted in an ICMP error: named, but tunnels are not entered (the quote's layers are not the frame's). */
  static void classifyUdp(int sourcePort, int destinationPort, byte[] buffer, int offset, int end,
      DecodedFrame out) {
    classifyUdp(sourcePort, destinationPort, buffer, offset, end, out, false);
  }

  /** A UDP datagram's payload: named, or decoded as the tunnel its port names ({@link TunnelDecoder}). */
  static void classifyUdpOrTunnel(int sourcePort, int destinationPort, byte[] buffer, int offset, int end,
      DecodedFrame out) {
    classifyUdp(sourcePort, destinationPort, buffer, offset, end, out, true);
  }

  private static void classifyUdp(int sourcePort, int destinationPort, byte[] buffer, int offset, int end,
      DecodedFrame out, boolean tunnels) {
    if (offset >= end) {
      return;
    }
    int low = Math.min(sourcePort, destinationPort);
    int high = Math.max(sourcePort, destinationPort);
    if (!udpByPort(low, buffer, offset, end, out, tunnels)) {
      udpByPort(high, buffer, offset, end, out, tunnels);
    }
  }

  private static boolean tcpByPort(int port, byte[] buffer, int offset, int end, DecodedFrame out) {
    switch (port) {
      case 22:
        return confirm(out, Protocol.SSH, true);
      case 53:
        return confirm(out, Protocol.DNS, end - offset >= DNS_TCP_LENGTH_SIZE + DNS_HEADER_SIZE);
      case 80: case 1900: case 2710: case 2869: case 3128: case 3132: case 5985: case 8000: case 8008:
      case 8080: case 8088: case 11371:
        return confirm(out, Protocol.HTTP, looksLikeHttp(buffer, offset, end));
      case 443: case 465: case 563: case 585: case 614: case 636: case 853: case 989: case 990: case 992:
      case 993: case 994: case 995: case 4433: case 5061: case 5223: case 8443:
        return confirm(out, Protocol.TLS, looksLikeTls(buffer, offset, end));
      default:
        return false;
    }
  }

  private static boolean udpByPort(int port, byte[] buffer, int offset, int end, DecodedFrame out,
      boolean tunnels) {
    int length = end - offset;
    switch (port) {
      case 53:
        // A message cut by the capture's snaplen is still DNS to tshark (a malformed one).
        return confirm(out, Protocol.DNS, length >= DNS_HEADER_SIZE || end == out.frameEnd);
      case 5353:
        return confirm(out, Protocol.MDNS, length >= DNS_HEADER_SIZE);
      case 5355:
        return confirm(out, Protocol.LLMNR, length >= DNS_HEADER_SIZE);
      case 137:
        return confirm(out, Protocol.NBNS, length >= DNS_HEADER_SIZE);
      case 67:
      case 68: {
        int op = buffer[offset] & 0xFF;
        return confirm(out, Protocol.DHCP, op == BOOTP_REQUEST || op == BOOTP_REPLY);
      }
      case 546:
      case 547:
        return confirm(out, Protocol.DHCPV6, buffer[offset] != 0);
      case 123: {
        int version = (buffer[offset] >>> 3) & 0x07;
        return confirm(out, Protocol.NTP, version >= 1 && version <= 4);
      }
      case 161:
      case 162:
        return confirm(out, Protocol.SNMP, (buffer[offset] & 0xFF) == ASN1_SEQUENCE);
      case 1900:
        return confirm(out, Protocol.SSDP, true);
      case 443:
        return classifyQuic(buffer, offset, end, out);
      case TunnelDecoder.GTP_PORT: case TunnelDecoder.TEREDO_PORT: case TunnelDecoder.VXLAN_PORT:
      case TunnelDecoder.VXLAN_GPE_PORT: case TunnelDecoder.GENEVE_PORT: case TunnelDecoder.MPLS_PORT:
      case CapwapDecoder.DATA_PORT:
        return tunnels && TunnelDecoder.decodeUdp(port, buffer, offset, end, out);
      default:
        return false;
    }
  }

  private static boolean classifyQuic(byte[] buffer, int offset, int end, DecodedFrame out) {
    int first = buffer[offset] & 0xFF;
    if ((first & QUIC_LONG_HEADER) == 0) {
      return confirm(out, Protocol.QUIC, (first & QUIC_FIXED_BIT) != 0);
    }
    if (end - offset < QUIC_VERSION_OFFSET + 4) {
      return false;
    }
    int version = Bytes.getInt(buffer, offset + QUIC_VERSION_OFFSET);
    if (version >>> 24 == 'Q') {
      return confirm(out, Protocol.GQUIC, true);
    }
    // Version 0 is version negotiation, whose fixed bit is unused.
    return confirm(out, Protocol.QUIC, version == 0 || (first & QUIC_FIXED_BIT) != 0);
  }

  static boolean looksLikeTls(byte[] buffer, int offset, int end) {
    if (end - offset < TLS_RECORD_HEADER_SIZE) {
      return false;
    }
    int contentType = buffer[offset] & 0xFF;
    return contentType >= TLS_CONTENT_TYPE_MIN && contentType <= TLS_CONTENT_TYPE_MAX
        && buffer[offset + 1] == TLS_MAJOR_VERSION;
  }

  static boolean looksLikeHttp(byte[] buffer, int offset, int end) {
    switch (buffer[offset]) {
      case 'G': case 'P': case 'H': case 'D': case 'O': case 'C': case 'T':
        break;
      default:
        return false;
    }
    for (byte[] start : HTTP_STARTS) {
      if (startsWith(buffer, offset, end, start)) {
        return true;
      }
    }
    return false;
  }

  private static boolean startsWith(byte[] buffer, int offset, int end, byte[] prefix) {
    if (end - offset < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (buffer[offset + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static boolean confirm(DecodedFrame out, int protocol, boolean confirmed) {
    if (confirmed) {
      out.addProtocol(protocol);
    }
    return confirmed;
  }

  private static byte[] ascii(String text) {
    return text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }
}
