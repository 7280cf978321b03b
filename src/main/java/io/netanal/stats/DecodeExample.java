package io.netanal.stats;

/** A frame (1-based number, in reading order) that could not be fully decoded, and why. */
public record DecodeExample(long frame, String reason) {}
