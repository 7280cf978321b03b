package io.netanal.report;

import java.util.List;
import java.util.Map;

/**
 * The report's {@code flows} (DESIGN.md section 5): how many flows, counted by Zeek conn_state, service and end
 * reason, how many were evicted from a full table, and the largest flows by bytes. Immutable; any thread.
 */
public record FlowsSection(long total, Map<String, Long> byState, Map<String, Long> byService,
    Map<String, Long> byEnd, long evicted, List<FlowRow> top) {}
