package io.netanal.detect;

import java.util.List;

/**
 * The report's {@code detection} object: the window sizes, the IP packets counted in windows, those that came
 * after their window had closed (more than one 5 s window late), and the alerts kept and omitted.
 */
public record DetectionSummary(List<String> windows, long windowedPackets, long latePackets, long alerts,
    long alertsOmitted) {
  public DetectionSummary {
    windows = List.copyOf(windows);
  }
}
