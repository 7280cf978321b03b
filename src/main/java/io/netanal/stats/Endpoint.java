package io.netanal.stats;

/**
 * One row of the report's {@code endpoints} table: an IP address and what it sent and received (wire bytes).
 * The address {@code "other"} collects the traffic of entries evicted from a full table.
 */
public record Endpoint(String address, long packetsSent, long packetsReceived, long bytesSent,
    long bytesReceived) {}
