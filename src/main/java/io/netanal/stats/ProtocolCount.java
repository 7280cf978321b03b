package io.netanal.stats;

/** One row of the report's {@code protocols} table: frames containing the protocol and their wire bytes. */
public record ProtocolCount(String name, String layer, long packets, long bytes) {}
