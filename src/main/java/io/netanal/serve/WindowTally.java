package io.netanal.serve;

import io.netanal.decode.DecodedFrame;
import io.netanal.decode.Protocol;
import io.netanal.frame.AddressFormat;
import java.nio.ByteBuffer;
import io.netanal.decode.DecodedFrameConsumer;
import io.netanal.store.ProtocolWindowRow;
import io.netanal.store.SourceWindowRow;
import io.netanal.store.TrafficWindowRow;
import io.netanal.store.WindowSize;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts an upload's frames per 5 s window (epoch-aligned, by packet timestamp): all traffic, each protocol, and
 * each source address, then merges the 5 s counts into the 30 s and 3 min rows (sums, so every size agrees).
 *
 * <p>Owned by the one thread that decodes the upload. A frame's source is its outermost IP header's source, so
 * the per-source rows of a window add up to its IP frames; non-IP frames count in traffic and protocols only.
 * The per-window arrays are found through a one-entry cache: frames of a capture mostly arrive in time order.
 */
final class WindowTally implements DecodedFrameConsumer {
  private static final long WINDOW_NANOS = WindowSize.FIVE_SECONDS.seconds() * 1_000_000_000L;
  /** The source row of the addresses past {@link SourceCounters#MAX_KEYS}, as the window tables name theirs. */
  static final String OTHER = "other";

  private final Map<Long, long[]> windows = new HashMap<>(); // start -> traffic and per-protocol counts
  private final SourceCounters sources = new SourceCounters();
  private long cachedStart = Long.MIN_VALUE;
  private long[] cached;
  private long minNanos = Long.MAX_VALUE;
  private long maxNanos = Long.MIN_VALUE;

  @Override
  public void frame(long timestampNanos, int capturedLength, long originalLength, ByteBuffer buffer, int offset,
      DecodedFrame decoded) {
    long start = Math.floorDiv(timestampNanos, WINDOW_NANOS) * WindowSize.FIVE_SECONDS.seconds();
    long[] counts = start == cachedStart ? cached : windowAt(start);
    counts[0]++;
    counts[1] += originalLength;
    for (long bits = decoded.protocols(); bits != 0; bits &= bits - 1) {
      int id = Long.numberOfTrailingZeros(bits);
      counts[2 + 2 * id]++;
      counts[3 + 2 * id] += originalLength;
    }
    if (decoded.ipCount() > 0) {
      if (decoded.ipVersion(0) == 4) {
        sources.add(start, false, 0, decoded.ipv4Source(0) & 0xffffffffL, originalLength);
      } else {
        sources.add(start, true, decoded.ipv6SourceHigh(0), decoded.ipv6SourceLow(0), originalLength);
      }
    }
    minNanos = Math.min(minNanos, timestampNanos);
    maxNanos = Math.max(maxNanos, timestampNanos);
  }

  private long[] windowAt(long start) {
    cached = windows.computeIfAbsent(start, s -> new long[2 + 2 * Protocol.COUNT]);
    cachedStart = start;
    return cached;
  }

  /** The earliest packet time seen, or null without frames. */
  Long firstNanos() {
    return minNanos == Long.MAX_VALUE ? null : minNanos;
  }

  Long lastNanos() {
    return maxNanos == Long.MIN_VALUE ? null : maxNanos;
  }

  List<TrafficWindowRow> traffic() {
    List<TrafficWindowRow> rows = new ArrayList<>();
    for (WindowSize size : WindowSize.values()) {
      Map<Long, long[]> merged = new TreeMap<>();
      windows.forEach((start, c) -> add(merged.computeIfAbsent(size.startOf(start), s -> new long[2]), c[0],
          c[1]));
      merged.forEach((start, c) -> rows.add(new TrafficWindowRow(size, start, c[0], c[1])));
    }
    return rows;
  }

  List<ProtocolWindowRow> protocols() {
    List<ProtocolWindowRow> rows = new ArrayList<>();
    for (WindowSize size : WindowSize.values()) {
      Map<Long, long[]> merged = new TreeMap<>();
      windows.forEach((start, c) -> {
        long[] m = merged.computeIfAbsent(size.startOf(start), s -> new long[2 * Protocol.COUNT]);
        for (int i = 0; i < m.length; i++) {
          m[i] += c[2 + i];
        }
      });
      merged.forEach((start, m) -> {
        for (int id = 0; id < Protocol.COUNT; id++) {
          if (m[2 * id] > 0) {
            rows.add(new ProtocolWindowRow(size, start, Protocol.name(id), Protocol.layer(id), m[2 * id],
                m[2 * id + 1]));
          }
        }
      });
    }
    return rows;
  }

  List<SourceWindowRow> sources() {
    List<SourceWindowRow> rows = new ArrayList<>();
    for (WindowSize size : WindowSize.values()) {
      // Sorted: the upserts then take row locks in one order whatever the upload.
      Map<WindowAddress, long[]> merged = new TreeMap<>(
          Comparator.comparingLong(WindowAddress::start).thenComparing(WindowAddress::address));
      sources.forEach((start, v6, other, high, low, packets, bytes) -> {
        String address = other ? OTHER : v6 ? AddressFormat.ipv6(high, low) : AddressFormat.ipv4((int) low);
        add(merged.computeIfAbsent(new WindowAddress(size.startOf(start), address), k -> new long[2]), packets,
            bytes);
      });
      merged.forEach((k, c) -> rows.add(new SourceWindowRow(size, k.start(), k.address(), c[0], c[1])));
    }
    return rows;
  }

  private record WindowAddress(long start, String address) {}

  private static void add(long[] into, long packets, long bytes) {
    into[0] += packets;
    into[1] += bytes;
  }
}
