package io.netanal.stats;

/**
 * The report's {@code summary}: totals over every frame. Timestamps are exact decimal epoch seconds with nine
 * fraction digits ({@code "1700000000.123456000"}), first and last in file order; null when there were no frames.
 */
public record Summary(long packets, long bytes, long capturedBytes, String firstTimestamp, String lastTimestamp,
    double durationSeconds, double packetsPerSecond, double bitsPerSecond) {}
