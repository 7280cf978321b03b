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
  // Sums (merged by adding), first: [0, SUMS). Sent by the row's address.
  static final int PACKETS = 0;
  static final int BYTES = 1;
  static final int GAPS = 2;
  static final int TCP_SYN = 3;
  static final int TCP_SYN_ACK = 4;
  static final int TCP_RST = 5;
  static final int TCP_FIN = 6;
  static final int UDP = 7;
  static final int ICMP = 8;
  static final int ICMP_UNREACHABLE = 9;
  static final int ICMP_ECHO = 10;
  static final int DNS_QUERIES = 11;
  static final int DNS_QUERY_BYTES = 12;
  static final int DNS_RESPONSES = 13;
  static final int DNS_RESPONSE_BYTES = 14;
  static final int PROBES = 15;
  static final int FLOWS = 16;
  static final int FLOWS_FAILED = 17;
  static final int RETRANSMISSIONS = 18;
  static final int RTT_COUNT = 19;
  // Received by the row's address.
  static final int R_PACKETS = 20;
  static final int R_BYTES = 21;
  static final int R_SYN = 22;
  static final int R_SYN_ACK = 23;
  static final int R_RST = 24;
  static final int R_ACK = 25;
  static final int R_UDP = 26;
  static final int R_ICMP = 27;
  static final int R_ICMP_UNREACHABLE = 28;
  static final int R_ICMP_ECHO_REPLY = 29;
  static final int R_DNS_RESPONSES = 30;
  static final int R_DNS_RESPONSE_BYTES = 31;
  /** ICMP errors received (unreachable, time exceeded, parameter problem...): answers, not traffic of their own. */
  static final int R_ICMP_ERRORS = 32;
  private static final int SUMS = 33;
  // Merged by minimum and maximum.
  static final int FIRST_TS = 33;
  static final int LAST_TS = 34;
  // Boyer-Moore majority vote over the row's probes: candidate target address and port, and their votes.
  static final int TOP_TARGET_HIGH = 35;
  static final int TOP_TARGET_LOW = 36;
  static final int TOP_TARGET_VOTES = 37;
  static final int TOP_PORT = 38;
  static final int TOP_PORT_VOTES = 39;
  // The same vote over the sources of what the row's address received.
  static final int TOP_SOURCE_HIGH = 40;
  static final int TOP_SOURCE_LOW = 41;
  static final int TOP_SOURCE_VOTES = 42;
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

  /** A new row's columns: zeros, and first/last timestamps that any packet's replace. */
  private static final long[] BLANK_LONGS = new long[LONGS];
  private static final double[] BLANK_DOUBLES = new double[DOUBLES];

  static {
    BLANK_LONGS[FIRST_TS] = Long.MAX_VALUE;
    BLANK_LONGS[LAST_TS] = Long.MIN_VALUE;
  }

  private static final int INITIAL_ROWS = 64;
  private static final int INITIAL_SLOTS = 2 * INITIAL_ROWS;

  private final int maxRows;
  private final boolean records;
  private final int maxSlots;
  /**
   * Open addressing over the rows, at most half full, grown by doubling: per slot, the high 32 bits of the address's
   * hash and row + 1 below them, 0 when free. A probe passes an entry of another address by its hash bits alone,
   * without reading that row's address (two more cache misses each: under a flood of new addresses, in a full
   * table, every lookup passed one or two such entries).
   */
  private long[] index = new long[INITIAL_SLOTS];
  private int mask = INITIAL_SLOTS - 1;
  /** Per row, its slot in {@link #index} (-1 for the {@code other} row), so {@link #clear} frees only those. */
  private int[] slotOf = new int[0];
  private long[] high = new long[0];
  private long[] low = new long[0];
  /** Per row, its address as text once a record needed it (null before), handed on by {@link #merge}. */
  private String[] text = new String[0];
  /** Row-major: row r's columns are {@code longs[r * LONGS, (r + 1) * LONGS)}, one or two cache lines a packet. */
  private long[] longs = new long[0];
  private double[] doubles = new double[0];
  private final DistinctColumn[] distincts = new DistinctColumn[DISTINCTS];
  private int rows;
  /** The {@code other} row, or -1 until the table first overflows. */
  private int otherRow = -1;
  private long overflowPackets;
  // The last two addresses looked up and their rows: a packet's source and destination are usually the previous
  // packet's too (either way round), so most packets find both rows without probing.
  private long recentHigh0;
  private long recentLow0;
  private int recentRow0 = -1;
  private long recentHigh1;
  private long recentLow1;
  private int recentRow1 = -1;
  private final RecentPairs pairs = new RecentPairs();

  TrafficTable(int maxRows, int maxSketches) {
    this(maxRows, maxSketches, true);
  }

  /**
   * @param records whether the table keeps every feature of the records, or only what {@link WindowRows}' accessors
   *     read (see {@link WindowAggregator#forDetection}): then the callers add no destination address or port,
   *     and {@link #sent} counts packets and bytes only
   */
  TrafficTable(int maxRows, int maxSketches, boolean records) {
    this.records = records;
    if (maxRows < 1) {
      throw new IllegalArgumentException("maxRows: " + maxRows + " (expected: >= 1)");
    }
    this.maxRows = maxRows;
    this.maxSlots = Math.max(INITIAL_SLOTS, Integer.highestOneBit(Math.max(2, maxRows) * 2 - 1) << 1);
    for (int i = 0; i < DISTINCTS; i++) {
      distincts[i] = new DistinctColumn(maxSketches);
    }
  }

  /** The last address pairs counted in this window (see {@link RecentPairs}). */
  RecentPairs pairs() {
    return pairs;
  }

  /** The row of an address, added when new; the {@code other} row when the table is full. */
  int row(long addressHigh, long addressLow) {
    return row(AddressKeys.hash(addressHigh, addressLow), addressHigh, addressLow);
  }

  /** {@link #row(long, long)} given the address's {@link AddressKeys#hash}, computed once per packet. */
  int row(long hash, long addressHigh, long addressLow) {
    if (recentRow0 >= 0 && recentLow0 == addressLow && recentHigh0 == addressHigh) {
      return recentRow0;
    }
    int r;
    if (recentRow1 >= 0 && recentLow1 == addressLow && recentHigh1 == addressHigh) {
      r = recentRow1;
    } else {
      r = find(hash, addressHigh, addressLow);
    }
    recentHigh1 = recentHigh0;
    recentLow1 = recentLow0;
    recentRow1 = recentRow0;
    recentHigh0 = addressHigh;
    recentLow0 = addressLow;
    recentRow0 = r;
    return r;
  }

  private int find(long hash, long addressHigh, long addressLow) {
    int slot = (int) hash & mask;
    int fingerprint = (int) (hash >>> 32);
    while (true) {
      long entry = index[slot];
      if (entry == 0) {
        break;
      }
      if ((int) (entry >>> 32) == fingerprint) {
        int r = (int) entry - 1;
        if (high[r] == addressHigh && low[r] == addressLow && r != otherRow) {
          return r;
        }
      }
      slot = (slot + 1) & mask;
    }
    if (rows - (otherRow >= 0 ? 1 : 0) >= maxRows) {
      return other();
    }
    int r = newRow(addressHigh, addressLow);
    if (2 * rows > index.length && index.length < maxSlots) {
      rehash(index.length * 2); // r is not in the index yet: it is placed below, in the new one
      slot = (int) hash & mask;
      while (index[slot] != 0) {
        slot = (slot + 1) & mask;
      }
    }
    index[slot] = entry(hash, r);
    slotOf[r] = slot;
    return r;
  }

  private static long entry(long hash, int r) {
    return (hash >>> 32) << 32 | (r + 1);
  }

  private void rehash(int slots) {
    index = new long[slots];
    mask = slots - 1;
    for (int r = 0; r < rows - 1; r++) { // the newest row is placed by the caller
      if (r != otherRow) {
        long hash = AddressKeys.hash(high[r], low[r]);
        int slot = (int) hash & mask;
        while (index[slot] != 0) {
          slot = (slot + 1) & mask;
        }
        index[slot] = entry(hash, r);
        slotOf[r] = slot;
      }
    }
  }

  private int other() {
    if (otherRow < 0) {
      otherRow = newRow(0, 0);
      slotOf[otherRow] = -1;
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
    text[r] = null;
    // Copied from a blank row: System.arraycopy is a stub under C1, where Arrays.fill is a loop per element.
    System.arraycopy(BLANK_LONGS, 0, longs, r * LONGS, LONGS);
    System.arraycopy(BLANK_DOUBLES, 0, doubles, r * DOUBLES, DOUBLES);
    return r;
  }

  private void grow(int capacity) {
    capacity = Math.min(capacity, maxRows + 1);
    high = Arrays.copyOf(high, capacity);
    low = Arrays.copyOf(low, capacity);
    slotOf = Arrays.copyOf(slotOf, capacity);
    text = Arrays.copyOf(text, capacity);
    longs = Arrays.copyOf(longs, capacity * LONGS);
    doubles = Arrays.copyOf(doubles, capacity * DOUBLES);
    for (DistinctColumn d : distincts) {
      d.ensureRows(capacity);
    }
  }

  /** Whether the table keeps every feature of the records (else only what detection reads). */
  boolean keepsRecords() {
    return records;
  }

  /** Counts a packet a row's address sent, at {@code timestampNanos}, of {@code bytes} on the wire. */
  void sent(int r, long timestampNanos, long bytes) {
    long[] l = longs;
    int b = r * LONGS;
    if (!records) { // the sizes' and gaps' sums, and the first and last times, are for the records only
      l[b + PACKETS]++;
      l[b + BYTES] += bytes;
      return;
    }
    int d = r * DOUBLES;
    long last = l[b + LAST_TS];
    if (l[b + PACKETS] > 0 && timestampNanos >= last) {
      // Inter-arrival of this address's packets, in their arrival order within the window (out-of-order packets
      // give no gap: a negative one would only blur the jitter).
      double gap = timestampNanos - last;
      l[b + GAPS]++;
      doubles[d + GAP_SUM] += gap;
      doubles[d + GAP_SQUARES] += gap * gap;
    }
    l[b + PACKETS]++;
    l[b + BYTES] += bytes;
    doubles[d + SIZE_SQUARES] += (double) bytes * bytes;
    if (timestampNanos < l[b + FIRST_TS]) {
      l[b + FIRST_TS] = timestampNanos;
    }
    if (timestampNanos > last) {
      l[b + LAST_TS] = timestampNanos;
    }
  }

  /**
   * Whether every address without a row of its own is counted in the {@code other} row, which exists: a lookup
   * then makes no row, so adding nothing to an address's row changes nothing.
   */
  boolean overflowing() {
    return otherRow >= 0 && rows - 1 >= maxRows;
  }

  void add(int column, int r, long value) {
    longs[r * LONGS + column] += value;
  }

  void addDouble(int column, int r, double value) {
    doubles[r * DOUBLES + column] += value;
  }

  void distinct(int column, int r, long hash) {
    distincts[column].add(r, hash);
  }

  /** A packet row {@code r} received from a source: a vote in its majority count of sources. */
  void receivedFrom(int r, long sourceHigh, long sourceLow) {
    vote(r * LONGS, TOP_SOURCE_HIGH, TOP_SOURCE_LOW, TOP_SOURCE_VOTES, sourceHigh, sourceLow);
  }

  private void vote(int b, int highColumn, int lowColumn, int votesColumn, long h, long l) {
    long[] c = longs;
    long votes = c[b + votesColumn];
    if (votes == 0) {
      c[b + highColumn] = h;
      c[b + lowColumn] = l;
      c[b + votesColumn] = 1;
    } else if (c[b + highColumn] == h && c[b + lowColumn] == l) {
      c[b + votesColumn] = votes + 1;
    } else {
      c[b + votesColumn] = votes - 1;
    }
  }

  private void mergeVote(int b, int highColumn, int lowColumn, int votesColumn, long[] from, int fb) {
    long[] c = longs;
    long votes = c[b + votesColumn];
    long fv = from[fb + votesColumn];
    long fh = from[fb + highColumn];
    long fl = from[fb + lowColumn];
    if (c[b + highColumn] == fh && c[b + lowColumn] == fl) {
      c[b + votesColumn] = votes + fv;
    } else if (fv > votes) {
      c[b + highColumn] = fh;
      c[b + lowColumn] = fl;
      c[b + votesColumn] = fv - votes;
    } else {
      c[b + votesColumn] = votes - fv;
    }
  }

  /** One probe from row {@code r} to a target and port (-1 for ICMP): a vote in each majority count. */
  void probe(int r, long targetHigh, long targetLow, int port) {
    int b = r * LONGS;
    longs[b + PROBES]++;
    vote(b, TOP_TARGET_HIGH, TOP_TARGET_LOW, TOP_TARGET_VOTES, targetHigh, targetLow);
    vote(b, TOP_PORT, TOP_PORT, TOP_PORT_VOTES, port, port);
  }

  /**
   * Adds every row of {@code from} (a window inside this one) to this table: sums add, sets and votes merge. A row
   * new to this table (about half of a larger window's merges: most addresses of a base window are new to it) is a
   * copy of {@code from}'s, which is what merging into a blank row gives: every sum plus zero, the first and last
   * times against their blanks, each vote into no votes (its candidate, read only with votes, may differ when it
   * has none). Without records, nothing reads the double columns.
   */
  void merge(TrafficTable from) {
    long[] fl = from.longs;
    double[] fd = from.doubles;
    for (int f = 0; f < from.rows; f++) {
      int before = rows;
      int r = f == from.otherRow ? other() : find(AddressKeys.hash(from.high[f], from.low[f]), from.high[f],
          from.low[f]);
      if (text[r] == null) {
        text[r] = from.text[f];
      }
      int b = r * LONGS;
      int fb = f * LONGS;
      if (rows > before) { // r was just made, blank
        System.arraycopy(fl, fb, longs, b, LONGS);
      } else {
        mergeLongs(b, fl, fb);
      }
      if (records) {
        int d = r * DOUBLES;
        int fdb = f * DOUBLES;
        for (int c = 0; c < DOUBLES; c++) {
          doubles[d + c] += fd[fdb + c];
        }
      }
      for (int c = 0; c < DISTINCTS; c++) {
        DistinctColumn fc = from.distincts[c];
        if (!fc.isEmpty(f)) { // most rows probe nothing and answer no one: no call for those sets
          distincts[c].merge(r, fc, f);
        }
      }
    }
    overflowPackets += from.overflowPackets;
  }

  private void mergeLongs(int b, long[] fl, int fb) {
    long[] l = longs;
    for (int c = 0; c < SUMS; c++) {
      l[b + c] += fl[fb + c];
    }
    l[b + FIRST_TS] = Math.min(l[b + FIRST_TS], fl[fb + FIRST_TS]);
    l[b + LAST_TS] = Math.max(l[b + LAST_TS], fl[fb + LAST_TS]);
    // Merging two Boyer-Moore votes keeps the stronger candidate with the difference of votes (or the sum).
    mergeVote(b, TOP_TARGET_HIGH, TOP_TARGET_LOW, TOP_TARGET_VOTES, fl, fb);
    mergeVote(b, TOP_PORT, TOP_PORT, TOP_PORT_VOTES, fl, fb);
    mergeVote(b, TOP_SOURCE_HIGH, TOP_SOURCE_LOW, TOP_SOURCE_VOTES, fl, fb);
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

  /** Row {@code r}'s address as text, formatted by {@code names} on first need. */
  String addressText(int r, AddressNames names) {
    String t = text[r];
    if (t == null) {
      t = names.format(high[r], low[r]);
      text[r] = t;
    }
    return t;
  }

  long high(int r) {
    return high[r];
  }

  long low(int r) {
    return low[r];
  }

  long get(int column, int r) {
    return longs[r * LONGS + column];
  }

  double getDouble(int column, int r) {
    return doubles[r * DOUBLES + column];
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

  /** Empties the table for the next window, keeping its arrays (freeing only the index slots in use). */
  void clear() {
    for (int r = 0; r < rows; r++) {
      if (slotOf[r] >= 0) {
        index[slotOf[r]] = 0;
      }
    }
    for (DistinctColumn d : distincts) {
      d.clear(rows);
    }
    rows = 0;
    otherRow = -1;
    overflowPackets = 0;
    recentRow0 = -1;
    recentRow1 = -1;
    pairs.clear();
  }

  /** Bytes held by the table's arrays, for the memory-bound test. */
  long footprint() {
    long bytes = 8L * index.length + 28L * high.length + 8L * (LONGS + DOUBLES) * high.length;
    for (DistinctColumn d : distincts) {
      bytes += d.footprint();
    }
    return bytes;
  }
}
