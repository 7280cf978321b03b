package io.netanal.detect;

import io.netanal.window.ClosedWindow;
import io.netanal.window.WindowRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Brute force: one source opening many short connections to one login service (ssh, rdp, ftp...) on one target,
 * as CIC-IDS2017's Patator runs do. SYN retries to a dead port back off (six in two minutes on Linux) and never
 * reach the count; a client that moves real data per connection is not guessing passwords.
 */
final class BruteForceDetector implements Detector {
  // Thresholds, read once rather than per record.
  private final double attemptsLine;
  private final double maxBytes;

  BruteForceDetector(DetectionSettings settings) {
    this.attemptsLine = settings.get("brute-force.attempts");
    this.maxBytes = settings.get("brute-force.max-bytes-per-attempt");
  }

  @Override
  public AlertType type() {
    return AlertType.BRUTE_FORCE;
  }

  @Override
  public void inspect(ClosedWindow w, WindowRecord r, Context c, List<Finding> out) {
    long attempts = r.flowsStarted();
    int port = r.topProbePort();
    // One target and one port: the Boyer-Moore votes are then exact counts of the probes.
    if (attempts < attemptsLine || r.distinctProbeAddresses() != 1 || r.distinctProbePorts() != 1
        || !c.settings().bruteForcePort(port) || "other".equals(r.address())) {
      return;
    }
    double bytesPerAttempt = (double) r.bytes() / attempts;
    if (bytesPerAttempt > maxBytes) {
      return;
    }
    Map<String, Number> evidence = new LinkedHashMap<>();
    evidence.put("attempts", attempts);
    evidence.put("attemptsThreshold", attemptsLine);
    evidence.put("bytesPerAttempt", Math.round(bytesPerAttempt));
    evidence.put("bytesPerAttemptMaximum", maxBytes);
    evidence.put("answered", r.tcpSynAckReceived());
    evidence.put("refused", r.refusals());
    String summary = r.address() + " opened " + Text.count(attempts) + " connections to " + r.topProbeTarget()
        + " port " + port + " within " + Text.seconds(w.seconds()) + " (" + Math.round(bytesPerAttempt)
        + " bytes sent per connection)";
    out.add(new Finding(type(), Severity.of(attempts, attemptsLine), r.address(), r.topProbeTarget(),
        List.of(port), w.window(), w.startNanos(), w.endNanos(), evidence, summary, attempts / attemptsLine));
  }
}
