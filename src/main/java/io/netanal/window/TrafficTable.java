package io.netanal.window;

import java.util.Arrays;

/**
 * The traffic of one window per address: what each address sent (the {@code netanal.window/1} features), what it
 * received (for victim-side detectors), and its probes (SYNs, UDP to lower ports, ICMP echo requests) with their
 * distinct targets and ports and the most probed target and port.
 *
 * <p>Owned by the one thread that aggregates. Columns are primitive arrays indexed by row; rows are found through
 * an open-addressing index of the address. Bounded: at most {@code maxRows} addresses; the traffic of any further
 * address goes to one {@code other} row (counted by {@link #overflowPackets()}), so a flood of spoofed sources
 * cannot grow it. Arrays grow by doubling up to the cap and are reused by {@link #clear()}, so a table in the
 * steady state allocates nothing.
 */
final class TrafficTable {
  // Sent by the row's address.
  static final int PACKETS = 0;
  static final int BYTES = 1;
  static final int FIRST_TS = 2;
  static final int LAST_TS = 3;
  static final int GAPS = 4;
  static final int TCP_SYN = 5;
  static final int TCP_SYN_ACK = 6;
  static final int TCP_RST = 7;
  static final int TCP_FIN = 8;
  static final int UDP = 9;
  static final int ICMP = 10;
  static final int ICMP_UNREACHABLE = 11;
  static final int ICMP_ECHO = 12;
  static final int DNS_QUERIES = 13;
  static final int DNS_QUERY_BYTES = 14;
  static final int DNS_RESPONSES = 15;
  static final int DNS_RESPONSE_BYTES = 16;
  static final int PROBES = 17;
  static final int FLOWS = 18;
  static final int FLOWS_FAILED = 19;
  static final int RETRANSMISSIONS = 20;
  static final int RTT_COUNT = 21;
  // Received by the row's address.
  static final int R_PACKETS = 22;
  static final int R_BYTES = 23;
  static final int R_SYN = 24;
  static final int R_SYN_ACK = 25;
  static final int R_RST = 26;
  static final int R_ACK = 27;
  static final int R_UDP = 28;
  static final int R_ICMP = 29;
  static final int R_ICMP_UNREACHABLE = 30;
  static final int R_ICMP_ECHO_REPLY = 31;
  static final int R_DNS_RESPONSES = 32;
  static final int R_DNS_RESPONSE_BYTES = 33;
  // Boyer-Moore majority vote over the row's probes: candidate target address and port, and their votes.
  static final int TOP_TARGET_HIGH = 34;
  static final int TOP_TARGET_LOW = 35;
  static final int TOP_TARGET_VOTES = 36;
  static final int TOP_PORT = 37;
  static final int TOP_PORT_VOTES = 38;
  // The same vote over the sources of what the row's address received.
  static final int TOP_SOURCE_HIGH = 39;
  static final int TOP_SOURCE_LOW = 40;
  static final int TOP_SOURCE_VOTES = 41;
  /** ICMP errors received (unreachable, time exceeded, parameter problem...): answers, not traffic of their own. */
  static final int R_ICMP_ERRORS = 42;
  static final int LONGS = 43;

  static final int SIZE_SQUARES = 0;
  static final int GAP_SUM = 1;
  static final int GAP_SQUARES = 2;
  static final int RTT_SUM = 3;
  static final int DOUBLES = 4;

  static final int DST_ADDRESSES = 0;
  static final int DST_PORTS = 1;
  static final int PROBE_ADDRESSES = 2;
  static final int PROBE_PORTS = 3;
  static final int SOURCES = 4;
  /** Addresses that answered the row's address: SYN-ACKs, echo replies, UDP from a service port. */
  static final int RESPONDENTS = 5;
  static final int DISTINCTS = 6;

  private static final int INITIAL_ROWS = 64;

  private final int maxRows;
  private final int[] index;
  private final int mask;
  private long[] high = new long[0];
  private long[] low = new long[0];
  private final long[][] longs = new long[LONGS][0];
  private final double[][] doubles = new double[DOUBLES][0];
  private final DistinctColumn[] distincts = new DistinctColumn[DISTINCTS];
  private int rows;
  /** The {@code other} row, or -1 until the table first overflows. */
  private int otherRow = -1;
  private long overflowPackets;

  TrafficTable(int maxRows, int maxSketches) {
    if (maxRows < 1) {
      throw new IllegalArgumentException("maxRows: " + maxRows + " (expected: >= 1)");
    }
    this.maxRows = maxRows;
    int slots = Integer.highestOneBit(Math.max(2, maxRows) * 2 - 1) << 1; // a power of two >= 2 * maxRows
    this.index = new int[slots];
    this.mask = slots - 1;
    for (int i = 0; i < DISTINCTS; i++) {
      distincts[i] = new DistinctColumn(maxSketches);
    }
  }

  /** The row of an address, added when new; the {@code other} row when the table is full. */
  int row(long addressHigh, long addressLow) {
    int slot = (int) AddressKeys.hash(addressHigh, addressLow) & mask;
    while (true) {
      int entry = index[slot];
      if (entry == 0) {
        break;
      }
      int r = entry - 1;
      if (high[r] == addressHigh && low[r] == addressLow && r != otherRow) {
        return r;
      }
      slot = (slot + 1) & mask;
    }
    if (rows - (otherRow >= 0 ? 1 : 0) >= maxRows) {
      return other();
    }
    int r = newRow(addressHigh, addressLow);
    index[slot] = r + 1;
    return r;
  }

  private int other() {
    if (otherRow < 0) {
      otherRow = newRow(0, 0);
    }
    return otherRow;
  }

  private int newRow(long addressHigh, long addressLow) {
    if (rows == high.length) {
      grow(Math.max(INITIAL_ROWS, rows * 2));
    }
    int r = rows++;
    high[r] = addressHigh;
    low[r] = addressLow;
    for (long[] column : longs) {
      column[r] = 0;
    }
    for (double[] column : doubles) {
      column[r] = 0;
    }
    longs[FIRST_TS][r] = Long.MAX_VALUE;
    longs[LAST_TS][r] = Long.MIN_VALUE;
    return r;
  }

  private void grow(int capacity) {
    capacity = Math.min(capacity, maxRows + 1);
    high = Arrays.copyOf(high, capacity);
    low = Arrays.copyOf(low, capacity);
    for (int i = 0; i < LONGS; i++) {
      longs[i] = Arrays.copyOf(longs[i], capacity);
    }
    for (int i = 0; i < DOUBLES; i++) {
      doubles[i] = Arrays.copyOf(doubles[i], capacity);
    }
    for (DistinctColumn d : distincts) {
      d.ensureRows(capacity);
    }
  }

  /** Counts a packet a row's address sent, at {@code timestampNanos}, of {@code bytes} on the wire. */
  void sent(int r, long timestampNanos, long bytes) {
    long[] last = longs[LAST_TS];
    if (longs[PACKETS][r] > 0 && timestampNanos >= last[r]) {
      // Inter-arrival of this address's packets, in their arrival order within the window (out-of-order packets
      // give no gap: a negative one would only blur the jitter).
      double gap = timestampNanos - last[r];
      longs[GAPS][r]++;
      doubles[GAP_SUM][r] += gap;
      doubles[GAP_SQUARES][r] += gap * gap;
    }
    longs[PACKETS][r]++;
    longs[BYTES][r] += bytes;
    doubles[SIZE_SQUARES][r] += (double) bytes * bytes;
    if (timestampNanos < longs[FIRST_TS][r]) {
      longs[FIRST_TS][r] = timestampNanos;
    }
    if (timestampNanos > last[r]) {
      last[r] = timestampNanos;
    }
  }

  void add(int column, int r, long value) {
    longs[column][r] += value;
  }

  void addDouble(int column, int r, double value) {
    doubles[column][r] += value;
  }

  void distinct(int column, int r, long hash) {
    distincts[column].add(r, hash);
  }

  /** A packet row {@code r} received from a source: a vote in its majority count of sources. */
  void receivedFrom(int r, long sourceHigh, long sourceLow) {
    vote(r, TOP_SOURCE_HIGH, TOP_SOURCE_LOW, TOP_SOURCE_VOTES, sourceHigh, sourceLow);
  }

  private void vote(int r, int highColumn, int lowColumn, int votesColumn, long h, long l) {
    long[] votes = longs[votesColumn];
    if (votes[r] == 0) {
      longs[highColumn][r] = h;
      longs[lowColumn][r] = l;
      votes[r] = 1;
    } else if (longs[highColumn][r] == h && longs[lowColumn][r] == l) {
      votes[r]++;
    } else {
      votes[r]--;
    }
  }

  private void mergeVote(int r, int highColumn, int lowColumn, int votesColumn, TrafficTable from, int f) {
    long[] votes = longs[votesColumn];
    long fv = from.longs[votesColumn][f];
    long fh = from.longs[highColumn][f];
    long fl = from.longs[lowColumn][f];
    if (longs[highColumn][r] == fh && longs[lowColumn][r] == fl) {
      votes[r] += fv;
    } else if (fv > votes[r]) {
      longs[highColumn][r] = fh;
      longs[lowColumn][r] = fl;
      votes[r] = fv - votes[r];
    } else {
      votes[r] -= fv;
    }
  }

  /** One probe from row {@code r} to a target and port (-1 for ICMP): a vote in each majority count. */
  void probe(int r, long targetHigh, long targetLow, int port) {
    longs[PROBES][r]++;
    vote(r, TOP_TARGET_HIGH, TOP_TARGET_LOW, TOP_TARGET_VOTES, targetHigh, targetLow);
    vote(r, TOP_PORT, TOP_PORT, TOP_PORT_VOTES, port, port);
  }

  /** Adds every row of {@code from} (a window inside this one) to this table: sums add, sets and votes merge. */
  void merge(TrafficTable from) {
    for (int f = 0; f < from.rows; f++) {
      int r = f == from.otherRow ? other() : row(from.high[f], from.low[f]);
      for (int c = 0; c < LONGS; c++) {
        long v = from.longs[c][f];
        switch (c) {
          case FIRST_TS -> longs[c][r] = Math.min(longs[c][r], v);
          case LAST_TS -> longs[c][r] = Math.max(longs[c][r], v);
          case TOP_TARGET_HIGH, TOP_TARGET_LOW, TOP_TARGET_VOTES, TOP_PORT, TOP_PORT_VOTES, TOP_SOURCE_HIGH,
              TOP_SOURCE_LOW, TOP_SOURCE_VOTES -> { }
          default -> longs[c][r] += v;
        }
      }
      mergeVotes(r, from, f);
      for (int c = 0; c < DOUBLES; c++) {
        doubles[c][r] += from.doubles[c][f];
      }
      for (int c = 0; c < DISTINCTS; c++) {
        distincts[c].merge(r, from.distincts[c], f);
      }
    }
    overflowPackets += from.overflowPackets;
  }

  /** Merging two Boyer-Moore votes keeps the stronger candidate with the difference of votes (or the sum). */
  private void mergeVotes(int r, TrafficTable from, int f) {
    mergeVote(r, TOP_TARGET_HIGH, TOP_TARGET_LOW, TOP_TARGET_VOTES, from, f);
    mergeVote(r, TOP_PORT, TOP_PORT, TOP_PORT_VOTES, from, f);
    mergeVote(r, TOP_SOURCE_HIGH, TOP_SOURCE_LOW, TOP_SOURCE_VOTES, from, f);
  }

  void countOverflow(int r) {
    if (r == otherRow) {
      overflowPackets++;
    }
  }

  int rows() {
    return rows;
  }

  boolean isOther(int r) {
    return r == otherRow;
  }

  long high(int r) {
    return high[r];
  }

  long low(int r) {
    return low[r];
  }

  long get(int column, int r) {
    return longs[column][r];
  }

  double getDouble(int column, int r) {
    return doubles[column][r];
  }

  long distinctCount(int column, int r) {
    return distincts[column].count(r);
  }

  /** Packets (sent or received) counted in the {@code other} row because the table was full. */
  long overflowPackets() {
    return overflowPackets;
  }

  /** Rows whose distinct counts stopped at the exact bound because every sketch was in use. */
  long saturatedCounts() {
    long n = 0;
    for (DistinctColumn d : distincts) {
      n += d.saturated();
    }
    return n;
  }

  boolean isEmpty() {
    return rows == 0;
  }

  /** Empties the table for the next window, keeping its arrays. */
  void clear() {
    Arrays.fill(index, 0);
    for (DistinctColumn d : distincts) {
      d.clear(rows);
    }
    rows = 0;
    otherRow = -1;
    overflowPackets = 0;
  }

  /** Bytes held by the table's arrays, for the memory-bound test. */
  long footprint() {
    long bytes = 4L * index.length + 16L * high.length + 8L * (LONGS + DOUBLES) * high.length;
    for (DistinctColumn d : distincts) {
      bytes += d.footprint();
    }
    return bytes;
  }
}
