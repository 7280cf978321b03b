package io.netanal.detect;

import io.netanal.window.WindowRows;
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
  public boolean smallestWindowOnly() {
    return true;
  }

  @Override
  public boolean wants(WindowRows w, int r, Context c) {
    return c.smallestWindow() && received(w, r) != 0 && !w.isOther(r);
  }

  /**
   * What the target received of the kind. Echo replies to the target's own requests, and ICMP errors (the
   * backscatter of its own UDP or scan traffic), are answers, not a flood.
   */
  private long received(WindowRows w, int r) {
    return type == AlertType.UDP_FLOOD ? w.udpReceived(r) : Math.max(0, w.icmpReceived(r)
        - w.icmpErrorsReceived(r) - Math.min(w.icmpEchoRepliesReceived(r), w.icmpEchoRequests(r)));
  }

  @Override
  public void inspect(WindowRows w, int r, Context c, List<Finding> out) {
    boolean udp = type == AlertType.UDP_FLOOD;
    long received = received(w, r);
    double rate = received / w.seconds();
    long high = w.addressHigh(r);
    long low = w.addressLow(r);
    double baseline = c.baselines().get(type.id(), high, low);
    long answers = udp ? w.udpPackets(r) : w.icmpPackets(r);
    boolean answered = udp && answers > maxAnswerRatio * received;
    boolean flood = rate >= floor && rate >= factor * baseline && !answered && !group(w.address(r));
    if (!flood) {
      c.baselines().update(type.id(), high, low, rate);
      return;
    }
    String address = w.address(r);
    long sources = w.distinctSources(r);
    String source = sources == 1 ? w.topSource(r) : Alert.MANY;
    Map<String, Number> evidence = new LinkedHashMap<>();
    evidence.put("packetsPerSecond", Math.round(rate));
    evidence.put("packetsPerSecondThreshold", floor);
    evidence.put("baselinePerSecond", Math.round(baseline * 1000) / 1000.0);
    evidence.put("baselineFactor", factor);
    evidence.put("packetsReceived", received);
    evidence.put("answers", answers);
    evidence.put("distinctSources", sources);
    String kind = udp ? "UDP datagrams" : "ICMP messages";
    String summary = address + " received " + Text.count(received) + " " + kind + " (" + Text.rate(rate)
        + ") from " + (sources == 1 ? source : Text.count(sources) + " sources")
        + " within " + Text.seconds(w.seconds()) + ", answering " + Text.count(answers);
    Severity severity = rate >= high ? Severity.HIGH
        : Severity.of(rate, floor);
    out.add(new Finding(type, severity, source, address, null, w.window(), w.startNanos(), w.endNanos(),
        evidence, summary, rate / floor));
  }
}
