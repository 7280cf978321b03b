package io.netanal.detect;

import io.netanal.window.ClosedWindow;
import io.netanal.window.WindowRecord;
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
  public void inspect(ClosedWindow w, WindowRecord r, Context c, List<Finding> out) {
    long failed = r.unansweredTargets();
    if (r.distinctProbeAddresses() < addresses || failed < failedLine || r.distinctProbePorts() > maxPorts
        || "other".equals(r.address())) {
      return;
    }
    int port = r.topProbePort();
    Map<String, Number> evidence = new LinkedHashMap<>();
    evidence.put("distinctTargets", r.distinctProbeAddresses());
    evidence.put("distinctTargetsThreshold", addresses);
    evidence.put("unansweredTargets", failed);
    evidence.put("unansweredTargetsThreshold", failedLine);
    evidence.put("distinctPorts", r.distinctProbePorts());
    evidence.put("distinctPortsMaximum", maxPorts);
    evidence.put("probes", r.probes());
    String what = port < 0 ? "with ICMP echo" : "on port " + port;
    String summary = r.address() + " probed " + Text.count(r.distinctProbeAddresses()) + " addresses " + what
        + " within " + Text.seconds(w.seconds()) + " (" + Text.count(failed) + " unanswered)";
    out.add(new Finding(type(), Severity.of(r.distinctProbeAddresses(), addresses), r.address(), Alert.MANY,
        port < 0 ? null : List.of(port), w.window(), w.startNanos(), w.endNanos(), evidence, summary,
        r.distinctProbeAddresses() / addresses));
  }
}
