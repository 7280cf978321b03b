package io.netanal.detect;

import io.netanal.window.ClosedWindow;
import io.netanal.window.WindowRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Port scan: one source probing many ports, mostly unanswered or refused (Zeek's scan policy, Snort's
 * sfPortscan). Only probes count (SYNs, UDP to service ports, echo requests), so a server answering many clients
 * from one port, retries to one port, and a single SYN to a closed port never reach the line; answered probes
 * (SYN-ACKs) do not count as failed, as Snort lowers its count for completed handshakes.
 */
final class PortScanDetector implements Detector {
  // Thresholds, read once rather than per record.
  private final double ports;
  private final double failedLine;

  PortScanDetector(DetectionSettings settings) {
    this.ports = settings.get("port-scan.ports");
    this.failedLine = settings.get("port-scan.failed");
  }

  @Override
  public AlertType type() {
    return AlertType.PORT_SCAN;
  }

  @Override
  public void inspect(ClosedWindow w, WindowRecord r, Context c, List<Finding> out) {
    long failed = r.unansweredProbes();
    // One victim, as Zeek's port scan: the majority vote's lead over every other target reaches the line, so
    // a peer-to-peer client trying a few ports on each of hundreds of peers is not a port scan.
    if (r.distinctProbePorts() < ports || failed < failedLine || r.topProbeTargetVotes() < ports
        || "other".equals(r.address())) {
      return;
    }
    String target = r.topProbeTarget();
    Map<String, Number> evidence = new LinkedHashMap<>();
    evidence.put("distinctPorts", r.distinctProbePorts());
    evidence.put("distinctPortsThreshold", ports);
    evidence.put("failedProbes", failed);
    evidence.put("failedProbesThreshold", failedLine);
    evidence.put("probes", r.probes());
    evidence.put("refused", r.refusals());
    evidence.put("distinctTargets", r.distinctProbeAddresses());
    String protocol = r.tcpSyn() * 2 >= r.probes() ? "TCP" : "UDP";
    String summary = r.address() + " probed " + Text.count(r.distinctProbePorts()) + " " + protocol + " ports on "
        + target + " within "
        + Text.seconds(w.seconds()) + " (" + Text.count(r.refusals()) + " refused, " + Text.count(failed)
        + " failed)";
    out.add(new Finding(type(), Severity.of(r.distinctProbePorts(), ports), r.address(), target, null,
        w.window(), w.startNanos(), w.endNanos(), evidence, summary, r.distinctProbePorts() / ports));
  }
}
