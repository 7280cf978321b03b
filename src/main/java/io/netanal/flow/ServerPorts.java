package io.netanal.flow;

/**
 * Ports a server likely listens on (as Zeek's {@code likely_server_ports}, from the analyzers it registers), for
 * the originator rule when a flow's first packet is not a SYN. Stateless; any thread.
 */
final class ServerPorts {
  private static final int[] TCP = {21, 22, 23, 25, 53, 80, 88, 110, 111, 135, 139, 143, 179, 389, 443, 445, 465,
      502, 513, 514, 587, 636, 873, 993, 995, 1080, 1433, 1521, 1723, 1883, 2049, 3128, 3260, 3306, 3389, 5060,
      5061, 5222, 5432, 5671, 5672, 5900, 6379, 6443, 6667, 8000, 8080, 8443, 8883, 9092, 9200, 11211, 27017};
  private static final int[] UDP = {53, 67, 69, 88, 123, 137, 138, 161, 162, 389, 443, 500, 514, 546, 547, 1812,
      1813, 1900, 3478, 4500, 4789, 5060, 5353, 5355, 6081, 51820};
  private static final boolean[] TCP_SET = set(TCP);
  private static final boolean[] UDP_SET = set(UDP);

  private ServerPorts() {}

  static boolean tcp(int port) {
    return port >= 0 && port < 65536 && TCP_SET[port];
  }

  static boolean udp(int port) {
    return port >= 0 && port < 65536 && UDP_SET[port];
  }

  private static boolean[] set(int[] ports) {
    boolean[] set = new boolean[65536];
    for (int p : ports) {
      set[p] = true;
    }
    return set;
  }
}
