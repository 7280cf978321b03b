package io.netanal.decode;

/**
 * What {@link FrameDecoder} found in one frame: the protocols present, up to {@link #MAX_IP_LAYERS} IP headers'
 * addresses (outermost first; more for IP-in-IP, GRE and UDP tunnels), the innermost transport header's
 * ports and TCP flags, and the decode status.
 *
 * <p>A mutable flyweight, reused for every frame and owned by the one thread that decodes; nothing in it
 * outlives the next {@code decode} call. IPv4 addresses are ints, IPv6 addresses two longs (high, low), all in
 * network order as read. The per-layer accessors take a layer below {@link #ipCount()}: deeper layers are not
 * recorded, and a frame object that never met a tunnel has no room for them.
 */
public final class DecodedFrame {
  public static final int MAX_IP_LAYERS = 3;
  /** {@link #transportProtocol()} when the frame has no transport header. */
  public static final int NO_TRANSPORT = -1;
  /** {@link #sourcePort()} and {@link #tcpFlags()} when the frame has none. */
  public static final int NONE = -1;
  /** Deepest stack of encapsulations (VLAN tags, MPLS, tunnels, IPv6 extension headers) decoded in one frame. */
  static final int MAX_NESTING = 32;

  // The fields every consumer reads per frame are plain fields of this one object, the outermost IP header's
  // among them: a staged batch holds a thousand frames, written on the reading thread and read on the stage
  // threads, so each frame's size in cache lines is paid on both cores (nine per-layer arrays made a frame about
  // 420 bytes in ten objects; now it is 120 bytes in one, see below). Headers inside a tunnel go to Inner, made
  // the first time this frame object meets a tunnel.
  long protocols;
  // Small values in small fields: 120 bytes a frame instead of 152, under two cache lines instead of over.
  byte status;
  byte ipCount;
  byte ipVersion0;
  int ipv4Source0;
  int ipv4Destination0;
  long ipv6SourceHigh0;
  long ipv6SourceLow0;
  long ipv6DestinationHigh0;
  long ipv6DestinationLow0;
  /** Where the outermost IP header starts in the buffer, and the length it declares (header included). */
  int ipOffset0;
  int ipLength0;
  /** IP layers 1 and up (index 0 unused), or null while this frame object has not met a tunnel. */
  private Inner inner;
  /** An IP header past {@link #MAX_IP_LAYERS} was not recorded: later transport headers are not recorded either. */
  boolean ipLayerDropped;
  short vlanId;
  short transportProtocol;
  byte transportLayer;
  int sourcePort;
  int destinationPort;
  short tcpFlags;
  int tcpSequence;
  int tcpAcknowledgment;
  int tcpWindow;
  short icmpType;
  short icmpCode;
  int payloadOffset;
  int payloadEnd;
  /** End (exclusive) of the captured bytes, to tell a header cut by the capture from one cut by a length field. */
  int frameEnd;
  /** Encapsulations entered so far; bounds recursion through VLAN, MPLS, GRE and IP-in-IP stacks. */
  byte nesting;

  /** Clears every field, as {@link FrameDecoder} does before decoding a frame. */
  public void reset() {
    protocols = 0;
    status = DecodeStatus.OK;
    ipCount = 0;
    ipLayerDropped = false;
    vlanId = NONE;
    transportProtocol = NO_TRANSPORT;
    transportLayer = NONE;
    sourcePort = NONE;
    destinationPort = NONE;
    tcpFlags = NONE;
    tcpSequence = 0;
    tcpAcknowledgment = 0;
    tcpWindow = NONE;
    icmpType = NONE;
    icmpCode = NONE;
    payloadOffset = NONE;
    payloadEnd = NONE;
    frameEnd = 0;
    nesting = 0;
  }

  /** Moves every offset by {@code delta}: the frame was decoded from a copy starting {@code delta} bytes earlier. */
  void shift(int delta) {
    if (ipCount > 0) {
      ipOffset0 += delta;
    }
    for (int i = 1; i < ipCount; i++) {
      inner.ipOffset[i] += delta;
    }
    if (payloadOffset != NONE) {
      payloadOffset += delta;
      payloadEnd += delta;
    }
    frameEnd += delta;
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
    return layer == 0 ? ipVersion0 : inner.ipVersion[layer];
  }

  public int ipv4Source(int layer) {
    return layer == 0 ? ipv4Source0 : inner.ipv4Source[layer];
  }

  public int ipv4Destination(int layer) {
    return layer == 0 ? ipv4Destination0 : inner.ipv4Destination[layer];
  }

  public long ipv6SourceHigh(int layer) {
    return layer == 0 ? ipv6SourceHigh0 : inner.ipv6SourceHigh[layer];
  }

  public long ipv6SourceLow(int layer) {
    return layer == 0 ? ipv6SourceLow0 : inner.ipv6SourceLow[layer];
  }

  public long ipv6DestinationHigh(int layer) {
    return layer == 0 ? ipv6DestinationHigh0 : inner.ipv6DestinationHigh[layer];
  }

  public long ipv6DestinationLow(int layer) {
    return layer == 0 ? ipv6DestinationLow0 : inner.ipv6DestinationLow[layer];
  }

  /** Offset in the frame's buffer of IP header {@code layer}. */
  public int ipOffset(int layer) {
    return layer == 0 ? ipOffset0 : inner.ipOffset[layer];
  }

  /**
   * The length IP header {@code layer} declares for its packet, header included (IPv4 total length, IPv6 40 +
   * payload length; the captured bytes from the header on when the field is 0, as segmentation offload writes it).
   * It may exceed the captured bytes when the capture cut the packet.
   */
  public int ipLength(int layer) {
    return layer == 0 ? ipLength0 : inner.ipLength[layer];
  }

  /** The first 802.1Q/802.1ad tag's VLAN ID (0-4095), or {@link #NONE} without a tag. */
  public int vlanId() {
    return vlanId;
  }

  /** The innermost transport header's IP protocol number (6 TCP, 17 UDP, 132 SCTP), or {@link #NO_TRANSPORT}. */
  public int transportProtocol() {
    return transportProtocol;
  }

  /**
   * The IP layer that carries the transport header (TCP, UDP, SCTP) or, without one, the ICMP message: the layer
   * whose addresses pair with {@link #sourcePort()}/{@link #destinationPort()} or {@link #icmpType()}; {@link #NONE}
   * when there is neither. With tunnels this is the innermost recorded layer; a transport inside an IP layer past
   * {@link #MAX_IP_LAYERS} is not recorded at all, so ports are never paired with an outer layer's addresses.
   */
  public int transportLayer() {
    return transportLayer;
  }

  /** The TCP sequence number (unsigned 32 bits in an int); 0 without TCP. */
  public int tcpSequence() {
    return tcpSequence;
  }

  /** The TCP acknowledgment number (unsigned 32 bits in an int); 0 without TCP. */
  public int tcpAcknowledgment() {
    return tcpAcknowledgment;
  }

  /** The TCP window field (unscaled), or {@link #NONE} without TCP. */
  public int tcpWindow() {
    return tcpWindow;
  }

  /** The ICMP or ICMPv6 message type of the frame's own ICMP header (not a quoted one), or {@link #NONE}. */
  public int icmpType() {
    return icmpType;
  }

  public int icmpCode() {
    return icmpCode;
  }

  /** Offset in the buffer of the transport payload (after the TCP, UDP or SCTP header), or {@link #NONE}. */
  public int payloadOffset() {
    return payloadOffset;
  }

  /** End (exclusive) of the transport payload's captured bytes, or {@link #NONE}; may be short of the declared end. */
  public int payloadEnd() {
    return payloadEnd;
  }

  /**
   * Transport payload bytes as the headers declare them (the IP length less the IP and transport headers), which
   * counts bytes a snaplen cut away; 0 without a payload. This is what TCP sequence space advances by.
   */
  public int payloadLength() {
    if (payloadOffset == NONE || transportLayer == NONE) {
      return 0;
    }
    return Math.max(0, ipOffset(transportLayer) + ipLength(transportLayer) - payloadOffset);
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
      this.status = (byte) status;
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
    int layer = ipCount;
    if (layer == 0) {
      ipVersion0 = 4;
      ipv4Source0 = source;
      ipv4Destination0 = destination;
      ipOffset0 = 0;
      ipLength0 = 0;
    } else if (layer < MAX_IP_LAYERS) {
      Inner in = inner();
      in.ipVersion[layer] = 4;
      in.ipv4Source[layer] = source;
      in.ipv4Destination[layer] = destination;
      in.ipOffset[layer] = 0;
      in.ipLength[layer] = 0;
    } else {
      ipLayerDropped = true;
      return false;
    }
    ipCount = (byte) (layer + 1);
    return true;
  }

  boolean addIpv6(long sourceHigh, long sourceLow, long destinationHigh, long destinationLow) {
    int layer = ipCount;
    if (layer == 0) {
      ipVersion0 = 6;
      ipv6SourceHigh0 = sourceHigh;
      ipv6SourceLow0 = sourceLow;
      ipv6DestinationHigh0 = destinationHigh;
      ipv6DestinationLow0 = destinationLow;
      ipOffset0 = 0;
      ipLength0 = 0;
    } else if (layer < MAX_IP_LAYERS) {
      Inner in = inner();
      in.ipVersion[layer] = 6;
      in.ipv6SourceHigh[layer] = sourceHigh;
      in.ipv6SourceLow[layer] = sourceLow;
      in.ipv6DestinationHigh[layer] = destinationHigh;
      in.ipv6DestinationLow[layer] = destinationLow;
      in.ipOffset[layer] = 0;
      in.ipLength[layer] = 0;
    } else {
      ipLayerDropped = true;
      return false;
    }
    ipCount = (byte) (layer + 1);
    return true;
  }

  /** The inner layers' arrays, made once per frame object: the steady state allocates nothing. */
  private Inner inner() {
    Inner in = inner;
    if (in == null) {
      in = new Inner();
      inner = in;
    }
    return in;
  }

  /** Where the IP header just added starts and the length it declares (see {@link #ipLength(int)}). */
  void ipExtent(int offset, int length) {
    // Small enough for C1 to inline into the IP decoders; inner layers take a call of their own.
    if (ipCount == 1) {
      ipOffset0 = offset;
      ipLength0 = length;
    } else {
      innerExtent(offset, length);
    }
  }

  private void innerExtent(int offset, int length) {
    inner.ipOffset[ipCount - 1] = offset;
    inner.ipLength[ipCount - 1] = length;
  }

  /** Records the first VLAN tag's ID; inner tags of a QinQ stack leave it alone. */
  void vlan(int id) {
    if (vlanId == NONE) {
      vlanId = (short) id;
    }
  }

  void transport(int protocol, int sourcePort, int destinationPort) {
    if (ipLayerDropped) {
      return;
    }
    this.transportProtocol = (short) protocol;
    this.transportLayer = (byte) (ipCount - 1);
    this.sourcePort = sourcePort;
    this.destinationPort = destinationPort;
    this.tcpFlags = NONE;
    this.icmpType = NONE;
    this.icmpCode = NONE;
    this.payloadOffset = NONE;
    this.payloadEnd = NONE;
  }

  void tcpFlags(int flags) {
    this.tcpFlags = (short) flags;
  }

  /** The TCP header's numbers, after {@link #transport}. */
  void tcp(int flags, int sequence, int acknowledgment, int window) {
    if (ipLayerDropped) {
      return;
    }
    this.tcpFlags = (short) flags;
    this.tcpSequence = sequence;
    this.tcpAcknowledgment = acknowledgment;
    this.tcpWindow = window;
  }

  /** The transport payload's start and captured end, after {@link #transport}. */
  void payload(int offset, int end) {
    if (ipLayerDropped) {
      return;
    }
    this.payloadOffset = offset;
    this.payloadEnd = Math.max(offset, end);
  }

  /** The frame's own ICMP/ICMPv6 header (not one quoted in an error message). */
  void icmp(int type, int code) {
    if (ipLayerDropped || ipCount == 0) {
      return;
    }
    // The innermost header wins, as for ports: an ICMP message inside a UDP tunnel replaces the tunnel's ports.
    this.transportProtocol = NO_TRANSPORT;
    this.sourcePort = NONE;
    this.destinationPort = NONE;
    this.tcpFlags = NONE;
    this.payloadOffset = NONE;
    this.payloadEnd = NONE;
    this.transportLayer = (byte) (ipCount - 1);
    this.icmpType = (short) type;
    this.icmpCode = (short) code;
  }

  /** IP layers 1 to {@link #MAX_IP_LAYERS} - 1 (tunnels), indexed by layer; index 0 is in the frame's own fields. */
  private static final class Inner {
    final int[] ipVersion = new int[MAX_IP_LAYERS];
    final int[] ipv4Source = new int[MAX_IP_LAYERS];
    final int[] ipv4Destination = new int[MAX_IP_LAYERS];
    final long[] ipv6SourceHigh = new long[MAX_IP_LAYERS];
    final long[] ipv6SourceLow = new long[MAX_IP_LAYERS];
    final long[] ipv6DestinationHigh = new long[MAX_IP_LAYERS];
    final long[] ipv6DestinationLow = new long[MAX_IP_LAYERS];
    final int[] ipOffset = new int[MAX_IP_LAYERS];
    final int[] ipLength = new int[MAX_IP_LAYERS];
  }
}
