package io.netanal.detect;

import io.netanal.window.WindowRows;
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
  public boolean wants(WindowRows w, int r, Context c) {
    // One victim, as Zeek's port scan: the majority vote's lead over every other target reaches the line, so
    // a peer-to-peer client trying a few ports on each of hundreds of peers is not a port scan.
    return w.topProbeTargetVotes(r) >= ports && w.unansweredProbes(r) >= failedLine
        && w.distinctProbePorts(r) >= ports && !w.isOther(r);
  }

  @Override
  public void inspect(WindowRows w, int r, Context c, List<Finding> out) {
    long failed = w.unansweredProbes(r);
    long distinctPorts = w.distinctProbePorts(r);
    String address = w.address(r);
    String target = w.topProbeTarget(r);
    Map<String, Number> evidence = new LinkedHashMap<>();
    evidence.put("distinctPorts", distinctPorts);
    evidence.put("distinctPortsThreshold", ports);
    evidence.put("failedProbes", failed);
    evidence.put("failedProbesThreshold", failedLine);
    evidence.put("probes", w.probes(r));
    evidence.put("refused", w.refusals(r));
    evidence.put("distinctTargets", w.distinctProbeAddresses(r));
    String protocol = w.tcpSyn(r) * 2 >= w.probes(r) ? "TCP" : "UDP";
    String summary = address + " probed " + Text.count(distinctPorts) + " " + protocol + " ports on "
        + target + " within "
        + Text.seconds(w.seconds()) + " (" + Text.count(w.refusals(r)) + " refused, " + Text.count(failed)
        + " failed)";
    out.add(new Finding(type(), Severity.of(distinctPorts, ports), address, target, null,
        w.window(), w.startNanos(), w.endNanos(), evidence, summary, distinctPorts / ports));
  }
}
