package io.netanal.frame;

/**
 * LINKTYPE_ values of the pcap and pcapng formats (tcpdump.org/linktypes.html) and their DLT names, as
 * {@code tcpdump -L} and the report's {@code source.linkTypes} print them.
 *
 * <p>Values are plain ints so that unknown link types stay representable; {@link #name(int)} names any of them.
 */
public final class LinkType {
  public static final int NULL = 0;
  public static final int ETHERNET = 1;
  public static final int PPP = 9;
  public static final int RAW = 101;
  public static final int PPP_HDLC = 50;
  public static final int PPP_ETHER = 51;
  public static final int IEEE802_11 = 105;
  public static final int LOOP = 108;
  public static final int LINUX_SLL = 113;
  public static final int IEEE802_11_RADIOTAP = 127;
  public static final int IPV4 = 228;
  public static final int IPV6 = 229;
  public static final int LINUX_SLL2 = 276;
  public static final int C_HDLC = 104;
  public static final int ATM_CLIP = 106;
  public static final int FRELAY = 107;
  public static final int ARCNET_LINUX = 129;
  public static final int PPI = 192;
  public static final int IPNET = 226;
  public static final int NFLOG = 239;
  public static final int IPOIB = 242;
  public static final int PKTAP = 258;
  /** DLT_RAW as OpenBSD and some other systems number it in pcap headers (12, or 14 on OpenBSD). */
  public static final int RAW_ALT_12 = 12;
  public static final int RAW_ALT_14 = 14;

  /**
   * The largest snapshot length of ordinary link types: libpcap's and tcpdump's {@code MAXIMUM_SNAPLEN}, the
   * default snaplen of a capture, and the record length past which tshark calls a pcap record damaged.
   */
  public static final int MAX_SNAPLEN = 262_144;

  private LinkType() {}

  /** The DLT name without its prefix ({@code EN10MB}), or {@code LINKTYPE_<n>} for a value netanal does not name. */
  public static String name(int linkType) {
    switch (linkType) {
      case NULL: return "NULL";
      case ETHERNET: return "EN10MB";
      case PPP: return "PPP";
      case PPP_HDLC: return "PPP_SERIAL";
      case PPP_ETHER: return "PPP_ETHER";
      case RAW: case RAW_ALT_12: case RAW_ALT_14: return "RAW";
      case IEEE802_11: return "IEEE802_11";
      case LOOP: return "LOOP";
      case LINUX_SLL: return "LINUX_SLL";
      case IEEE802_11_RADIOTAP: return "IEEE802_11_RADIO";
      case IPV4: return "IPV4";
      case IPV6: return "IPV6";
      case LINUX_SLL2: return "LINUX_SLL2";
      case C_HDLC: return "C_HDLC";
      case ATM_CLIP: return "ATM_CLIP";
      case FRELAY: return "FRELAY";
      case ARCNET_LINUX: return "ARCNET_LINUX";
      case PPI: return "PPI";
      case IPNET: return "IPNET";
      case NFLOG: return "NFLOG";
      case IPOIB: return "IPOIB";
      case PKTAP: return "PKTAP";
      default: return "LINKTYPE_" + linkType;
    }
  }
}
