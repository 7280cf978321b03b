package io.netanal.stats;

/**
 * A direct-mapped cache from an IPv4 address pair to its three table slots (the conversation and both
 * endpoints), in front of {@link EndpointTable} and {@link ConversationTable} for frames with one IPv4 header.
 *
 * <p>A conversation's frames recur, so most frames find their pair here and are counted with one probe instead of
 * three hash lookups: on the benchmark capture, where this was a quarter of the per-frame time in C1-compiled
 * code. Slot indices move when a table grows, here or through the tables' own path (frames with several IP layers);
 * the cache is then emptied (tables grow a few times at most). A slot
 * that is {@link CounterTable#FULL} stays valid, since full tables never change. Owned by the recording thread.
 *
 * <p>An entry's words (the pair, both endpoint slots, the conversation slot and whether it is valid) are adjacent
 * in one array, so a frame reads one cache line of the cache, not one in each of five arrays: under a flood of new
 * pairs every frame also rewrites its entry.
 */
final class Ipv4PairCache {
  private static final int BITS = 12;
  private static final int SLOTS = 1 << BITS;
  /** Words per entry: the pair, the endpoint slots (the lower address's in the high half), conversation, valid. */
  private static final int WORDS = 4;
  private static final int PAIR = 0;
  private static final int ENDPOINTS = 1;
  private static final int CONVERSATION = 2;
  private static final int VALID = 3;

  private final EndpointTable endpoints;
  private final ConversationTable conversations;
  private final long[] entries = new long[SLOTS * WORDS];
  private int endpointGeneration;
  private int conversationGeneration;

  Ipv4PairCache(EndpointTable endpoints, ConversationTable conversations) {
    this.endpoints = endpoints;
    this.conversations = conversations;
  }

  /** Counts one frame from {@code source} to {@code destination} in both tables. */
  void record(int source, int destination, long timestampNanos, long wireBytes) {
    long s = source & 0xffffffffL;
    long d = destination & 0xffffffffL;
    boolean forward = s <= d;
    long pair = forward ? s << 32 | d : d << 32 | s;
    int at = (int) ((pair * 0x9E3779B97F4A7C15L) >>> (64 - BITS)) * WORDS;
    if (endpointGeneration != endpoints.ipv4Generation()
        || conversationGeneration != conversations.ipv4Generation()) {
      // A frame the cache does not see (a tunnel's, with several IP layers) grew a table: every slot moved.
      invalidate();
      endpointGeneration = endpoints.ipv4Generation();
      conversationGeneration = conversations.ipv4Generation();
    }
    long[] e = entries;
    if (e[at + VALID] == 0 || e[at + PAIR] != pair) {
      fill(at, pair, forward);
    }
    long both = e[at + ENDPOINTS];
    int lower = (int) (both >>> 32);
    int higher = (int) both;
    int from = forward ? lower : higher;
    int to = forward ? higher : lower;
    if (from != CounterTable.FULL && to != CounterTable.FULL) {
      endpoints.countIpv4Pair(from, to, wireBytes);
    } else {
      endpoints.countIpv4(from, source, EndpointTable.SENT, wireBytes);
      endpoints.countIpv4(to, destination, EndpointTable.RECEIVED, wireBytes);
    }
    conversations.countIpv4((int) e[at + CONVERSATION], pair, forward ? 0 : 1, wireBytes, timestampNanos);
  }

  private void invalidate() {
    for (int at = VALID; at < entries.length; at += WORDS) {
      entries[at] = 0;
    }
  }

  /** Looks the pair up in source, destination order, as the tables' own path does (it matters when one is full). */
  private void fill(int at, long pair, boolean forward) {
    int lo;
    int hi;
    int both;
    int endpointsBefore;
    int conversationsBefore;
    do {
      // A lookup that grows a table moves the slots found before it: look up again until nothing moved.
      endpointsBefore = endpoints.ipv4Generation();
      conversationsBefore = conversations.ipv4Generation();
      if (forward) {
        lo = endpoints.ipv4Slot((int) (pair >>> 32));
        hi = endpoints.ipv4Slot((int) pair);
      } else {
        hi = endpoints.ipv4Slot((int) pair);
        lo = endpoints.ipv4Slot((int) (pair >>> 32));
      }
      both = conversations.ipv4Slot(pair);
    } while (endpointsBefore != endpoints.ipv4Generation()
        || conversationsBefore != conversations.ipv4Generation());
    if (endpointGeneration != endpointsBefore || conversationGeneration != conversationsBefore) {
      invalidate();
      endpointGeneration = endpointsBefore;
      conversationGeneration = conversationsBefore;
    }
    entries[at + PAIR] = pair;
    entries[at + ENDPOINTS] = (long) lo << 32 | (hi & 0xffffffffL);
    entries[at + CONVERSATION] = both;
    entries[at + VALID] = 1;
  }
}
