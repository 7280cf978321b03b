package io.netanal.store;

/**
 * One sensor as the collector knows it: when it first and last uploaded (ISO-8601, server clock), how much it
 * sent, and the newest packet time it delivered (decimal epoch seconds; null before any packet).
 */
public record SensorStatus(String name, String firstSeen, String lastSeen, long files, long packets, long bytes,
    String lastPacket) {}
