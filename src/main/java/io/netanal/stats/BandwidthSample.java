package io.netanal.stats;

/** Frames and wire bytes whose timestamps fall in {@code [start + offsetSeconds, + intervalSeconds)}. */
public record BandwidthSample(double offsetSeconds, long packets, long bytes) {}
