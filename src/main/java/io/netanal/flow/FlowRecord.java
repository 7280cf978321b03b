package io.netanal.flow;

import io.netanal.decode.app.TlsHelloParser;
import io.netanal.frame.AddressFormat;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;

/**
 * One flow as {@code netanal.flow/1} describes it (DESIGN.md section 5): a bidirectional transport conversation
 * seen from its originator, with Zeek's {@code conn_state} and {@code history}.
 *
 * <p>An immutable value made once per ended flow, off the per-packet path. Addresses read as text as the report
 * writes them; {@code vlan} is -1 without a tag; ports are -1 for protocols without ports (ICMP keeps its type in
 * {@code origPort} and code in {@code respPort}, as Zeek does); {@code rttMillis}, {@code service}, {@code tls},
 * {@code http} are null when unknown; {@code dns} is empty without DNS.
 *
 * <p>Not a {@code record}, though it behaves as one (equality and text over the components below): a flood of
 * one-packet flows ends a flow per packet, and most records are only counted, never printed. So the flow table
 * makes it from numbers (addresses as longs) and the address text and the Community ID (a SHA-1) are made on first
 * use, by whoever prints it. Any thread may read it; the lazily made strings are immutable and deterministic, so
 * two threads computing one at once agree.
 *
 * <p>Components: {@code source} the capture file or interface; {@code tsNanos} first packet, nanoseconds since the
 * epoch; {@code lastTsNanos} last packet; {@code ipProtocol} the IP protocol number (6, 17, 1, 58, 132, ...);
 * {@code origBytes} transport payload bytes from the originator (TCP: by sequence space where known);
 * {@code origIpBytes} IP-level bytes from the originator (the IP header's declared length); {@code state} Zeek's
 * conn_state code ("S0", "SF", "REJ", ...); {@code history} Zeek's history letters; {@code end} why the record was
 * made: "fin", "rst", "idle", "active", "evicted" or "eof"; {@code communityId} Community ID v1, "1:" + base64;
 * {@code dnsMore} DNS transactions beyond the {@link #MAX_DNS} kept in {@code dns}.
 */
public final class FlowRecord {
  /** DNS transactions kept per flow. */
  public static final int MAX_DNS = 16;
  /** One digest per thread that asks for a Community ID (the flows writer's, the report's). */
  private static final ThreadLocal<CommunityId> COMMUNITY_ID = ThreadLocal.withInitial(CommunityId::new);

  private final String source;
  private final long tsNanos;
  private final long lastTsNanos;
  /** 4 or 6; 0 when made from address text that is not a literal. IPv4 addresses sit in the low longs. */
  private final int ipVersion;
  private final long origHigh;
  private final long origLow;
  private final long respHigh;
  private final long respLow;
  private final int origPort;
  private final int respPort;
  private final int ipProtocol;
  private final int vlan;
  private final String service;
  private final long origPackets;
  private final long respPackets;
  private final long origBytes;
  private final long respBytes;
  private final long origIpBytes;
  private final long respIpBytes;
  private final String state;
  private final String history;
  private final String end;
  private final Double rttMillis;
  private final long origRetransmissions;
  private final long respRetransmissions;
  private final List<Dns> dns;
  private final int dnsMore;
  private final Tls tls;
  private final Http http;
  /** The Community ID's input: whether the first packet came from the originator, and its ICMP type and code. */
  private final boolean firstFromOrig;
  private final int icmpType;
  private final int icmpCode;
  /** Made by the flow table: the address text is made from the numbers, never given. */
  private final boolean fromNumbers;
  // Made on first use (benign races: each is a pure function of the fields above).
  private String origAddress;
  private String respAddress;
  private String communityId;

  public FlowRecord(String source, long tsNanos, long lastTsNanos, String origAddress, int origPort,
      String respAddress, int respPort, int ipProtocol, int vlan, String service, long origPackets, long respPackets,
      long origBytes, long respBytes, long origIpBytes, long respIpBytes, String state, String history, String end,
      String communityId, Double rttMillis, long origRetransmissions, long respRetransmissions, List<Dns> dns,
      int dnsMore, Tls tls, Http http) {
    this.source = source;
    this.tsNanos = tsNanos;
    this.lastTsNanos = lastTsNanos;
    this.origAddress = origAddress;
    this.respAddress = respAddress;
    long[] orig = literal(origAddress);
    long[] resp = literal(respAddress);
    this.ipVersion = orig == null ? 0 : (int) orig[0];
    this.origHigh = orig == null ? 0 : orig[1];
    this.origLow = orig == null ? 0 : orig[2];
    this.respHigh = resp == null ? 0 : resp[1];
    this.respLow = resp == null ? 0 : resp[2];
    this.origPort = origPort;
    this.respPort = respPort;
    this.ipProtocol = ipProtocol;
    this.vlan = vlan;
    this.service = service;
    this.origPackets = origPackets;
    this.respPackets = respPackets;
    this.origBytes = origBytes;
    this.respBytes = respBytes;
    this.origIpBytes = origIpBytes;
    this.respIpBytes = respIpBytes;
    this.state = state;
    this.history = history;
    this.end = end;
    this.communityId = communityId;
    this.rttMillis = rttMillis;
    this.origRetransmissions = origRetransmissions;
    this.respRetransmissions = respRetransmissions;
    this.dns = List.copyOf(dns);
    this.dnsMore = dnsMore;
    this.tls = tls;
    this.http = http;
    this.firstFromOrig = true;
    this.icmpType = -1;
    this.icmpCode = -1;
    this.fromNumbers = false;
  }

  /** The record of an ended (or interim) flow, from its numbers: no text yet. Called by the flow table's thread. */
  FlowRecord(Flow f, String end, String source) {
    boolean origIsA = f.origIsA;
    this.fromNumbers = true;
    this.source = source;
    this.tsNanos = f.firstTs;
    this.lastTsNanos = f.lastTs;
    this.ipVersion = f.ipVersion;
    this.origHigh = f.origHigh();
    this.origLow = f.origLow();
    this.respHigh = origIsA ? f.bHigh : f.aHigh;
    this.respLow = origIsA ? f.bLow : f.aLow;
    this.firstFromOrig = f.firstFromA == origIsA;
    this.icmpType = f.icmpType;
    this.icmpCode = f.icmpCode;
    if (f.icmpType >= 0) {
      // Zeek's ICMP ports: the originator's message type and code.
      int counterpart = f.protocol == CommunityId.ICMP ? CommunityId.icmpCounterpart(f.icmpType)
          : CommunityId.icmpv6Counterpart(f.icmpType);
      this.origPort = firstFromOrig || counterpart < 0 ? f.icmpType : counterpart;
      this.respPort = f.icmpCode;
    } else {
      this.origPort = origIsA ? f.aPort : f.bPort;
      this.respPort = origIsA ? f.bPort : f.aPort;
    }
    long orig;
    long resp;
    if (f.isTcp) {
      orig = f.tcp(Flow.ORIG).size() - f.origReported;
      resp = f.tcp(Flow.RESP).size() - f.respReported;
      this.origRetransmissions = f.tcp(Flow.ORIG).retransmissions;
      this.respRetransmissions = f.tcp(Flow.RESP).retransmissions;
      this.rttMillis = f.rttNanos >= 0 ? f.rttNanos / 1e6 : null;
    } else {
      orig = f.origPayload;
      resp = f.respPayload;
      this.origRetransmissions = 0;
      this.respRetransmissions = 0;
      this.rttMillis = null;
    }
    this.origBytes = Math.max(0, orig);
    this.respBytes = Math.max(0, resp);
    this.ipProtocol = f.protocol;
    this.vlan = f.vlan;
    this.service = Services.name(f.service);
    this.origPackets = f.origPackets;
    this.respPackets = f.respPackets;
    this.origIpBytes = f.origIpBytes;
    this.respIpBytes = f.respIpBytes;
    this.history = f.historyText();
    this.state = ConnState.of(f, history);
    this.end = end;
    this.dns = f.dns == null ? List.of() : List.copyOf(f.dns);
    this.dnsMore = f.dnsMore;
    this.tls = f.tls;
    this.http = f.http;
  }

  public String source() {
    return source;
  }

  public long tsNanos() {
    return tsNanos;
  }

  public long lastTsNanos() {
    return lastTsNanos;
  }

  public String origAddress() {
    String text = origAddress;
    if (text == null) {
      text = address(origHigh, origLow);
      origAddress = text;
    }
    return text;
  }

  public int origPort() {
    return origPort;
  }

  public String respAddress() {
    String text = respAddress;
    if (text == null) {
      text = address(respHigh, respLow);
      respAddress = text;
    }
    return text;
  }

  public int respPort() {
    return respPort;
  }

  /**
   * 4 or 6, the family of {@link #origAddressHigh()}/{@link #origAddressLow()} (and, from the flow table, of the
   * responder's); 0 when the record was made from an originator text that is not an address literal.
   */
  public int ipVersion() {
    return ipVersion;
  }

  /** The originator's address as numbers: IPv6's first 64 bits; 0 for IPv4. */
  public long origAddressHigh() {
    return origHigh;
  }

  /**
   * Whether both addresses are IPv4 and their text is {@link #origAddressLow()}'s and {@link #respAddressLow()}'s
   * dotted quad (a record of the flow table): a writer may write them from the numbers, without the text.
   */
  public boolean ipv4FromNumbers() {
    return fromNumbers && ipVersion == 4;
  }

  /** The originator's address as numbers: IPv6's last 64 bits; IPv4's 32 bits, unsigned. */
  public long origAddressLow() {
    return origLow;
  }

  public long respAddressHigh() {
    return respHigh;
  }

  public long respAddressLow() {
    return respLow;
  }

  public int ipProtocol() {
    return ipProtocol;
  }

  public int vlan() {
    return vlan;
  }

  public String service() {
    return service;
  }

  public long origPackets() {
    return origPackets;
  }

  public long respPackets() {
    return respPackets;
  }

  public long origBytes() {
    return origBytes;
  }

  public long respBytes() {
    return respBytes;
  }

  public long origIpBytes() {
    return origIpBytes;
  }

  public long respIpBytes() {
    return respIpBytes;
  }

  public String state() {
    return state;
  }

  public String history() {
    return history;
  }

  public String end() {
    return end;
  }

  public String communityId() {
    String id = communityId;
    if (id == null) {
      long sourceHigh = firstFromOrig ? origHigh : respHigh;
      long sourceLow = firstFromOrig ? origLow : respLow;
      long destinationHigh = firstFromOrig ? respHigh : origHigh;
      long destinationLow = firstFromOrig ? respLow : origLow;
      int sourcePort = icmpType >= 0 ? icmpType : firstFromOrig ? origPort : respPort;
      int destinationPort = icmpType >= 0 ? icmpCode : firstFromOrig ? respPort : origPort;
      id = COMMUNITY_ID.get().of(ipVersion, sourceHigh, sourceLow, destinationHigh, destinationLow, ipProtocol,
          sourcePort, destinationPort);
      communityId = id;
    }
    return id;
  }

  public Double rttMillis() {
    return rttMillis;
  }

  public long origRetransmissions() {
    return origRetransmissions;
  }

  public long respRetransmissions() {
    return respRetransmissions;
  }

  public List<Dns> dns() {
    return dns;
  }

  public int dnsMore() {
    return dnsMore;
  }

  public Tls tls() {
    return tls;
  }

  public Http http() {
    return http;
  }

  /** One DNS query (and its answer when seen): {@code answers} are addresses or names as text; rcode -1 unanswered. */
  public record Dns(String query, int qtype, int rcode, List<String> answers) {
    public Dns {
      answers = List.copyOf(answers);
    }
  }

  /**
   * From the ClientHello/ServerHello; any field may be null. A value like a record of these four components (equal
   * by them, the same text), except that the flow table gives it the JA3 string rather than its hash: the MD5 is
   * taken on the first call of {@link #ja3()}, so that the records nobody writes (most of an analysis's) never take
   * it. Any thread may read it; the hash is a pure function of the string, so two threads taking it at once agree.
   */
  public static final class Tls {
    private final String sni;
    private final String version;
    private final String alpn;
    /** The JA3 string whose hash {@link #ja3} is, while not yet taken; null when {@link #ja3} is given. */
    private final String ja3Text;
    private String ja3;

    public Tls(String sni, String version, String alpn, String ja3) {
      this(sni, version, alpn, null, ja3);
    }

    private Tls(String sni, String version, String alpn, String ja3Text, String ja3) {
      this.sni = sni;
      this.version = version;
      this.alpn = alpn;
      this.ja3Text = ja3Text;
      this.ja3 = ja3;
    }

    /** A hello's values with its JA3 string ({@code tls.handshake.ja3_full}), hashed when first asked for. */
    static Tls withJa3Text(String sni, String version, String alpn, String ja3Text) {
      return new Tls(sni, version, alpn, ja3Text, null);
    }

    /**
     * A ServerHello's values completing this ClientHello's: the name and fingerprint are the client's (its JA3
     * still unhashed), the version and ALPN protocol the server's choice when it made one (a later value replaces
     * the offer).
     */
    Tls completedBy(Tls later) {
      boolean hasJa3 = ja3 != null || ja3Text != null;
      return new Tls(sni != null ? sni : later.sni, later.version != null ? later.version : version,
          later.alpn != null ? later.alpn : alpn, hasJa3 ? ja3Text : later.ja3Text, hasJa3 ? ja3 : later.ja3);
    }

    public String sni() {
      return sni;
    }

    public String version() {
      return version;
    }

    public String alpn() {
      return alpn;
    }

    /** JA3: the MD5 of the ClientHello's fingerprint string, 32 lowercase hex digits, as tshark's tls.handshake.ja3. */
    public String ja3() {
      String hash = ja3;
      if (hash == null && ja3Text != null) {
        hash = TlsHelloParser.md5Hex(ja3Text);
        ja3 = hash;
      }
      return hash;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Tls t && Objects.equals(sni, t.sni) && Objects.equals(version, t.version)
          && Objects.equals(alpn, t.alpn) && Objects.equals(ja3(), t.ja3());
    }

    @Override
    public int hashCode() {
      return Objects.hash(sni, version, alpn, ja3());
    }

    @Override
    public String toString() {
      return "Tls[sni=" + sni + ", version=" + version + ", alpn=" + alpn + ", ja3=" + ja3() + "]";
    }
  }

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

  /** Equal when every component (as the public accessors give them) is. */
  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof FlowRecord r)) {
      return false;
    }
    return tsNanos == r.tsNanos && lastTsNanos == r.lastTsNanos && origPort == r.origPort && respPort == r.respPort
        && ipProtocol == r.ipProtocol && vlan == r.vlan && origPackets == r.origPackets
        && respPackets == r.respPackets && origBytes == r.origBytes && respBytes == r.respBytes
        && origIpBytes == r.origIpBytes && respIpBytes == r.respIpBytes
        && origRetransmissions == r.origRetransmissions && respRetransmissions == r.respRetransmissions
        && dnsMore == r.dnsMore && Objects.equals(source, r.source)
        && Objects.equals(origAddress(), r.origAddress()) && Objects.equals(respAddress(), r.respAddress())
        && Objects.equals(service, r.service) && Objects.equals(state, r.state)
        && Objects.equals(history, r.history) && Objects.equals(end, r.end)
        && Objects.equals(communityId(), r.communityId()) && Objects.equals(rttMillis, r.rttMillis)
        && dns.equals(r.dns) && Objects.equals(tls, r.tls) && Objects.equals(http, r.http);
  }

  @Override
  public int hashCode() {
    return Objects.hash(source, tsNanos, lastTsNanos, origAddress(), origPort, respAddress(), respPort, ipProtocol,
        vlan, service, origPackets, respPackets, origBytes, respBytes, origIpBytes, respIpBytes, state, history, end,
        communityId(), rttMillis, origRetransmissions, respRetransmissions, dns, dnsMore, tls, http);
  }

  /** As a record would print it. */
  @Override
  public String toString() {
    return "FlowRecord[source=" + source + ", tsNanos=" + tsNanos + ", lastTsNanos=" + lastTsNanos
        + ", origAddress=" + origAddress() + ", origPort=" + origPort + ", respAddress=" + respAddress()
        + ", respPort=" + respPort + ", ipProtocol=" + ipProtocol + ", vlan=" + vlan + ", service=" + service
        + ", origPackets=" + origPackets + ", respPackets=" + respPackets + ", origBytes=" + origBytes
        + ", respBytes=" + respBytes + ", origIpBytes=" + origIpBytes + ", respIpBytes=" + respIpBytes
        + ", state=" + state + ", history=" + history + ", end=" + end + ", communityId=" + communityId()
        + ", rttMillis=" + rttMillis + ", origRetransmissions=" + origRetransmissions + ", respRetransmissions="
        + respRetransmissions + ", dns=" + dns + ", dnsMore=" + dnsMore + ", tls=" + tls + ", http=" + http + "]";
  }

  private String address(long high, long low) {
    return ipVersion == 4 ? AddressFormat.ipv4((int) low) : AddressFormat.ipv6(high, low);
  }

  /**
   * {@code {version, high, low}} of an IPv4 or IPv6 literal (as the table keeps them), or null. Only for records
   * made from text (tests, stored flows): literals only, so no name is ever resolved.
   */
  private static long[] literal(String text) {
    if (text == null || text.isEmpty() || !text.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.'
        || c == ':')) {
      return null;
    }
    try {
      byte[] bytes = InetAddress.getByName(text).getAddress();
      ByteBuffer b = ByteBuffer.wrap(bytes);
      return bytes.length == 4 ? new long[] {4, 0, b.getInt() & 0xffffffffL}
          : new long[] {6, b.getLong(), b.getLong()};
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
