package io.netanal.window;

/**
 * The last two (source, destination) address pairs a {@link TrafficTable} counted, with their rows and the last
 * destination port counted for each: most packets repeat one of them (a stream's data one way, its ACKs the other),
 * and a repeat needs no address hash, no row lookup and no distinct-set add of either address, whose sets already
 * hold it (sets only grow within a window, so skipping a value already in one changes no count).
 *
 * <p>Owned by the table's thread; valid until the table is cleared, since a row keeps its address until then. The
 * less recently used pair makes room for a new one.
 */
final class RecentPairs {
  static final int NONE = -1;
  private static final long NO_PORT = -1;

  private long sourceHigh0;
  private long sourceLow0;
  private long destinationHigh0;
  private long destinationLow0;
  private long sourceHigh1;
  private long sourceLow1;
  private long destinationHigh1;
  private long destinationLow1;
  private boolean valid0;
  private boolean valid1;
  private final int[] source = new int[2];
  private final int[] destination = new int[2];
  private final long[] port = new long[2];
  private int newest;

  /** The slot (0 or 1) of a pair counted before, or {@link #NONE}. */
  int find(long sh, long sl, long dh, long dl) {
    if (valid0 && sourceLow0 == sl && destinationLow0 == dl && sourceHigh0 == sh && destinationHigh0 == dh) {
      newest = 0;
      return 0;
    }
    if (valid1 && sourceLow1 == sl && destinationLow1 == dl && sourceHigh1 == sh && destinationHigh1 == dh) {
      newest = 1;
      return 1;
    }
    return NONE;
  }

  /** Remembers a pair whose rows were just found and whose addresses were just added to their sets. */
  int remember(long sh, long sl, long dh, long dl, int s, int r) {
    int slot = 1 - newest;
    if (slot == 0) {
      sourceHigh0 = sh;
      sourceLow0 = sl;
      destinationHigh0 = dh;
      destinationLow0 = dl;
      valid0 = true;
    } else {
      sourceHigh1 = sh;
      sourceLow1 = sl;
      destinationHigh1 = dh;
      destinationLow1 = dl;
      valid1 = true;
    }
    source[slot] = s;
    destination[slot] = r;
    port[slot] = NO_PORT;
    newest = slot;
    return slot;
  }

  int source(int slot) {
    return source[slot];
  }

  int destination(int slot) {
    return destination[slot];
  }

  /**
   * Whether {@code protocolPort} (protocol and destination port) is new for the pair's last packets: true the
   * first time in a row, when it must be added to the source's set of destination ports; then remembered.
   */
  boolean newPort(int slot, long protocolPort) {
    if (port[slot] == protocolPort) {
      return false;
    }
    port[slot] = protocolPort;
    return true;
  }

  void clear() {
    valid0 = false;
    valid1 = false;
  }
}
