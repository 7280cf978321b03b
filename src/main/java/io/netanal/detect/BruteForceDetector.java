package io.netanal.detect;

import io.netanal.window.WindowRows;
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
  public boolean wants(WindowRows w, int r, Context c) {
    long attempts = w.flowsStarted(r);
    // One target and one port: the Boyer-Moore votes are then exact counts of the probes.
    return attempts >= attemptsLine && w.distinctProbeAddresses(r) == 1 && w.distinctProbePorts(r) == 1
        && c.settings().bruteForcePort(w.topProbePort(r)) && !w.isOther(r)
        && !((double) w.bytes(r) / attempts > maxBytes);
  }

  @Override
  public void inspect(WindowRows w, int r, Context c, List<Finding> out) {
    long attempts = w.flowsStarted(r);
    int port = w.topProbePort(r);
    double bytesPerAttempt = (double) w.bytes(r) / attempts;
    String address = w.address(r);
    String target = w.topProbeTarget(r);
    Map<String, Number> evidence = new LinkedHashMap<>();
    evidence.put("attempts", attempts);
    evidence.put("attemptsThreshold", attemptsLine);
    evidence.put("bytesPerAttempt", Math.round(bytesPerAttempt));
    evidence.put("bytesPerAttemptMaximum", maxBytes);
    evidence.put("answered", w.tcpSynAckReceived(r));
    evidence.put("refused", w.refusals(r));
    String summary = address + " opened " + Text.count(attempts) + " connections to " + target
        + " port " + port + " within " + Text.seconds(w.seconds()) + " (" + Math.round(bytesPerAttempt)
        + " bytes sent per connection)";
    out.add(new Finding(type(), Severity.of(attempts, attemptsLine), address, target,
        List.of(port), w.window(), w.startNanos(), w.endNanos(), evidence, summary, attempts / attemptsLine));
  }
}
