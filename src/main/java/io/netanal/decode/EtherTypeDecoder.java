package io.netanal.decode;

/**
 * Hands a payload to the decoder its EtherType names (IEEE 802 numbers, as registered by the IEEE RA). The
 * link-layer decoders (Ethernet, VLAN, Linux cooked capture, LLC/SNAP) and GRE share it. Unknown EtherTypes end
 * decoding quietly, as tshark shows them as data. Called on the decoding thread only.
 */
final class EtherTypeDecoder {
  static final int IPV4 = 0x0800;
  static final int ARP = 0x0806;
  /** Reverse ARP (RFC 903): ARP's layout, and tshark counts it as {@code arp}. */
  static final int RARP = 0x8035;
  static final int TRANSPARENT_ETHERNET = 0x6558;
  static final int VLAN = 0x8100;
  static final int IPV6 = 0x86DD;
  static final int PPP = 0x880B;
  static final int MPLS_UNICAST = 0x8847;
  static final int MPLS_MULTICAST = 0x8848;
  static final int PPPOE_SESSION = 0x8864;
  static final int QINQ = 0x88A8;
  /** The pre-standard 802.1ad tag some switches still send. */
  static final int QINQ_LEGACY = 0x9100;
  static final int MACSEC = 0x88E5;
  static final int FABRICPATH = 0x8903;
  static final int NSH = 0x894F;
  static final int ARISTA = 0xD28B;

  private EtherTypeDecoder() {}

  static void decode(int etherType, byte[] buffer, int offset, int end, DecodedFrame out) {
    if (!out.enter()) {
      return;
    }
    switch (etherType) {
      case IPV4:
        Ipv4Decoder.decode(buffer, offset, end, out);
        break;
      case IPV6:
        Ipv6Decoder.decode(buffer, offset, end, out);
        break;
      case ARP:
      case RARP:
        ArpDecoder.decode(buffer, offset, end, out);
        break;
      case VLAN:
      case QINQ_LEGACY:
        VlanDecoder.decode(Protocol.VLAN, buffer, offset, end, out);
        break;
      case QINQ:
        VlanDecoder.decode(Protocol.IEEE8021AD, buffer, offset, end, out);
        break;
      case PPPOE_SESSION:
        PppDecoder.decodePppoeSession(buffer, offset, end, out);
        break;
      case PPP:
        PppDecoder.decodeFramed(buffer, offset, end, out); // tshark's "ppp_hdlc" handle: Cisco HDLC too
        break;
      case MPLS_UNICAST:
      case MPLS_MULTICAST:
        MplsDecoder.decode(buffer, offset, end, out);
        break;
      case TRANSPARENT_ETHERNET:
        EthernetDecoder.decode(buffer, offset, end, out);
        break;
      case FABRICPATH:
        VendorTagDecoder.decodeFabricPath(buffer, offset, end, out);
        break;
      case ARISTA:
        VendorTagDecoder.decodeArista(buffer, offset, end, out);
        break;
      case MACSEC:
        VendorTagDecoder.decodeMacsec(buffer, offset, end, out);
        break;
      case NSH:
        TunnelDecoder.decodeNsh(buffer, offset, end, out);
        break;
      default:
        break;
    }
  }
}
