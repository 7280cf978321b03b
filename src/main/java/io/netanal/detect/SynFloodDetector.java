package io.netanal.detect;

import io.netanal.window.WindowRows;
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
  public boolean smallestWindowOnly() {
    return true;
  }

  @Override
  public boolean wants(WindowRows w, int r, Context c) {
    if (!c.smallestWindow() || w.isOther(r)) {
      return false;
    }
    double rate = w.tcpSynReceived(r) / w.seconds();
    return rate >= line && w.tcpSynReceived(r) >= ratio * w.tcpAckReceived(r);
  }

  @Override
  public void inspect(WindowRows w, int r, Context c, List<Finding> out) {
    long syn = w.tcpSynReceived(r);
    long acks = w.tcpAckReceived(r);
    long sources = w.distinctSources(r);
    double rate = syn / w.seconds();
    String address = w.address(r);
    String source = sources == 1 ? w.topSource(r) : Alert.MANY;
    Map<String, Number> evidence = new LinkedHashMap<>();
    evidence.put("synPerSecond", Math.round(rate));
    evidence.put("synPerSecondThreshold", line);
    evidence.put("synReceived", syn);
    evidence.put("handshakeAcks", acks);
    evidence.put("handshakeRatio", ratio);
    evidence.put("distinctSources", sources);
    String summary = address + " received " + Text.count(syn) + " SYNs ("
        + Text.rate(rate) + ") from " + (sources == 1 ? source
            : Text.count(sources) + " sources") + " within " + Text.seconds(w.seconds()) + ", "
        + Text.count(acks) + " ACKs back";
    Severity severity = rate >= high ? Severity.HIGH
        : Severity.of(rate, line);
    out.add(new Finding(type(), severity, source, address, null, w.window(), w.startNanos(),
        w.endNanos(), evidence, summary, rate / line));
  }
}
