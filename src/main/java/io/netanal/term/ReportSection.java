package io.netanal.term;

import io.netanal.report.Report;

/**
 * One section of the console view (summary, protocols, top talkers, ...): it lays out its part of a
 * {@link Report}, or nothing when the report has no data for it. New sections (flows, names, alerts) are new
 * implementations added to {@link ReportRenderer}'s list.
 *
 * <p>Implementations are stateless: one instance renders any number of reports, on the caller's thread.
 */
interface ReportSection {
  /** Writes the section (heading first) through {@code layout}, or nothing. */
  void render(Report report, ReportLayout layout);

  /** Whether the section is only shown for a report with at least one packet (most are; the summary is not). */
  default boolean needsPackets() {
    return true;
  }
}
