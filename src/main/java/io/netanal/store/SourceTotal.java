package io.netanal.store;

/** One source address: packets and wire bytes it sent over a time range. */
public record SourceTotal(String address, long packets, long bytes) {}
