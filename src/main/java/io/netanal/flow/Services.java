package io.netanal.flow;

import io.netanal.decode.Protocol;

/**
 * A flow's {@code service}: the application protocol the decoder named in its packets (by port, confirmed by
 * payload where cheap). Stateless; any thread.
 */
final class Services {
  /** Checked in this order; the first present names the service. */
  private static final int[] APPLICATIONS = {Protocol.DNS, Protocol.HTTP, Protocol.TLS, Protocol.QUIC,
      Protocol.GQUIC, Protocol.SSH, Protocol.DHCP, Protocol.DHCPV6, Protocol.NTP, Protocol.MDNS, Protocol.LLMNR,
      Protocol.SNMP, Protocol.SSDP, Protocol.NBNS};
  private static final long MASK = mask();

  private Services() {}

  /** The packet's application protocol id, or -1. */
  static int of(long protocols) {
    if ((protocols & MASK) == 0) {
      return -1;
    }
    for (int id : APPLICATIONS) {
      if ((protocols & (1L << id)) != 0) {
        return id;
      }
    }
    return -1;
  }

  static String name(int id) {
    return id < 0 ? null : Protocol.name(id);
  }

  private static long mask() {
    long m = 0;
    for (int id : APPLICATIONS) {
      m |= 1L << id;
    }
    return m;
  }
}
