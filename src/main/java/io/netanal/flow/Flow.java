package io.netanal.flow;

import java.util.ArrayList;
import java.util.List;

/**
 * One open flow in the {@link FlowTable}: its key (the two endpoints in canonical order, so both directions find
 * it), which endpoint is the originator, its counters each way, Zeek's history, and its place in the table's
 * idle lists.
 *
 * <p>Mutable, owned by the flow table's thread; allocated when the table has no ended flow to reuse ({@link
 * #clear}), none per packet afterwards, except the rare growth of its history and its application metadata.
 */
final class Flow implements AppMetadata.Sink {
  static final int ORIG = 0;
  static final int RESP = 1;

  // Key, canonical: endpoint A sorts before endpoint B (address, then port). IPv4 addresses sit in aLow/bLow.
  int hash;
  int ipVersion;
  int protocol;
  int vlan;
  long aHigh;
  long aLow;
  long bHigh;
  long bLow;
  int aPort;
  int bPort;

  /** Whether endpoint A is the originator. */
  boolean origIsA;
  /** The first packet's sender, and (ICMP) its message type and code: the Community ID is computed from them. */
  boolean firstFromA;
  int icmpType = -1;
  int icmpCode = -1;
  /** Payload bytes already reported in interim (active-timeout) records, each way. */
  final long[] reportedBytes = new long[2];
  /** Creation order, to end the flows left at end of input in the order they started. */
  long serial;

  long firstTs;
  long lastTs;
  final long[] packets = new long[2];
  final long[] ipBytes = new long[2];
  final long[] payloadBytes = new long[2];
  final long[] frameBytes = new long[2];
  /** Application protocol ({@link io.netanal.decode.Protocol} id) first seen, or -1. */
  int service = -1;
  /** TCP only: the endpoints, originator first. */
  TcpEndpoint[] tcp;
  /** A non-TCP flow reusing this object keeps an earlier TCP flow's endpoints here, for a later TCP flow. */
  private TcpEndpoint[] spareTcp;
  /** Handshake timing: the originator's SYN, then its first ACK after the responder's SYN-ACK. */
  long synTs = -1;
  boolean synAckSeen;
  long rttNanos = -1;

  /** Zeek's history string and its "seen once" bits (low 16 for the originator, high 16 for the responder). */
  final StringBuilder history = new StringBuilder(8);
  int historySeen;

  /** Payload packets shown to the application hook so far. */
  int appPackets;
  List<FlowRecord.Dns> dns;
  int dnsMore;
  FlowRecord.Tls tls;
  FlowRecord.Http http;

  // Table bookkeeping: the idle list this flow is in, its neighbours, and why it is closing (null while open).
  int list;
  Flow previous;
  Flow next;
  String closing;

  /** One-letter histories as constants: most flows of a scan or flood are a lone "S". */
  private static final String[] ONE_LETTER = oneLetter();

  /**
   * Makes this flow (ended, out of the table) as new, to be reused for the next one: a table that evicts a flow
   * per packet then allocates nothing, and no flow lives long enough to be copied to the old generation and die
   * there. The key, times and roles are set by the table when it reuses it.
   */
  void clear() {
    icmpType = -1;
    icmpCode = -1;
    for (int i = 0; i < 2; i++) {
      reportedBytes[i] = 0;
      packets[i] = 0;
      ipBytes[i] = 0;
      payloadBytes[i] = 0;
      frameBytes[i] = 0;
    }
    service = -1;
    if (tcp != null) {
      spareTcp = tcp;
      tcp = null;
    }
    synTs = -1;
    synAckSeen = false;
    rttNanos = -1;
    history.setLength(0);
    historySeen = 0;
    appPackets = 0;
    dns = null;
    dnsMore = 0;
    tls = null;
    http = null;
    previous = null;
    next = null;
    closing = null;
  }

  /** Gives the flow its TCP endpoints, as new (reused from an earlier TCP flow of this object when it had one). */
  void startTcp() {
    if (spareTcp == null) {
      tcp = new TcpEndpoint[] {new TcpEndpoint(), new TcpEndpoint()};
    } else {
      tcp = spareTcp;
      spareTcp = null;
      tcp[0].clear();
      tcp[1].clear();
    }
  }

  /** The history as text (a shared constant for one letter). */
  String historyText() {
    if (history.length() == 1 && history.charAt(0) < ONE_LETTER.length) {
      return ONE_LETTER[history.charAt(0)];
    }
    return history.toString();
  }

  private static String[] oneLetter() {
    String[] letters = new String[128];
    for (char c = 0; c < letters.length; c++) {
      letters[c] = String.valueOf(c).intern();
    }
    return letters;
  }

  int direction(boolean fromA) {
    return fromA == origIsA ? ORIG : RESP;
  }

  /** Adds a history letter, upper case from the originator, lower case from the responder. */
  void addHistory(char letter, int direction) {
    history.append(direction == ORIG ? letter : Character.toLowerCase(letter));
  }

  /**
   * Zeek's CheckHistory: adds the letter the first time {@code bit} is seen in this direction; returns whether it
   * had been seen already.
   */
  boolean checkHistory(int bit, char letter, int direction) {
    int mask = direction == ORIG ? bit : bit << 16;
    if ((historySeen & mask) == 0) {
      historySeen |= mask;
      addHistory(letter, direction);
      return false;
    }
    return true;
  }

  /** Swaps the originator and responder roles (Zeek's FlipRoles), which history records as '^'. */
  void flip() {
    origIsA = !origIsA;
    swap(packets);
    swap(ipBytes);
    swap(payloadBytes);
    swap(frameBytes);
    if (tcp != null) {
      TcpEndpoint t = tcp[0];
      tcp[0] = tcp[1];
      tcp[1] = t;
    }
    historySeen = (historySeen >>> 16) | (historySeen << 16);
    history.append('^');
  }

  private static void swap(long[] pair) {
    long t = pair[0];
    pair[0] = pair[1];
    pair[1] = t;
  }

  @Override
  public void tls(FlowRecord.Tls hello) {
    if (tls == null) {
      tls = hello;
    } else if (hello != null) {
      // A ServerHello completes a ClientHello: the name and fingerprint are the client's, the version and ALPN
      // protocol the server's choice (a later value replaces the offer).
      tls = new FlowRecord.Tls(first(tls.sni(), hello.sni()), first(hello.version(), tls.version()),
          first(hello.alpn(), tls.alpn()), first(tls.ja3(), hello.ja3()));
    }
  }

  @Override
  public void http(FlowRecord.Http exchange) {
    if (http == null) {
      http = exchange;
    } else if (exchange != null) {
      http = new FlowRecord.Http(first(http.method(), exchange.method()), first(http.host(), exchange.host()),
          first(http.uri(), exchange.uri()), http.status() != 0 ? http.status() : exchange.status(),
          first(http.userAgent(), exchange.userAgent()));
    }
  }

  private static String first(String a, String b) {
    return a != null ? a : b;
  }

  /** A DNS message: a response completes the latest unanswered query of the same name, else it is added. */
  @Override
  public void dns(FlowRecord.Dns transaction) {
    if (transaction.rcode() >= 0 && dns != null) {
      for (int i = dns.size() - 1; i >= 0; i--) {
        FlowRecord.Dns query = dns.get(i);
        if (query.rcode() < 0 && java.util.Objects.equals(query.query(), transaction.query())) {
          dns.set(i, transaction);
          return;
        }
      }
    }
    addDns(transaction);
  }

  private void addDns(FlowRecord.Dns transaction) {
    if (dns == null) {
      dns = new ArrayList<>(2);
    }
    if (dns.size() < FlowRecord.MAX_DNS) {
      dns.add(transaction);
    } else {
      dnsMore++;
    }
  }
}
