package io.netanal.flow;

import java.util.List;

/**
 * One flow as {@code netanal.flow/1} describes it (DESIGN.md section 5): a bidirectional transport conversation
 * seen from its originator, with Zeek's {@code conn_state} and {@code history}.
 *
 * <p>An immutable value made once per ended flow, off the per-packet path. Addresses are text as the report writes
 * them; {@code vlan} is -1 without a tag; ports are -1 for protocols without ports (ICMP keeps its type in
 * {@code origPort} and code in {@code respPort}, as Zeek does); {@code rttMillis}, {@code service}, {@code tls},
 * {@code http} are null when unknown; {@code dns} is empty without DNS.
 *
 * @param source the capture file or interface the flow was seen on
 * @param tsNanos first packet, nanoseconds since the epoch
 * @param lastTsNanos last packet
 * @param ipProtocol the IP protocol number (6, 17, 1, 58, 132, ...)
 * @param origBytes transport payload bytes from the originator (TCP: by sequence space where known)
 * @param origIpBytes IP-level bytes from the originator (the IP header's declared length)
 * @param state Zeek's conn_state code ("S0", "SF", "REJ", ...)
 * @param history Zeek's history letters
 * @param end why the record was made: "fin", "rst", "idle", "active", "evicted" or "eof"
 * @param communityId Community ID v1, "1:" + base64
 * @param dnsMore DNS transactions beyond the {@link #MAX_DNS} kept in {@code dns}
 */
public record FlowRecord(String source, long tsNanos, long lastTsNanos, String origAddress, int origPort,
    String respAddress, int respPort, int ipProtocol, int vlan, String service, long origPackets, long respPackets,
    long origBytes, long respBytes, long origIpBytes, long respIpBytes, String state, String history, String end,
    String communityId, Double rttMillis, long origRetransmissions, long respRetransmissions, List<Dns> dns,
    int dnsMore, Tls tls, Http http) {
  /** DNS transactions kept per flow. */
  public static final int MAX_DNS = 16;

  public FlowRecord {
    dns = List.copyOf(dns);
  }

  /** One DNS query (and its answer when seen): {@code answers} are addresses or names as text; rcode -1 unanswered. */
  public record Dns(String query, int qtype, int rcode, List<String> answers) {
    public Dns {
      answers = List.copyOf(answers);
    }
  }

  /** From the ClientHello/ServerHello; any field may be null. */
  public record Tls(String sni, String version, String alpn, String ja3) {}

  /** The first request/response line; any field may be null (status 0 without a response). */
  public record Http(String method, String host, String uri, int status, String userAgent) {}

  /** "tcp", "udp", "icmp", "icmpv6", "sctp", or the protocol number as text. */
  public String proto() {
    return switch (ipProtocol) {
      case 6 -> "tcp";
      case 17 -> "udp";
      case 1 -> "icmp";
      case 58 -> "icmpv6";
      case 132 -> "sctp";
      default -> Integer.toString(ipProtocol);
    };
  }

  public long durationNanos() {
    return lastTsNanos - tsNanos;
  }

  public long packets() {
    return origPackets + respPackets;
  }

  /** IP-level bytes both ways. */
  public long ipBytes() {
    return origIpBytes + respIpBytes;
  }

  /**
   * A TCP connection attempt that failed as scan detectors count it (Zeek's scan.zeek, Snort's sfPortscan): no
   * answer (S0), refused (REJ), or reset before any payload either way (RSTOS0, RSTRH, RSTO/RSTR without data).
   */
  public boolean failedAttempt() {
    if (ipProtocol != 6) {
      return false;
    }
    return switch (state) {
      case "S0", "REJ", "RSTOS0", "RSTRH" -> true;
      case "RSTO", "RSTR" -> origBytes == 0 && respBytes == 0;
      default -> false;
    };
  }

  /** The handshake completed and neither side reset it before data. */
  public boolean established() {
    return ipProtocol == 6 && history.indexOf('h') >= 0 && !failedAttempt();
  }
}
