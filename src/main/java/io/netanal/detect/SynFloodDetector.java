package io.netanal.detect;

import io.netanal.window.ClosedWindow;
import io.netanal.window.WindowRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SYN flood, seen from the victim: a target receiving SYNs at ntopng's rate and far beyond the ACKs that complete
 * handshakes, whether from one source or from many spoofed ones (whose SYN-ACKs go unanswered). A busy server
 * under real load receives an ACK for every handshake and more, so it stays under the line. Smallest window only,
 * where the rate is averaged over 5 s as FastNetMon does.
 */
final class SynFloodDetector implements Detector {
  // Thresholds, read once rather than per record.
  private final double line;
  private final double ratio;
  private final double high;

  SynFloodDetector(DetectionSettings settings) {
    this.line = settings.get("syn-flood.syn-per-second");
    this.ratio = settings.get("syn-flood.handshake-ratio");
    this.high = settings.get("syn-flood.high-per-second");
  }

  @Override
  public AlertType type() {
    return AlertType.SYN_FLOOD;
  }

  @Override
  public void inspect(ClosedWindow w, WindowRecord r, Context c, List<Finding> out) {
    if (!c.smallestWindow() || "other".equals(r.address())) {
      return;
    }
    double rate = r.tcpSynReceived() / w.seconds();
    if (rate < line || r.tcpSynReceived() < ratio * r.tcpAckReceived()) {
      return;
    }
    String source = r.distinctSources() == 1 ? r.topSource() : Alert.MANY;
    Map<String, Number> evidence = new LinkedHashMap<>();
    evidence.put("synPerSecond", Math.round(rate));
    evidence.put("synPerSecondThreshold", line);
    evidence.put("synReceived", r.tcpSynReceived());
    evidence.put("handshakeAcks", r.tcpAckReceived());
    evidence.put("handshakeRatio", ratio);
    evidence.put("distinctSources", r.distinctSources());
    String summary = r.address() + " received " + Text.count(r.tcpSynReceived()) + " SYNs ("
        + Text.rate(rate) + ") from " + (r.distinctSources() == 1 ? source
            : Text.count(r.distinctSources()) + " sources") + " within " + Text.seconds(w.seconds()) + ", "
        + Text.count(r.tcpAckReceived()) + " ACKs back";
    Severity severity = rate >= high ? Severity.HIGH
        : Severity.of(rate, line);
    out.add(new Finding(type(), severity, source, r.address(), null, w.window(), w.startNanos(),
        w.endNanos(), evidence, summary, rate / line));
  }
}
