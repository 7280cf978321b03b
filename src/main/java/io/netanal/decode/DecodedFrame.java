package io.netanal.decode;

/**
 * What {@link FrameDecoder} found in one frame: the protocols present, up to {@link #MAX_IP_LAYERS} IP headers'
 * addresses (outermost first; more for IP-in-IP, GRE and UDP tunnels), the innermost transport header's
 * ports and TCP flags, and the decode status.
 *
 * <p>A mutable flyweight, reused for every frame and owned by the one thread that decodes; nothing in it
 * outlives the next {@code decode} call. IPv4 addresses are ints, IPv6 addresses two longs (high, low), all in
 * network order as read.
 */
public final class DecodedFrame {
  public static final int MAX_IP_LAYERS = 3;
  /** {@link #transportProtocol()} when the frame has no transport header. */
  public static final int NO_TRANSPORT = -1;
  /** {@link #sourcePort()} and {@link #tcpFlags()} when the frame has none. */
  public static final int NONE = -1;
  /** Deepest stack of encapsulations (VLAN tags, MPLS, tunnels, IPv6 extension headers) decoded in one frame. */
  static final int MAX_NESTING = 32;

  long protocols;
  int status;
  int ipCount;
  final int[] ipVersion = new int[MAX_IP_LAYERS];
  final int[] ipv4Source = new int[MAX_IP_LAYERS];
  final int[] ipv4Destination = new int[MAX_IP_LAYERS];
  final long[] ipv6SourceHigh = new long[MAX_IP_LAYERS];
  final long[] ipv6SourceLow = new long[MAX_IP_LAYERS];
  final long[] ipv6DestinationHigh = new long[MAX_IP_LAYERS];
  final long[] ipv6DestinationLow = new long[MAX_IP_LAYERS];
  int transportProtocol;
  int sourcePort;
  int destinationPort;
  int tcpFlags;
  /** End (exclusive) of the captured bytes, to tell a header cut by the capture from one cut by a length field. */
  int frameEnd;
  /** Encapsulations entered so far; bounds recursion through VLAN, MPLS, GRE and IP-in-IP stacks. */
  int nesting;

  /** Clears every field, as {@link FrameDecoder} does before decoding a frame. */
  public void reset() {
    protocols = 0;
    status = DecodeStatus.OK;
    ipCount = 0;
    transportProtocol = NO_TRANSPORT;
    sourcePort = NONE;
    destinationPort = NONE;
    tcpFlags = NONE;
    frameEnd = 0;
    nesting = 0;
  }

  /** Bit {@code 1L << id} is set for every {@link Protocol} id the frame contains. */
  public long protocols() {
    return protocols;
  }

  public boolean has(int protocolId) {
    return (protocols & (1L << protocolId)) != 0;
  }

  /** A {@link DecodeStatus} value. */
  public int status() {
    return status;
  }

  /** How many IP headers were decoded, 0 to {@link #MAX_IP_LAYERS}. */
  public int ipCount() {
    return ipCount;
  }

  /** 4 or 6. */
  public int ipVersion(int layer) {
    return ipVersion[layer];
  }

  public int ipv4Source(int layer) {
    return ipv4Source[layer];
  }

  public int ipv4Destination(int layer) {
    return ipv4Destination[layer];
  }

  public long ipv6SourceHigh(int layer) {
    return ipv6SourceHigh[layer];
  }

  public long ipv6SourceLow(int layer) {
    return ipv6SourceLow[layer];
  }

  public long ipv6DestinationHigh(int layer) {
    return ipv6DestinationHigh[layer];
  }

  public long ipv6DestinationLow(int layer) {
    return ipv6DestinationLow[layer];
  }

  /** The innermost transport header's IP protocol number (6 TCP, 17 UDP, 132 SCTP), or {@link #NO_TRANSPORT}. */
  public int transportProtocol() {
    return transportProtocol;
  }

  /** TCP, UDP or SCTP source port, or {@link #NONE}. */
  public int sourcePort() {
    return sourcePort;
  }

  public int destinationPort() {
    return destinationPort;
  }

  /** The TCP header's flag bits (FIN 0x01 ... CWR 0x80, NS 0x100), or {@link #NONE} without TCP. */
  public int tcpFlags() {
    return tcpFlags;
  }

  // Setters for the decoder, package-private: only decode fills a frame.

  void addProtocol(int id) {
    protocols |= 1L << id;
  }

  void fail(int status) {
    if (this.status == DecodeStatus.OK) {
      this.status = status;
    }
  }

  /**
   * Records that a header does not fit before {@code end}: {@link DecodeStatus#TRUNCATED} when {@code end} is the
   * end of the captured bytes, {@link DecodeStatus#MALFORMED} when an enclosing length field ended it earlier.
   */
  void failShort(int end) {
    fail(end < frameEnd ? DecodeStatus.MALFORMED : DecodeStatus.TRUNCATED);
  }

  /** Counts one more encapsulation; false (and {@link DecodeStatus#MALFORMED}) past {@link #MAX_NESTING}. */
  boolean enter() {
    if (++nesting > MAX_NESTING) {
      fail(DecodeStatus.MALFORMED);
      return false;
    }
    return true;
  }

  /** Records an IPv4 header; returns false when {@link #MAX_IP_LAYERS} are already recorded. */
  boolean addIpv4(int source, int destination) {
    if (ipCount == MAX_IP_LAYERS) {
      return false;
    }
    ipVersion[ipCount] = 4;
    ipv4Source[ipCount] = source;
    ipv4Destination[ipCount] = destination;
    ipCount++;
    return true;
  }

  boolean addIpv6(long sourceHigh, long sourceLow, long destinationHigh, long destinationLow) {
    if (ipCount == MAX_IP_LAYERS) {
      return false;
    }
    ipVersion[ipCount] = 6;
    ipv6SourceHigh[ipCount] = sourceHigh;
    ipv6SourceLow[ipCount] = sourceLow;
    ipv6DestinationHigh[ipCount] = destinationHigh;
    ipv6DestinationLow[ipCount] = destinationLow;
    ipCount++;
    return true;
  }

  void transport(int protocol, int sourcePort, int destinationPort) {
    this.transportProtocol = protocol;
    this.sourcePort = sourcePort;
    this.destinationPort = destinationPort;
  }

  void tcpFlags(int flags) {
    this.tcpFlags = flags;
  }

  /** For tests and other packages' fixtures: marks a protocol present. */
  public DecodedFrame withProtocol(int id) {
    addProtocol(id);
    return this;
  }

  /** For tests and other packages' fixtures: adds an IPv4 layer. */
  public DecodedFrame withIpv4(int source, int destination) {
    addIpv4(source, destination);
    return this;
  }

  /** For tests and other packages' fixtures: adds an IPv6 layer. */
  public DecodedFrame withIpv6(long sourceHigh, long sourceLow, long destinationHigh, long destinationLow) {
    addIpv6(sourceHigh, sourceLow, destinationHigh, destinationLow);
    return this;
  }

  /** For tests and other packages' fixtures: sets the transport header. */
  public DecodedFrame withTransport(int protocol, int sourcePort, int destinationPort, int tcpFlags) {
    transport(protocol, sourcePort, destinationPort);
    this.tcpFlags = tcpFlags;
    return this;
  }

  /** For tests and other packages' fixtures: sets the status. */
  public DecodedFrame withStatus(int status) {
    this.status = status;
    return this;
  }
}
