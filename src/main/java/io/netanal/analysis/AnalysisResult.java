package io.netanal.analysis;

import io.netanal.report.Report;
import java.util.List;

/**
 * A finished analysis: the report, and one line per input file that turned out damaged (what was read before
 * the damage is in the report).
 */
public record AnalysisResult(Report report, List<String> damage) {
  public AnalysisResult {
    damage = List.copyOf(damage);
  }

  public boolean damaged() {
    return !damage.isEmpty();
  }
}
