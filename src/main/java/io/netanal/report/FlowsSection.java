package io.netanal.report;

import java.util.List;
import java.util.Map;

/**
 * The report's {@code flows} (DESIGN.md section 5): how many flows ended, counted by Zeek conn_state, service and
 * end reason, how many were evicted from a full table, the largest flows by bytes, and (beyond DESIGN.md, for the
 * live status) how many are still open: 0 in a final report, where end of input ends them all.
 * Immutable; any thread.
 */
public record FlowsSection(long total, Map<String, Long> byState, Map<String, Long> byService,
    Map<String, Long> byEnd, long evicted, List<FlowRow> top, long open) {}
