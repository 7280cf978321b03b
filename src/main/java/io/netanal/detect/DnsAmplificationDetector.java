package io.netanal.detect;

import io.netanal.window.ClosedWindow;
import io.netanal.window.WindowRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * DNS amplification, seen from the victim: large DNS responses arriving at a target that asked for little (its
 * address was spoofed in the queries). A resolver's client gets a few times the bytes it asked for, far under
 * US-CERT's measured factors.
 */
final class DnsAmplificationDetector implements Detector {
  // Thresholds, read once rather than per record.
  private final double bytesLine;
  private final double factor;

  DnsAmplificationDetector(DetectionSettings settings) {
    this.bytesLine = settings.get("dns-amplification.response-bytes");
    this.factor = settings.get("dns-amplification.factor");
  }

  @Override
  public AlertType type() {
    return AlertType.DNS_AMPLIFICATION;
  }

  @Override
  public void inspect(ClosedWindow w, WindowRecord r, Context c, List<Finding> out) {
    long received = r.dnsResponseBytesReceived();
    if (received < bytesLine || received < factor * Math.max(1, r.dnsQueryBytes())
        || "other".equals(r.address())) {
      return;
    }
    String source = r.distinctSources() == 1 ? r.topSource() : Alert.MANY;
    Map<String, Number> evidence = new LinkedHashMap<>();
    evidence.put("responseBytes", received);
    evidence.put("responseBytesThreshold", bytesLine);
    evidence.put("queryBytes", r.dnsQueryBytes());
    evidence.put("factorThreshold", factor);
    evidence.put("responses", r.dnsResponsesReceived());
    evidence.put("queries", r.dnsQueries());
    String summary = r.address() + " received " + Text.bytes(received) + " in " + Text.count(r.dnsResponsesReceived())
        + " DNS responses from " + (r.distinctSources() == 1 ? source
            : Text.count(r.distinctSources()) + " sources") + " within " + Text.seconds(w.seconds())
        + " after sending " + Text.bytes(r.dnsQueryBytes()) + " of queries";
    out.add(new Finding(type(), Severity.of(received, bytesLine), source, r.address(), List.of(53), w.window(),
        w.startNanos(), w.endNanos(), evidence, summary, received / bytesLine));
  }
}
