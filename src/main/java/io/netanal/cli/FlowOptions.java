package io.netanal.cli;

import io.netanal.flow.FlowTableOptions;
import picocli.CommandLine.Option;

/** The flow table's options shared by {@code analyze} and {@code capture}: names on or off, and the table's bound. */
final class FlowOptions {
  @Option(names = "--no-names", negatable = false,
      description = "Do not learn names for addresses (from DNS answers, TLS SNI, HTTP Host).")
  boolean noNames;

  @Option(names = "--max-flows", paramLabel = "N",
      description = "Open flows kept before the longest idle is ended as evicted (default: ${DEFAULT-VALUE}).")
  int maxFlows = FlowTableOptions.DEFAULT_MAX_FLOWS;
}
