package io.netanal.term;

import io.netanal.report.Report;
import io.netanal.stats.Bandwidth;
import io.netanal.stats.BandwidthSample;
import java.util.List;
import java.util.Locale;

/** Bandwidth over time as a sparkline, with the interval, the peak and the mean. */
final class BandwidthSection implements ReportSection {
  @Override
  public void render(Report report, ReportLayout layout) {
    Bandwidth bandwidth = report.bandwidth();
    if (bandwidth == null || ReportLayout.isEmpty(bandwidth.samples()) || bandwidth.intervalSeconds() <= 0) {
      return;
    }
    List<BandwidthSample> samples = bandwidth.samples();
    long[] bytes = new long[samples.size()];
    int peak = 0;
    long total = 0;
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = samples.get(i).bytes();
      total += bytes[i];
      if (bytes[i] > bytes[peak]) {
        peak = i;
      }
    }
    double interval = bandwidth.intervalSeconds();
    int room = layout.width() - 2;
    int group = Bars.groupSize(bytes.length, room);
    layout.heading("Bandwidth");
    String per = group == 1 ? "one character per interval"
        : "each character " + seconds(interval * group);
    layout.words(List.of(seconds(interval) + " intervals", Units.count(bytes.length) + " samples", per,
        "peak " + Units.bitRate(bytes[peak] * 8 / interval) + " at +" + seconds(samples.get(peak).offsetSeconds()),
        // The mean over the same intervals as the peak, so that it can never exceed it (the summary's rate is
        // over first-to-last timestamp, which is shorter).
        "mean " + Units.bitRate(total * 8 / (interval * bytes.length))), ", ");
    layout.println("  " + layout.paint().graph(Bars.sparkline(Bars.merge(bytes, group),
        layout.style().unicode())).stripTrailing());
  }

  /** {@code 1} as {@code "1 s"}, {@code 0.1} as {@code "0.1 s"}, {@code 125} as {@code "2m 05s"}. */
  private static String seconds(double s) {
    if (s >= 60) {
      return Units.duration(s);
    }
    String text = String.format(Locale.US, "%.3f", s).replaceAll("0+$", "").replaceAll("\\.$", "");
    return text + " s";
  }
}
