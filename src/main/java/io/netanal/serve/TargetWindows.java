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
 * What each address received, merged over every sensor, per 5 s window: the victim-side detectors (SYN, UDP and
 * ICMP floods, DNS amplification) run on these merged records, so a victim hit through several sensors, each
 * seeing a share under the line, is still seen, and an attack seen by one sensor is raised once, as there.
 *
 * <p>A merged window closes when every sensor with open state has closed its own window (its uploads have passed
 * it; a sensor that went quiet no longer holds it), or when more than {@value #MAX_OPEN_WINDOWS} merged windows
 * are open (a sensor far behind, e.g. shipping a backlog, does not hold the others up: its windows that arrive
 * after the merged one closed are counted in {@link #lateWindows()} and not merged). Sensors are assumed to see
 * disjoint traffic: a packet seen by two sensors counts twice.
 *
 * <p>Thread-safe (one lock); called with a {@link SensorState}'s lock held, never the other way round. Bounded:
 * {@value #MAX_OPEN_WINDOWS} windows of at most {@value #MAX_TARGETS} addresses each (about 450 bytes per
 * address); further addresses of a window are counted in {@link #omittedTargets()}.
 */
final class TargetWindows {
  static final int MAX_OPEN_WINDOWS = 12;
  static final int MAX_TARGETS = 4096;

  private final TreeMap<Long, Map<String, TargetSums>> open = new TreeMap<>();
  /** Per sensor with open state, the start of its oldest window that may still be open. */
  private final Map<String, Long> watermarks = new HashMap<>();
  private final EpisodeEngine engine = new EpisodeEngine(true);
  private long closedBefore = Long.MIN_VALUE;
  private long lateWindows;
  private long omittedTargets;
  private Map<String, TargetSums> closing;

  /** A sensor's closed 5 s window: what each of its addresses received joins the merged window. */
  synchronized void contribute(String sensor, ClosedWindow w, DetectionOutput out) {
    if (w.startNanos() < closedBefore) {
      lateWindows++;
      return;
    }
    Map<String, TargetSums> targets = open.get(w.startNanos());
    if (targets == null) {
      targets = new HashMap<>();
      open.put(w.startNanos(), targets);
      if (open.size() > MAX_OPEN_WINDOWS) {
        closeFirst(out);
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

  /** {@code sensor}'s windows before {@code openFromNanos} are closed: merged windows all sensors passed close. */
  synchronized void advance(String sensor, long openFromNanos, DetectionOutput out) {
    watermarks.put(sensor, openFromNanos);
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
    return open.size();
  }

  private void closeReady(DetectionOutput out) {
    long oldestOpen = Long.MAX_VALUE;
    for (long w : watermarks.values()) {
      oldestOpen = Math.min(oldestOpen, w);
    }
    while (!open.isEmpty() && open.firstKey() < oldestOpen) {
      closeFirst(out);
    }
  }

  private void closeFirst(DetectionOutput out) {
    Map.Entry<Long, Map<String, TargetSums>> first = open.pollFirstEntry();
    long start = first.getKey();
    closedBefore = Math.max(closedBefore, start + WindowSizes.BASE_NANOS);
    List<WindowRecord> records = new ArrayList<>(first.getValue().size());
    first.getValue().forEach((address, t) -> records.add(t.record(address, start)));
    records.sort((a, b) -> a.address().compareTo(b.address()));
    closing = first.getValue();
    try {
      engine.windowClosed(new ClosedWindow(WindowSizes.label(WindowSizes.BASE_NANOS), start,
          start + WindowSizes.BASE_NANOS, records, 0, 0), out, this::sensorsOf);
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
    WindowRecord record(String address, long startNanos) {
      double seconds = WindowSizes.BASE_NANOS / 1e9;
      String label = WindowSizes.label(WindowSizes.BASE_NANOS);
      String start = io.netanal.frame.TimestampFormat.format(startNanos);
      String end = io.netanal.frame.TimestampFormat.format(startNanos + WindowSizes.BASE_NANOS);
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
