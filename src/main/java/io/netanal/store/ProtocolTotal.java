package io.netanal.store;

/** One protocol's frames and wire bytes over a time range. */
public record ProtocolTotal(String name, String layer, long packets, long bytes) {}
