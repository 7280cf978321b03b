package io.netanal.serve;

import io.netanal.detect.Alert;
import io.netanal.window.ClosedWindow;
import io.netanal.window.WindowRecord;
import io.netanal.window.WindowSizes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What each address received, merged over every sensor, per window (5 s, 30 s, 3 min): the victim-side detectors
 * (SYN, UDP and ICMP floods on the 5 s windows, DNS amplification on every size, as in {@code analyze}) run on
 * these merged records, so a victim hit through several sensors, each seeing a share under the line, is still
 * seen, and an attack seen by one sensor is raised once, as there.
 *
 * <p>A merged window closes when every sensor with open state has closed its own window of that size and start
 * (its uploads have passed it; a sensor that went quiet no longer holds it), or when more than
 * {@value #MAX_OPEN_WINDOWS} merged windows of its size are open (a sensor far behind, e.g. shipping a backlog,
 * does not hold the others up: its windows that arrive after the merged one closed are counted in
 * {@link #lateWindows()} and not merged). Sensors are assumed to see disjoint traffic: a packet seen by two
 * sensors counts twice.
 *
 * <p>Thread-safe (one lock); called with a {@link SensorState}'s lock held, never the other way round. Bounded:
 * {@value #MAX_OPEN_WINDOWS} windows per size of at most {@value #MAX_TARGETS} addresses each (about 450 bytes per
 * address); further addresses of a window are counted in {@link #omittedTargets()}.
 */
final class TargetWindows {
  static final int MAX_OPEN_WINDOWS = 12;
  static final int MAX_TARGETS = 2048;

  /** Per window size (ascending), its open merged windows. */
  private final TreeMap<Long, SizeWindows> sizes = new TreeMap<>();
  /** Per sensor with open state, per window size, the time by which all its windows of the size are closed. */
  private final Map<String, Map<Long, Long>> watermarks = new HashMap<>();
  private final EpisodeEngine engine = new EpisodeEngine(true);
  private long lateWindows;
  private long omittedTargets;
  private Map<String, TargetSums> closing;

  /** The open merged windows of one size, by start, and the start before which they are all closed. */
  private static final class SizeWindows {
    final long size;
    final TreeMap<Long, Map<String, TargetSums>> open = new TreeMap<>();
    long closedBefore = Long.MIN_VALUE;

    SizeWindows(long size) {
      this.size = size;
    }

    /** The end of the oldest open window, or {@code Long.MAX_VALUE} when none is. */
    long firstEnd() {
      return open.isEmpty() ? Long.MAX_VALUE : open.firstKey() + size;
    }
  }

  /** A sensor's closed window: what each of its addresses received joins the merged window of its size. */
  synchronized void contribute(String sensor, ClosedWindow w, DetectionOutput out) {
    long size = w.endNanos() - w.startNanos();
    SizeWindows windows = sizes.computeIfAbsent(size, SizeWindows::new);
    if (w.startNanos() < windows.closedBefore) {
      lateWindows++;
      return;
    }
    Map<String, TargetSums> targets = windows.open.get(w.startNanos());
    if (targets == null) {
      targets = new HashMap<>();
      windows.open.put(w.startNanos(), targets);
      if (windows.open.size() > MAX_OPEN_WINDOWS) {
        closeFirst(windows, out);
      }
    }
    for (WindowRecord r : w.records()) {
      if (r.packetsReceived() == 0 || "other".equals(r.address())) {
        continue;
      }
      TargetSums t = targets.get(r.address());
      if (t == null) {
        if (targets.size() >= MAX_TARGETS) {
          omittedTargets++;
          continue;
        }
        t = new TargetSums();
        targets.put(r.address(), t);
      }
      t.add(sensor, r);
    }
  }

  /**
   * {@code sensor}'s windows of each size ending by {@code closedUntil} of the size are closed: merged ones all
   * sensors passed close.
   */
  synchronized void advance(String sensor, Map<Long, Long> closedUntil, DetectionOutput out) {
    watermarks.put(sensor, closedUntil);
    closeReady(out);
  }

  /** {@code sensor} has no open state any more (closed or dropped): it holds no merged window open. */
  synchronized void leave(String sensor, DetectionOutput out) {
    watermarks.remove(sensor);
    closeReady(out);
  }

  /** Settles the episodes raised into {@code out} (see {@link EpisodeEngine#settle}). */
  synchronized void settle(DetectionOutput out) {
    engine.settle(out);
  }

  synchronized long lateWindows() {
    return lateWindows;
  }

  synchronized long omittedTargets() {
    return omittedTargets;
  }

  synchronized int openWindows() {
    int n = 0;
    for (SizeWindows w : sizes.values()) {
      n += w.open.size();
    }
    return n;
  }

  /**
   * Closes, in order of their ends (the smaller size first on a tie, as the aggregator closes them), the merged
   * windows every sensor with open state has closed.
   */
  private void closeReady(DetectionOutput out) {
    while (true) {
      SizeWindows next = null;
      for (SizeWindows w : sizes.values()) {
        if (w.firstEnd() != Long.MAX_VALUE && w.firstEnd() <= closedUntil(w.size)
            && (next == null || w.firstEnd() < next.firstEnd())) {
          next = w;
        }
      }
      if (next == null) {
        return;
      }
      closeFirst(next, out);
    }
  }

  /** The time by which every sensor with open state has closed its windows of {@code size}. */
  private long closedUntil(long size) {
    long until = Long.MAX_VALUE;
    for (Map<Long, Long> sensor : watermarks.values()) {
      Long u = sensor.get(size);
      if (u != null) {
        until = Math.min(until, u);
      }
    }
    return until;
  }

  private void closeFirst(SizeWindows windows, DetectionOutput out) {
    Map.Entry<Long, Map<String, TargetSums>> first = windows.open.pollFirstEntry();
    long start = first.getKey();
    windows.closedBefore = Math.max(windows.closedBefore, start + windows.size);
    List<WindowRecord> records = new ArrayList<>(first.getValue().size());
    first.getValue().forEach((address, t) -> records.add(t.record(address, start, windows.size)));
    records.sort((a, b) -> a.address().compareTo(b.address()));
    closing = first.getValue();
    try {
      engine.windowClosed(new ClosedWindow(WindowSizes.label(windows.size), start, start + windows.size, records,
          0, 0), out, this::sensorsOf);
    } finally {
      closing = null;
    }
  }

  private String sensorsOf(Alert alert) {
    TargetSums t = alert.target() == null ? null : closing.get(alert.target());
    return t == null ? null : t.sensors();
  }

  /** One address's received traffic in one merged window, and the sensors that saw it. */
  static final class TargetSums {
    private static final int MAX_SENSOR_TEXT = 64;
    private final Map<String, Boolean> sensors = new LinkedHashMap<>();
    private long packets;
    private long bytes;
    private long udpSent;
    private long icmpSent;
    private long dnsQueries;
    private long dnsQueryBytes;
    private long icmpEchoRequests;
    private long packetsReceived;
    private long bytesReceived;
    private long distinctSources;
    private long synReceived;
    private long synAckReceived;
    private long rstReceived;
    private long ackReceived;
    private long udpReceived;
    private long icmpReceived;
    private long icmpErrorsReceived;
    private long icmpUnreachableReceived;
    private long echoRepliesReceived;
    private long dnsResponsesReceived;
    private long dnsResponseBytesReceived;
    private String topSource;
    private long topSourceVotes;

    void add(String sensor, WindowRecord r) {
      sensors.putIfAbsent(sensor, Boolean.TRUE);
      packets += r.packets();
      bytes += r.bytes();
      udpSent += r.udpPackets();
      icmpSent += r.icmpPackets();
      dnsQueries += r.dnsQueries();
      dnsQueryBytes += r.dnsQueryBytes();
      icmpEchoRequests += r.icmpEchoRequests();
      packetsReceived += r.packetsReceived();
      bytesReceived += r.bytesReceived();
      synReceived += r.tcpSynReceived();
      synAckReceived += r.tcpSynAckReceived();
      rstReceived += r.tcpRstReceived();
      ackReceived += r.tcpAckReceived();
      udpReceived += r.udpReceived();
      icmpReceived += r.icmpReceived();
      icmpErrorsReceived += r.icmpErrorsReceived();
      icmpUnreachableReceived += r.icmpUnreachableReceived();
      echoRepliesReceived += r.icmpEchoRepliesReceived();
      dnsResponsesReceived += r.dnsResponsesReceived();
      dnsResponseBytesReceived += r.dnsResponseBytesReceived();
      // Distinct sources cannot be added (the parts may share sources): the largest part's count, at least two
      // when the parts' single sources differ. The top source merges as two Boyer-Moore votes do.
      boolean otherSingle = topSource != null && r.topSource() != null && !topSource.equals(r.topSource());
      distinctSources = Math.max(distinctSources, r.distinctSources());
      if (otherSingle && distinctSources < 2) {
        distinctSources = 2;
      }
      if (r.topSource() != null) {
        if (r.topSource().equals(topSource)) {
          topSourceVotes += r.topSourceVotes();
        } else if (r.topSourceVotes() > topSourceVotes) {
          topSource = r.topSource();
          topSourceVotes = r.topSourceVotes() - topSourceVotes;
        } else {
          topSourceVotes -= r.topSourceVotes();
        }
      }
    }

    /** The sensors that saw it, comma-separated (cut to the alerts table's sensor column). */
    String sensors() {
      String text = String.join(",", sensors.keySet());
      return text.length() > MAX_SENSOR_TEXT ? text.substring(0, MAX_SENSOR_TEXT) : text;
    }

    /**
     * A {@code netanal.window/1} record of the merged counts the victim-side detectors read (what the address
     * received, and the answers and queries it sent); per-source features (inter-arrival, probes, flows) are 0.
     */
    WindowRecord record(String address, long startNanos, long sizeNanos) {
      double seconds = sizeNanos / 1e9;
      String label = WindowSizes.label(sizeNanos);
      String start = io.netanal.frame.TimestampFormat.format(startNanos);
      String end = io.netanal.frame.TimestampFormat.format(startNanos + sizeNanos);
      return new WindowRecord(WindowRecord.SCHEMA, label, start, end, address,
          packets, bytes, packets / seconds, bytes * 8 / seconds, packets == 0 ? 0 : (double) bytes / packets, 0,
          0, 0, 0, 0,
          0, 0, 0, 0, 0, 0, udpSent,
          icmpSent, 0, dnsQueries, 0, 0,
          null, 0,
          packetsReceived, bytesReceived, distinctSources, synReceived, synAckReceived,
          rstReceived, ackReceived, udpReceived, icmpReceived, icmpErrorsReceived, icmpUnreachableReceived,
          echoRepliesReceived, dnsResponsesReceived, dnsResponseBytesReceived,
          dnsQueryBytes, icmpEchoRequests, 0, 0, 0,
          0, null, 0, -1, 0, topSourceVotes > 0 ? topSource : null,
          topSourceVotes);
    }
  }
}
