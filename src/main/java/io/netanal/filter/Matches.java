package io.netanal.filter;

/**
 * What a filter term can match, as two bit sets: network families and, inside IP, transports. The builder
 * intersects them over an {@code and}-group to refuse groups that no frame can match ({@code tcp and udp},
 * {@code ip6 and host 10.0.0.5}), which libpcap would refuse anyway with "expression rejects all packets".
 *
 * <p>Constants and pure functions; any thread.
 */
final class Matches {
  static final int IPV4 = 1;
  static final int IPV6 = 2;
  static final int ARP = 4; // libpcap's "host A" and "net N" for IPv4 also match ARP and RARP
  static final int OTHER_FAMILY = 8;
  static final int ALL_FAMILIES = IPV4 | IPV6 | ARP | OTHER_FAMILY;
  static final int IP = IPV4 | IPV6;

  static final int TCP = 1;
  static final int UDP = 2;
  static final int SCTP = 4;
  static final int ICMP = 8;
  static final int ICMP6 = 16;
  static final int OTHER_TRANSPORT = 32;
  static final int ALL_TRANSPORTS = 63;
  static final int PORTS = TCP | UDP | SCTP;

  private Matches() {}

  static int families(FilterProtocol p) {
    switch (p) {
      case ICMP:
      case IP:
        return IPV4;
      case ICMP6:
      case IP6:
        return IPV6;
      case ARP:
        return ARP;
      default:
        return IP;
    }
  }

  static int transports(FilterProtocol p) {
    switch (p) {
      case TCP: return TCP;
      case UDP: return UDP;
      case SCTP: return SCTP;
      case ICMP: return ICMP;
      case ICMP6: return ICMP6;
      default: return ALL_TRANSPORTS;
    }
  }

  /** The families a negated protocol excludes: {@code not ip} rules out IPv4, {@code not tcp} no family. */
  static int familiesExcludedByNot(FilterProtocol p) {
    switch (p) {
      case IP: return IPV4;
      case IP6: return IPV6;
      case ARP: return ARP;
      default: return 0;
    }
  }

  /** The transports a negated protocol excludes: {@code not tcp} rules out TCP. */
  static int transportsExcludedByNot(FilterProtocol p) {
    int t = transports(p);
    return t == ALL_TRANSPORTS ? 0 : t;
  }

  /** True when some frame can be in {@code families} and, if it must be IP, carry one of {@code transports}. */
  static boolean satisfiable(int families, int transports) {
    if (families == 0 || transports == 0) {
      return false;
    }
    return transports == ALL_TRANSPORTS || (families & IP) != 0;
  }
}
