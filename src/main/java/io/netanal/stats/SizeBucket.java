package io.netanal.stats;

/** One bucket of the report's {@code sizes} table ({@code "40-79"}, {@code "5120+"}), by wire length. */
public record SizeBucket(String range, long packets) {}
