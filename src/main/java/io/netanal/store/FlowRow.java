package io.netanal.store;

/**
 * One flow record of an ingested file, as {@code netanal flows} will produce (DESIGN.md section 5): endpoints as
 * the originator saw them, Zeek's {@code conn_state} in {@code state}.
 */
public record FlowRow(long startNanos, long endNanos, String protocol, String sourceAddress, int sourcePort,
    String destinationAddress, int destinationPort, long packets, long bytes, String state) {}
