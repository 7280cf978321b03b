package io.netanal.window;

/**
 * The text of window-table addresses, remembered: the same hosts appear in window after window, and each record
 * names its address, its top target and its top source. A two-way set-associative cache of {@value #SLOTS}
 * entries (the most recent of two addresses sharing a set first), so it stays bounded whatever a flood of
 * addresses does: a miss only formats the address again.
 *
 * <p>Owned by the aggregating thread; used when a window closes, off the per-packet path.
 */
final class AddressNames {
  private static final int SLOTS = 8192;

  private final long[] high = new long[SLOTS];
  private final long[] low = new long[SLOTS];
  private final String[] text = new String[SLOTS];

  String format(long addressHigh, long addressLow) {
    int first = (int) AddressKeys.hash(addressHigh, addressLow) & (SLOTS - 2);
    for (int slot = first; slot <= first + 1; slot++) {
      String t = text[slot];
      if (t != null && high[slot] == addressHigh && low[slot] == addressLow) {
        return t;
      }
    }
    String t = AddressKeys.format(addressHigh, addressLow);
    high[first + 1] = high[first];
    low[first + 1] = low[first];
    text[first + 1] = text[first];
    high[first] = addressHigh;
    low[first] = addressLow;
    text[first] = t;
    return t;
  }
}
