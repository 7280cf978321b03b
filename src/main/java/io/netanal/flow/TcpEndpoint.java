package io.netanal.flow;

/**
 * One side of a TCP connection as Zeek's TCP analyzer tracks it: its endpoint state, where its sequence space
 * starts and how far it has gone, and the counters behind its history letters.
 *
 * <p>Owned by the flow table's thread. Sequence numbers are kept relative to the endpoint's start (the ISN, or one
 * before the first sequence number seen when the SYN was missed, as Zeek assumes), unwrapped to 64 bits.
 */
final class TcpEndpoint {
  // Zeek's TCP_ENDPOINT_* states.
  static final int INACTIVE = 0;
  static final int SYN_SENT = 1;
  static final int SYN_ACK_SENT = 2;
  static final int PARTIAL = 3;
  static final int ESTABLISHED = 4;
  static final int CLOSED = 5;
  static final int RESET = 6;

  // Bytes, not ints: a table holds 100,000s of endpoints.
  byte state = INACTIVE;
  byte previousState = INACTIVE;
  /** Set once the endpoint sent a packet: {@link #start} and {@link #lastRaw} are valid. */
  boolean hasSequence;
  /** Raw ISN (or first sequence number - 1). */
  int start;
  /** The raw sequence number last unwrapped, and its unwrapped relative value. */
  int lastRaw;
  long lastRelative;
  /** Highest relative sequence end seen (payload, SYN and FIN each count), or acknowledged by the peer. */
  long highest;
  /** Highest relative end of payload seen, to tell retransmissions. */
  long dataEnd;
  boolean finSeen;
  /** Zeek's hist_last_SYN/FIN/RST: a repeated letter needs a different sequence number. */
  long lastSynSequence = Long.MIN_VALUE;
  long lastFinSequence = Long.MIN_VALUE;
  long lastRstSequence = Long.MIN_VALUE;
  long retransmissions;
  // Zeek's ScaledHistoryEntry counters (a letter at the 1st, 10th, 100th ... event).
  int retransmissionEvents;
  int gapEvents;
  int zeroWindowEvents;

  /** As new, for a reused flow. */
  void clear() {
    state = INACTIVE;
    previousState = INACTIVE;
    hasSequence = false;
    start = 0;
    lastRaw = 0;
    lastRelative = 0;
    highest = 0;
    dataEnd = 0;
    finSeen = false;
    lastSynSequence = Long.MIN_VALUE;
    lastFinSequence = Long.MIN_VALUE;
    lastRstSequence = Long.MIN_VALUE;
    retransmissions = 0;
    retransmissionEvents = 0;
    gapEvents = 0;
    zeroWindowEvents = 0;
  }

  void state(int newState) {
    previousState = state;
    state = (byte) newState;
  }

  /** Starts the sequence space at the first packet: a SYN's ISN, else (SYN missed) one before its sequence. */
  void initSequence(int sequence, boolean syn) {
    hasSequence = true;
    start = syn ? sequence : sequence - 1;
    lastRaw = start;
    lastRelative = 0;
    highest = 1;
    dataEnd = 1;
  }

  /** A SYN whose sequence number jumped (Zeek's SYN_seq_jump): the sequence space starts again. */
  void restartSequence(int isn) {
    initSequence(isn, true);
  }

  /** The raw sequence number as an offset from {@link #start}, unwrapped against the last one seen. */
  long relative(int sequence) {
    long value = lastRelative + (sequence - lastRaw); // int subtraction wraps: the signed distance
    lastRaw = sequence;
    lastRelative = value;
    return value;
  }

  /** The relative value of a sequence number without moving the unwrap reference (for acknowledgments). */
  long peek(int sequence) {
    return lastRelative + (sequence - lastRaw);
  }

  /** Payload bytes by sequence space: highest end less the SYN and FIN octets, as Zeek's endpoint Size(). */
  long size() {
    if (!hasSequence) {
      return 0;
    }
    long size = highest - 1 - (finSeen ? 1 : 0);
    return Math.max(0, size);
  }

  boolean inactive() {
    return state == INACTIVE || state == PARTIAL;
  }

  /**
   * Zeek's ScaledHistoryEntry: true at the 1st, 10th, 100th ... event (its threshold, multiplied by 10 each time it
   * is reached, is always the next power of ten, so it need not be kept).
   */
  static boolean scaled(int events) {
    int threshold = 1;
    while (threshold < events && threshold <= Integer.MAX_VALUE / 10) {
      threshold *= 10;
    }
    return threshold == events;
  }
}
