package io.netanal.detect;

import io.netanal.window.ClosedWindow;
import io.netanal.window.WindowRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * UDP flood or ICMP flood, seen from the victim: a target receiving packets of the kind at ntopng's absolute floor
 * and at several times its own baseline. A UDP target that answers a share of what it receives (QUIC, RTP, a game)
 * is in a conversation, not flooded, so fast downloads stay clear. Smallest window only.
 */
final class VolumeFloodDetector implements Detector {
  private final AlertType type;
  // Thresholds, read once rather than per record.
  private final double floor;
  private final double factor;
  private final double maxAnswerRatio;
  private final double high;

  VolumeFloodDetector(AlertType type, DetectionSettings settings) {
    this.type = type;
    String prefix = type.id() + '.';
    String floorKey = prefix + "packets-per-second";
    String factorKey = prefix + "baseline-factor";
    String highKey = prefix + "high-per-second";
    this.floor = settings.get(floorKey);
    this.factor = settings.get(factorKey);
    this.maxAnswerRatio = settings.get("udp-flood.max-answer-ratio");
    this.high = settings.get(highKey);
  }

  /** A multicast group or the broadcast address receives streams it never answers (IPTV): not a victim. */
  private static boolean group(String address) {
    if (address.indexOf(':') >= 0) {
      return address.startsWith("ff");
    }
    int dot = address.indexOf('.');
    int first = dot < 0 ? -1 : Integer.parseInt(address.substring(0, dot));
    return (first >= 224 && first <= 239) || address.equals("255.255.255.255");
  }

  @Override
  public AlertType type() {
    return type;
  }

  @Override
  public void inspect(ClosedWindow w, WindowRecord r, Context c, List<Finding> out) {
    if (!c.smallestWindow() || "other".equals(r.address())) {
      return;
    }
    boolean udp = type == AlertType.UDP_FLOOD;
    // Echo replies to the target's own requests, and ICMP errors (the backscatter of its own UDP or scan
    // traffic), are answers, not a flood.
    long received = udp ? r.udpReceived() : Math.max(0, r.icmpReceived() - r.icmpErrorsReceived()
        - Math.min(r.icmpEchoRepliesReceived(), r.icmpEchoRequests()));
    if (received == 0) {
      return;
    }
    double rate = received / w.seconds();
    double baseline = c.baselines().get(type.id(), r.address());
    long answers = udp ? r.udpPackets() : r.icmpPackets();
    boolean answered = udp && answers > maxAnswerRatio * received;
    boolean flood = rate >= floor && rate >= factor * baseline && !answered && !group(r.address());
    if (!flood) {
      c.baselines().update(type.id(), r.address(), rate);
      return;
    }
    String source = r.distinctSources() == 1 ? r.topSource() : Alert.MANY;
    Map<String, Number> evidence = new LinkedHashMap<>();
    evidence.put("packetsPerSecond", Math.round(rate));
    evidence.put("packetsPerSecondThreshold", floor);
    evidence.put("baselinePerSecond", Math.round(baseline * 1000) / 1000.0);
    evidence.put("baselineFactor", factor);
    evidence.put("packetsReceived", received);
    evidence.put("answers", answers);
    evidence.put("distinctSources", r.distinctSources());
    String kind = udp ? "UDP datagrams" : "ICMP messages";
    String summary = r.address() + " received " + Text.count(received) + " " + kind + " (" + Text.rate(rate)
        + ") from " + (r.distinctSources() == 1 ? source : Text.count(r.distinctSources()) + " sources")
        + " within " + Text.seconds(w.seconds()) + ", answering " + Text.count(answers);
    Severity severity = rate >= high ? Severity.HIGH
        : Severity.of(rate, floor);
    out.add(new Finding(type, severity, source, r.address(), null, w.window(), w.startNanos(), w.endNanos(),
        evidence, summary, rate / floor));
  }
}
