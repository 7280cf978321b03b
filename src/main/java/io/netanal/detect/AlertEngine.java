package io.netanal.detect;

import io.netanal.window.WindowListener;
import io.netanal.window.WindowRows;
import io.netanal.window.WindowRowsListener;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the detectors over every closed window and keeps one alert per (type, source, target) episode: a finding
 * that comes within {@code episode.gap-seconds} of its episode's last window updates it (span, severity, the
 * strongest window's evidence); a later one starts a new episode. Each new episode is handed to the
 * {@link AlertListener} once, as it is raised.
 *
 * <p>Reads each closed window in place ({@link WindowRows}): a record and an address text are made only for the
 * rows a detector wants, and the window's records only when {@code next} is given.
 *
 * <p>A {@link WindowRowsListener}, called on the aggregator's thread; {@link #alerts()} may be called from that thread
 * (or after the input ended). Bounded: at most {@value #MAX_ALERTS} episodes are kept; later ones are still raised
 * to the listener and counted in {@link #alertsOmitted()}.
 */
public final class AlertEngine implements WindowRowsListener {
  static final int MAX_ALERTS = 10_000;

  private final DetectionSettings settings;
  private final AlertListener listener;
  private final WindowListener next;
  private final long smallestWindowNanos;
  private final long gapNanos;
  /** The enabled detectors for the smallest window size, and those of them that read larger sizes too. */
  private final Detector[] detectors;
  private final Detector[] largerWindowDetectors;
  private final Baselines baselines = new Baselines();
  /** Open and ended episodes in the order they were raised; an ended one is replaced when its key comes back. */
  private final Map<String, Episode> open = new LinkedHashMap<>();
  private final List<Episode> ended = new ArrayList<>();
  private long omitted;
  /** The rows some detector wants in the window being inspected, reused. */
  private int[] wanted = new int[64];

  /**
   * @param smallestWindowNanos the smallest window size fed (the flood detectors read only that one)
   * @param listener told of each new episode (null for none)
   * @param next also given every closed window, after detection (null for none)
   */
  public AlertEngine(DetectionSettings settings, long smallestWindowNanos, AlertListener listener,
      WindowListener next) {
    this.settings = settings;
    this.smallestWindowNanos = smallestWindowNanos;
    this.listener = listener;
    this.next = next;
    this.gapNanos = Math.round(settings.get("episode.gap-seconds") * 1e9);
    List<Detector> all = List.of(new PortScanDetector(settings), new AddressSweepDetector(settings),
        new SynFloodDetector(settings), new VolumeFloodDetector(AlertType.UDP_FLOOD, settings),
        new VolumeFloodDetector(AlertType.ICMP_FLOOD, settings), new DnsAmplificationDetector(settings),
        new BruteForceDetector(settings));
    this.detectors = all.stream().filter(d -> settings.enabled(d.type())).toArray(Detector[]::new);
    this.largerWindowDetectors = Arrays.stream(detectors).filter(d -> !d.smallestWindowOnly())
        .toArray(Detector[]::new);
  }

  @Override
  public void windowClosed(WindowRows window) {
    boolean smallest = window.endNanos() - window.startNanos() == smallestWindowNanos;
    Detector.Context context = new Detector.Context(settings, smallest, baselines);
    Detector[] asked = smallest ? detectors : largerWindowDetectors;
    int count = 0;
    for (int r = 0; r < window.rows(); r++) {
      for (Detector d : asked) {
        if (d.wants(window, r, context)) {
          if (count == wanted.length) {
            wanted = Arrays.copyOf(wanted, 2 * count);
          }
          wanted[count++] = r;
          break;
        }
      }
    }
    if (count > 0) {
      inspect(window, context, asked, count);
    }
    if (next != null) {
      next.windowClosed(window.closedWindow());
    }
  }

  /** Runs the detectors over the wanted rows in the records' order, as if over the window's records. */
  private void inspect(WindowRows window, Detector.Context context, Detector[] asked, int count) {
    window.sortInRecordOrder(wanted, count);
    List<Finding> findings = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int r = wanted[i];
      for (Detector d : asked) {
        if (d.wants(window, r, context)) {
          d.inspect(window, r, context, findings);
        }
      }
    }
    for (Finding f : findings) {
      accept(f);
    }
  }

  private void accept(Finding f) {
    String key = f.key();
    Episode e = open.get(key);
    if (e != null && e.continues(f, gapNanos)) {
      e.add(f);
      return;
    }
    if (e != null) {
      open.remove(key);
      keep(e);
    }
    Episode started = new Episode(f);
    if (open.size() + ended.size() < MAX_ALERTS) {
      open.put(key, started);
    } else {
      omitted++;
    }
    if (listener != null) {
      listener.alertRaised(started.alert());
    }
  }

  private void keep(Episode e) {
    ended.add(e); // already counted against MAX_ALERTS when it was opened
  }

  /** Every episode so far, ended ones first, each in the order raised. */
  public List<Alert> alerts() {
    List<Alert> all = new ArrayList<>(ended.size() + open.size());
    for (Episode e : ended) {
      all.add(e.alert());
    }
    for (Episode e : open.values()) {
      all.add(e.alert());
    }
    return all;
  }

  /** Episodes raised but not kept for {@link #alerts()} because {@value #MAX_ALERTS} were already kept. */
  public long alertsOmitted() {
    return omitted;
  }
}
