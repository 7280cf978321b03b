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

  private final long[] packets = new long[Protocol.COUNT];
  private final long[] bytes = new long[Protocol.COUNT];

  void record(long protocols, long wireBytes) {
    for (long rest = protocols; rest != 0; rest &= rest - 1) {
      int id = Long.numberOfTrailingZeros(rest);
      if (id < Protocol.COUNT) {
        packets[id]++;
        bytes[id] += wireBytes;
      }
    }
  }

  void merge(ProtocolCounter from) {
    for (int id = 0; id < Protocol.COUNT; id++) {
      packets[id] += from.packets[id];
      bytes[id] += from.bytes[id];
    }
  }

  List<ProtocolCount> snapshot() {
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
