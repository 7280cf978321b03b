package io.netanal.analysis;

import io.netanal.report.Report;

/**
 * The differences from tshark that netanal makes on purpose, each with its reason. {@link #explain} returns
 * the reason for one field of one file, or null when the difference is a bug.
 */
final class KnownDifferences {
  private KnownDifferences() {}

  static String explain(String path, String field, Object expected, Object actual, Report report) {
    return null;
  }
}
