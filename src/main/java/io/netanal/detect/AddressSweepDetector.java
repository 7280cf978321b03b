package io.netanal.detect;

import io.netanal.window.WindowRows;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Address sweep: one source probing many addresses on one or a few ports (or with ICMP echo), and many of those
 * addresses never answering (Zeek's address scan counts failed attempts per victim; Snort's port sweep). A NAT
 * gateway or proxy reaching many servers on 443 gets its handshakes answered, so its unanswered targets stay under
 * the line, as does a measurement client whose servers mostly answer.
 */
final class AddressSweepDetector implements Detector {
  // Thresholds, read once rather than per record.
  private final double addresses;
  private final double failedLine;
  private final double maxPorts;

  AddressSweepDetector(DetectionSettings settings) {
    this.addresses = settings.get("address-sweep.addresses");
    this.failedLine = settings.get("address-sweep.failed");
    this.maxPorts = settings.get("address-sweep.max-ports");
  }

  @Override
  public AlertType type() {
    return AlertType.ADDRESS_SWEEP;
  }

  @Override
  public boolean wants(WindowRows w, int r, Context c) {
    return w.distinctProbeAddresses(r) >= addresses && w.unansweredTargets(r) >= failedLine
        && w.distinctProbePorts(r) <= maxPorts && !w.isOther(r);
  }

  @Override
  public void inspect(WindowRows w, int r, Context c, List<Finding> out) {
    long failed = w.unansweredTargets(r);
    long targets = w.distinctProbeAddresses(r);
    String address = w.address(r);
    int port = w.topProbePort(r);
    Map<String, Number> evidence = new LinkedHashMap<>();
    evidence.put("distinctTargets", targets);
    evidence.put("distinctTargetsThreshold", addresses);
    evidence.put("unansweredTargets", failed);
    evidence.put("unansweredTargetsThreshold", failedLine);
    evidence.put("distinctPorts", w.distinctProbePorts(r));
    evidence.put("distinctPortsMaximum", maxPorts);
    evidence.put("probes", w.probes(r));
    String what = port < 0 ? "with ICMP echo" : "on port " + port;
    String summary = address + " probed " + Text.count(targets) + " addresses " + what
        + " within " + Text.seconds(w.seconds()) + " (" + Text.count(failed) + " unanswered)";
    out.add(new Finding(type(), Severity.of(targets, addresses), address, Alert.MANY,
        port < 0 ? null : List.of(port), w.window(), w.startNanos(), w.endNanos(), evidence, summary,
        targets / addresses));
  }
}
