package io.netanal.stats;

import java.util.List;

/**
 * The report's {@code bandwidth} series from packet timestamps: {@code start} is an exact decimal epoch
 * timestamp (the earliest frame's, rounded down to the interval), samples are consecutive intervals, empty
 * ones included.
 */
public record Bandwidth(double intervalSeconds, String start, List<BandwidthSample> samples) {}
