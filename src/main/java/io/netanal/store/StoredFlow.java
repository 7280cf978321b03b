package io.netanal.store;

/** A stored flow record with the sensor that saw it; times are decimal epoch seconds. */
public record StoredFlow(String sensor, String start, String end, String protocol, String sourceAddress,
    int sourcePort, String destinationAddress, int destinationPort, long packets, long bytes, String state) {}
