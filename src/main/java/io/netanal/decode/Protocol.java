package io.netanal.decode;

/**
 * The protocols the decoder recognises, as small int ids with tshark's short names and the layer each belongs
 * to.
 *
 * <p>A decoded frame carries the set of protocols it contains as a bit mask ({@code 1L << id}), so ids stay
 * below 64. Names are the contract of the report's {@code protocols} table (DESIGN.md section 2): they match
 * tshark's {@code frame.protocols} components, so counts can be compared with tshark directly.
 */
public final class Protocol {
  public static final int ETH = 0;
  public static final int VLAN = 1;
  public static final int SLL = 2;
  public static final int WLAN = 3;
  public static final int RADIOTAP = 4;
  public static final int PPP = 5;
  /** BSD loopback (LINKTYPE_NULL / LOOP); tshark names it {@code null}. */
  public static final int NULL = 6;
  public static final int LLC = 7;
  public static final int ARP = 8;
  public static final int IP = 9;
  public static final int IPV6 = 10;
  public static final int TCP = 11;
  public static final int UDP = 12;
  public static final int ICMP = 13;
  public static final int ICMPV6 = 14;
  public static final int SCTP = 15;
  public static final int GRE = 16;
  public static final int DNS = 17;
  public static final int HTTP = 18;
  public static final int TLS = 19;
  public static final int QUIC = 20;
  public static final int SSH = 21;
  public static final int DHCP = 22;
  public static final int NTP = 23;
  public static final int MDNS = 24;
  public static final int LLMNR = 25;
  public static final int DHCPV6 = 26;
  public static final int IGMP = 27;
  public static final int SNMP = 28;
  public static final int SSDP = 29;
  public static final int NBNS = 30;
  public static final int SLL2 = 31;
  public static final int PPPOE = 32;
  public static final int MPLS = 33;
  /** The EtherType demultiplexer tshark lists after {@code eth}, {@code sll} and {@code vlan}. */
  public static final int ETHERTYPE = 34;
  /** LINKTYPE_RAW's pseudo-header (none on the wire); tshark names it for link types 101, 12 and 14. */
  public static final int RAW = 35;
  /** The radio information tshark derives from a radiotap header. */
  public static final int WLAN_RADIO = 36;
  public static final int ESP = 37;
  public static final int AH = 38;
  public static final int IPV6_HOPOPTS = 39;
  public static final int IPV6_ROUTING = 40;
  public static final int IPV6_FRAGHDR = 41;
  public static final int IPV6_DSTOPTS = 42;
  /** Google QUIC (versions "Q0xx"), which tshark names apart from IETF QUIC. */
  public static final int GQUIC = 43;

  /** 802.1ad service tag (EtherType 0x88A8), which tshark names apart from {@code vlan}. */
  public static final int IEEE8021AD = 44;
  /** Cisco FabricPath (EtherType 0x8903). */
  public static final int CFP = 45;
  /** IEEE 802.1AE MACsec (EtherType 0x88E5). */
  public static final int MACSEC = 46;
  /** Network Service Header, RFC 8300 (EtherType 0x894F, VXLAN-GPE). */
  public static final int NSH = 47;
  /** Cisco ERSPAN types I to III inside GRE. */
  public static final int ERSPAN = 48;
  /** Arista vendor-specific protocol (EtherType 0xD28B): timestamp tags. */
  public static final int AVSP = 49;
  /** GPRS Tunnelling Protocol user plane (UDP 2152). */
  public static final int GTP = 50;
  /** Teredo IPv6-over-UDP tunnelling, RFC 4380 (UDP 3544). */
  public static final int TEREDO = 51;
  /** VXLAN, RFC 7348 (UDP 4789), and VXLAN-GPE (UDP 4790). */
  public static final int VXLAN = 52;
  /** Geneve, RFC 8926 (UDP 6081). */
  public static final int GENEVE = 53;
  /** Cisco HDLC (LINKTYPE_C_HDLC). */
  public static final int CHDLC = 54;
  /** Per-Packet Information header (LINKTYPE_PPI). */
  public static final int PPI = 55;
  /** Frame Relay (LINKTYPE_FRELAY). */
  public static final int FR = 56;
  /** Solaris ipnet (LINKTYPE_IPNET). */
  public static final int IPNET = 57;
  /** IP over InfiniBand (LINKTYPE_IPOIB). */
  public static final int IPOIB = 58;
  /** Linux netfilter log (LINKTYPE_NFLOG). */
  public static final int NFLOG = 59;
  /** Apple PKTAP (LINKTYPE_PKTAP). */
  public static final int PKTAP = 60;
  /** ARCNET (LINKTYPE_ARCNET_LINUX). */
  public static final int ARCNET = 61;
  /** Linux ATM classical IP (LINKTYPE_ATM_CLIP). */
  public static final int CLIP = 62;
  /** Protocol Independent Multicast, RFC 7761 (IP protocol 103); registers carry a packet. */
  public static final int PIM = 63;

  /** One more than the largest id; at most 64, since a frame's protocols are the bits of one long. */
  public static final int COUNT = 64;

  public static final String LAYER_LINK = "link";
  public static final String LAYER_NETWORK = "network";
  public static final String LAYER_TRANSPORT = "transport";
  public static final String LAYER_APPLICATION = "application";

  private static final String[] NAMES = new String[COUNT];
  private static final String[] LAYERS = new String[COUNT];

  static {
    define(ETH, "eth", LAYER_LINK);
    define(VLAN, "vlan", LAYER_LINK);
    define(SLL, "sll", LAYER_LINK);
    define(WLAN, "wlan", LAYER_LINK);
    define(RADIOTAP, "radiotap", LAYER_LINK);
    define(PPP, "ppp", LAYER_LINK);
    define(NULL, "null", LAYER_LINK);
    define(LLC, "llc", LAYER_LINK);
    define(ARP, "arp", LAYER_NETWORK);
    define(IP, "ip", LAYER_NETWORK);
    define(IPV6, "ipv6", LAYER_NETWORK);
    define(TCP, "tcp", LAYER_TRANSPORT);
    define(UDP, "udp", LAYER_TRANSPORT);
    define(ICMP, "icmp", LAYER_NETWORK);
    define(ICMPV6, "icmpv6", LAYER_NETWORK);
    define(SCTP, "sctp", LAYER_TRANSPORT);
    define(GRE, "gre", LAYER_NETWORK);
    define(DNS, "dns", LAYER_APPLICATION);
    define(HTTP, "http", LAYER_APPLICATION);
    define(TLS, "tls", LAYER_APPLICATION);
    define(QUIC, "quic", LAYER_APPLICATION);
    define(SSH, "ssh", LAYER_APPLICATION);
    define(DHCP, "dhcp", LAYER_APPLICATION);
    define(NTP, "ntp", LAYER_APPLICATION);
    define(MDNS, "mdns", LAYER_APPLICATION);
    define(LLMNR, "llmnr", LAYER_APPLICATION);
    define(DHCPV6, "dhcpv6", LAYER_APPLICATION);
    define(IGMP, "igmp", LAYER_NETWORK);
    define(SNMP, "snmp", LAYER_APPLICATION);
    define(SSDP, "ssdp", LAYER_APPLICATION);
    define(NBNS, "nbns", LAYER_APPLICATION);
    define(SLL2, "sll", LAYER_LINK);
    define(PPPOE, "pppoes", LAYER_LINK);
    define(MPLS, "mpls", LAYER_LINK);
    define(ETHERTYPE, "ethertype", LAYER_LINK);
    define(RAW, "raw", LAYER_LINK);
    define(WLAN_RADIO, "wlan_radio", LAYER_LINK);
    define(ESP, "esp", LAYER_NETWORK);
    define(AH, "ah", LAYER_NETWORK);
    define(IPV6_HOPOPTS, "ipv6.hopopts", LAYER_NETWORK);
    define(IPV6_ROUTING, "ipv6.routing", LAYER_NETWORK);
    define(IPV6_FRAGHDR, "ipv6.fraghdr", LAYER_NETWORK);
    define(IPV6_DSTOPTS, "ipv6.dstopts", LAYER_NETWORK);
    define(GQUIC, "gquic", LAYER_APPLICATION);
    define(IEEE8021AD, "ieee8021ad", LAYER_LINK);
    define(CFP, "cfp", LAYER_LINK);
    define(MACSEC, "macsec", LAYER_LINK);
    define(NSH, "nsh", LAYER_LINK);
    define(ERSPAN, "erspan", LAYER_LINK);
    define(AVSP, "avsp", LAYER_LINK);
    define(GTP, "gtp", LAYER_APPLICATION);
    define(TEREDO, "teredo", LAYER_APPLICATION);
    define(VXLAN, "vxlan", LAYER_APPLICATION);
    define(GENEVE, "geneve", LAYER_APPLICATION);
    define(CHDLC, "chdlc", LAYER_LINK);
    define(PPI, "ppi", LAYER_LINK);
    define(FR, "fr", LAYER_LINK);
    define(IPNET, "ipnet", LAYER_LINK);
    define(IPOIB, "ipoib", LAYER_LINK);
    define(NFLOG, "nflog", LAYER_LINK);
    define(PKTAP, "pktap", LAYER_LINK);
    define(ARCNET, "arcnet", LAYER_LINK);
    define(CLIP, "clip", LAYER_LINK);
    define(PIM, "pim", LAYER_NETWORK);
  }

  private Protocol() {}

  private static void define(int id, String name, String layer) {
    NAMES[id] = name;
    LAYERS[id] = layer;
  }

  /** tshark's short name for the protocol. */
  public static String name(int id) {
    return NAMES[id];
  }

  /** One of {@code link}, {@code network}, {@code transport}, {@code application}. */
  public static String layer(int id) {
    return LAYERS[id];
  }

  /**
   * The protocol a one-line view names a frame by: the highest layer present (application over transport over
   * network over link), and within a layer the innermost, which is the larger id except that radiotap wraps
   * wlan. -1 for an empty mask. Allocation-free; any thread.
   */
  public static int highest(long protocols) {
    int best = -1;
    int bestRank = -1;
    for (long m = protocols; m != 0; m &= m - 1) {
      int id = Long.numberOfTrailingZeros(m);
      if (id < COUNT && RANKS[id] > bestRank) {
        best = id;
        bestRank = RANKS[id];
      }
    }
    return best;
  }

  private static final int[] RANKS = new int[COUNT];

  static {
    for (int id = 0; id < COUNT; id++) {
      RANKS[id] = layerIndex(LAYERS[id]) * 100 + (id == RADIOTAP ? 0 : id + 1);
    }
  }

  private static int layerIndex(String layer) {
    switch (layer) {
      case LAYER_APPLICATION: return 3;
      case LAYER_TRANSPORT: return 2;
      case LAYER_NETWORK: return 1;
      default: return 0;
    }
  }
}
