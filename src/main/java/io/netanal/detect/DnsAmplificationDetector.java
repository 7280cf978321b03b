package io.netanal.detect;

import io.netanal.window.WindowRows;
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
  public boolean wants(WindowRows w, int r, Context c) {
    long received = w.dnsResponseBytesReceived(r);
    return received >= bytesLine && received >= factor * Math.max(1, w.dnsQueryBytes(r)) && !w.isOther(r);
  }

  @Override
  public void inspect(WindowRows w, int r, Context c, List<Finding> out) {
    long received = w.dnsResponseBytesReceived(r);
    long sources = w.distinctSources(r);
    String address = w.address(r);
    String source = sources == 1 ? w.topSource(r) : Alert.MANY;
    Map<String, Number> evidence = new LinkedHashMap<>();
    evidence.put("responseBytes", received);
    evidence.put("responseBytesThreshold", bytesLine);
    evidence.put("queryBytes", w.dnsQueryBytes(r));
    evidence.put("factorThreshold", factor);
    evidence.put("responses", w.dnsResponsesReceived(r));
    evidence.put("queries", w.dnsQueries(r));
    String summary = address + " received " + Text.bytes(received) + " in " + Text.count(w.dnsResponsesReceived(r))
        + " DNS responses from " + (sources == 1 ? source
            : Text.count(sources) + " sources") + " within " + Text.seconds(w.seconds())
        + " after sending " + Text.bytes(w.dnsQueryBytes(r)) + " of queries";
    out.add(new Finding(type(), Severity.of(received, bytesLine), source, address, List.of(53), w.window(),
        w.startNanos(), w.endNanos(), evidence, summary, received / bytesLine));
  }
}
