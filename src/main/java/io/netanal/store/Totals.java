package io.netanal.store;

/**
 * {@code /api/summary}: everything stored, or a time range of it. Timestamps are the report's exact decimal
 * epoch seconds; null when nothing is stored.
 */
public record Totals(long packets, long bytes, long files, long sensors, String firstTimestamp,
    String lastTimestamp, long alerts) {}
