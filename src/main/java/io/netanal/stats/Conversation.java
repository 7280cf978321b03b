package io.netanal.stats;

/**
 * One row of the report's {@code conversations} table: traffic between two IP addresses, {@code a} being the
 * lower address. The pair {@code ("other", "other")} collects the traffic of entries evicted from a full table.
 */
public record Conversation(String a, String b, long packetsAToB, long packetsBToA, long bytesAToB,
    long bytesBToA, String firstTimestamp, String lastTimestamp) {}
