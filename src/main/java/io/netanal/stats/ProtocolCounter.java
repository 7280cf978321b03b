package io.netanal.stats;

import io.netanal.decode.Protocol;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Frames and wire bytes per {@link Protocol}: a frame counts once for every protocol it contains, as in tshark's
 * {@code frame.protocols}.
 *
 * <p>Owned by the one thread that records. Rows come out in a stable order: by layer (link, network, transport,
 * application), then packets descending, then name. Ids that share a name ({@code sll} for LINUX_SLL and
 * LINUX_SLL2) make one row.
 */
final class ProtocolCounter {
  private static final List<String> LAYERS = List.of(Protocol.LAYER_LINK, Protocol.LAYER_NETWORK,
      Protocol.LAYER_TRANSPORT, Protocol.LAYER_APPLICATION);
  private static final Comparator<ProtocolCount> ORDER =
      Comparator.comparingInt((ProtocolCount p) -> LAYERS.indexOf(p.layer()))
          .thenComparing(Comparator.comparingLong(ProtocolCount::packets).reversed())
          .thenComparing(ProtocolCount::name);

  /** Direct-mapped cache slots of whole protocol masks; a power of two. */
  private static final int CACHE_SLOTS = 64;

  private final long[] packets = new long[Protocol.COUNT];
  private final long[] bytes = new long[Protocol.COUNT];
  // A capture has few distinct protocol sets (eth+ip+tcp+tls, ...): frames are counted per set first, and a set
  // is spread over its protocols only when its cache slot is taken by another set or a snapshot is made. That is
  // one increment per frame instead of one per protocol in it.
  private final long[] cachedMask = new long[CACHE_SLOTS];
  private final long[] cachedPackets = new long[CACHE_SLOTS];
  private final long[] cachedBytes = new long[CACHE_SLOTS];

  void record(long protocols, long wireBytes) {
    long h = protocols * 0x9E3779B97F4A7C15L;
    int slot = (int) (h >>> 58); // the top 6 bits: CACHE_SLOTS == 64
    if (cachedMask[slot] != protocols || cachedPackets[slot] == 0) {
      spill(slot);
      cachedMask[slot] = protocols;
    }
    cachedPackets[slot]++;
    cachedBytes[slot] += wireBytes;
  }

  /** Moves one cached protocol set's counts into the per-protocol totals. */
  private void spill(int slot) {
    long count = cachedPackets[slot];
    if (count == 0) {
      return;
    }
    long sum = cachedBytes[slot];
    for (long rest = cachedMask[slot]; rest != 0; rest &= rest - 1) {
      int id = Long.numberOfTrailingZeros(rest);
      if (id < Protocol.COUNT) {
        packets[id] += count;
        bytes[id] += sum;
      }
    }
    cachedPackets[slot] = 0;
    cachedBytes[slot] = 0;
  }

  private void spillAll() {
    for (int slot = 0; slot < CACHE_SLOTS; slot++) {
      spill(slot);
    }
  }

  void merge(ProtocolCounter from) {
    spillAll();
    from.spillAll();
    for (int id = 0; id < Protocol.COUNT; id++) {
      packets[id] += from.packets[id];
      bytes[id] += from.bytes[id];
    }
  }

  List<ProtocolCount> snapshot() {
    spillAll();
    Map<String, ProtocolCount> byName = new LinkedHashMap<>();
    for (int id = 0; id < Protocol.COUNT; id++) {
      if (packets[id] == 0) {
        continue;
      }
      ProtocolCount row = new ProtocolCount(Protocol.name(id), Protocol.layer(id), packets[id], bytes[id]);
      byName.merge(row.name(), row,
          (a, b) -> new ProtocolCount(a.name(), a.layer(), a.packets() + b.packets(), a.bytes() + b.bytes()));
    }
    List<ProtocolCount> rows = new ArrayList<>(byName.values());
    rows.sort(ORDER);
    return List.copyOf(rows);
  }
}
