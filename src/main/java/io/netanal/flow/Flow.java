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
  /** A link to no flow ({@link #previous}, {@link #next}). */
  static final int NO_LINK = -1;
  /** History letters kept in {@link #historyPacked}: 9 of 7 bits fit a long. */
  private static final int PACKED_LETTERS = 9;
  /** One-letter histories as constants: most flows of a scan or flood are a lone "S". */
  private static final String[] ONE_LETTER = oneLetter();

  /** Given by the {@link FlowIndex} when it first holds this object, kept through reuse; -1 before. */
  int id = -1;
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
  /** TCP payload bytes already reported in interim (active-timeout) records, each way. */
  long origReported;
  long respReported;
  /** Creation order, to end the flows left at end of input in the order they started. */
  long serial;

  long firstTs;
  long lastTs;
  // Counters each way, as fields rather than pairs of arrays: a table holds 100,000s of flows, and five arrays cost
  // five objects (80 bytes of headers) per flow and a cache miss each when the flow ends.
  long origPackets;
  long respPackets;
  long origIpBytes;
  long respIpBytes;
  long origPayload;
  long respPayload;
  long origFrameBytes;
  long respFrameBytes;
  /** Application protocol ({@link io.netanal.decode.Protocol} id) first seen, or -1. */
  int service = -1;
  /** Whether the flow is TCP, and so has its endpoints ({@link #tcp}). */
  boolean isTcp;
  /**
   * TCP: the originator's and the responder's endpoint, as fields rather than an array (one object and one
   * dependent load less per flow). Kept when a non-TCP flow reuses this object, for a later TCP flow.
   */
  private TcpEndpoint origTcp;
  private TcpEndpoint respTcp;
  /** Handshake timing: the originator's SYN, then its first ACK after the responder's SYN-ACK. */
  long synTs = -1;
  boolean synAckSeen;
  long rttNanos = -1;

  /**
   * Zeek's history: its first {@link #PACKED_LETTERS} letters packed 7 bits each (a flow's history is mostly a few
   * letters; a StringBuilder would be two more objects per flow), the rest, rarely, in {@link #historyMore}.
   */
  private long historyPacked;
  private int historyLength;
  private StringBuilder historyMore;
  /** History letters seen once, Zeek's "seen once" bits: low 16 for the originator, high 16 for the responder. */
  int historySeen;

  /** Payload packets shown to the application hook so far. */
  int appPackets;
  List<FlowRecord.Dns> dns;
  int dnsMore;
  FlowRecord.Tls tls;
  FlowRecord.Http http;

  // Table bookkeeping: the idle list this flow is in, its neighbours there (or the next free flow) by id (see
  // IdleList: no references, so that moving a flow dirties no card), and why it is closing (null while open).
  int list;
  int previous = NO_LINK;
  int next = NO_LINK;
  String closing;

  /**
   * Makes this flow (ended, out of the table) as new, to be reused for the next one: a table that evicts a flow
   * per packet then allocates no flow, and no flow lives long enough to be copied to the old generation and die
   * there. The key, times and roles are set by the table when it reuses it.
   */
  void clear() {
    icmpType = -1;
    icmpCode = -1;
    origReported = 0;
    respReported = 0;
    clearCounters();
    service = -1;
    isTcp = false;
    synTs = -1;
    synAckSeen = false;
    rttNanos = -1;
    historyPacked = 0;
    historyLength = 0;
    historySeen = 0;
    appPackets = 0;
    dnsMore = 0;
    previous = NO_LINK;
    next = NO_LINK;
    // References are cleared only when set: a reference store marks the (old) flow's card dirty even when it
    // stores null, and most flows of a flood have none of these.
    if (historyMore != null) {
      historyMore = null;
    }
    if (dns != null) {
      dns = null;
    }
    if (tls != null) {
      tls = null;
    }
    if (http != null) {
      http = null;
    }
    if (closing != null) {
      closing = null;
    }
  }

  /** The originator's address words, as the key keeps them ({@link #aHigh}, {@link #aLow}: IPv4 in the low one). */
  long origHigh() {
    return origIsA ? aHigh : bHigh;
  }

  long origLow() {
    return origIsA ? aLow : bLow;
  }

  /** Gives the flow its TCP endpoints, as new (reused from an earlier TCP flow of this object when it had one). */
  void startTcp() {
    if (origTcp == null) {
      origTcp = new TcpEndpoint();
      respTcp = new TcpEndpoint();
    } else {
      origTcp.clear();
      respTcp.clear();
    }
    isTcp = true;
  }

  /** TCP only: the endpoint of {@link #ORIG} or {@link #RESP}. */
  TcpEndpoint tcp(int direction) {
    return direction == ORIG ? origTcp : respTcp;
  }

  /** Counts one packet sent by {@code direction}. */
  void count(int direction, long ipBytes, long frameBytes) {
    if (direction == ORIG) {
      origPackets++;
      origIpBytes += ipBytes;
      origFrameBytes += frameBytes;
    } else {
      respPackets++;
      respIpBytes += ipBytes;
      respFrameBytes += frameBytes;
    }
  }

  /** Adds payload bytes (non-TCP: TCP counts its payload by sequence space) sent by {@code direction}. */
  void addPayload(int direction, long bytes) {
    if (direction == ORIG) {
      origPayload += bytes;
    } else {
      respPayload += bytes;
    }
  }

  /** Zeroes the counters each way (a new interim record starts counting afresh). */
  void clearCounters() {
    origPackets = 0;
    respPackets = 0;
    origIpBytes = 0;
    respIpBytes = 0;
    origPayload = 0;
    respPayload = 0;
    origFrameBytes = 0;
    respFrameBytes = 0;
  }

  long frameBytes() {
    return origFrameBytes + respFrameBytes;
  }

  /** The history as text (a shared constant for one letter). */
  String historyText() {
    if (historyLength == 1) {
      return ONE_LETTER[historyLetter(0)];
    }
    char[] letters = new char[historyLength];
    for (int i = 0; i < letters.length; i++) {
      letters[i] = historyLetter(i);
    }
    return new String(letters);
  }

  int historyLength() {
    return historyLength;
  }

  char historyLetter(int i) {
    if (i < PACKED_LETTERS) {
      return (char) ((historyPacked >>> (7 * i)) & 0x7f);
    }
    return historyMore.charAt(i - PACKED_LETTERS);
  }

  private void appendHistory(char letter) {
    if (historyLength < PACKED_LETTERS) {
      historyPacked |= (long) (letter & 0x7f) << (7 * historyLength);
    } else {
      if (historyMore == null) {
        historyMore = new StringBuilder(8);
      }
      historyMore.append(letter);
    }
    historyLength++;
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

  /** Adds a history letter (ASCII), upper case from the originator, lower case from the responder. */
  void addHistory(char letter, int direction) {
    appendHistory(direction == ORIG ? letter : Character.toLowerCase(letter));
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
    long t = origPackets;
    origPackets = respPackets;
    respPackets = t;
    t = origIpBytes;
    origIpBytes = respIpBytes;
    respIpBytes = t;
    t = origPayload;
    origPayload = respPayload;
    respPayload = t;
    t = origFrameBytes;
    origFrameBytes = respFrameBytes;
    respFrameBytes = t;
    if (isTcp) {
      TcpEndpoint e = origTcp;
      origTcp = respTcp;
      respTcp = e;
    }
    historySeen = (historySeen >>> 16) | (historySeen << 16);
    appendHistory('^');
  }

  @Override
  public void tls(FlowRecord.Tls hello) {
    if (tls == null) {
      tls = hello;
    } else if (hello != null) {
      tls = tls.completedBy(hello);
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
