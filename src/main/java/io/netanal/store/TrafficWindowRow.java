package io.netanal.store;

/** Every frame of one window, IP or not: packets and wire bytes. */
public record TrafficWindowRow(WindowSize window, long startSeconds, long packets, long bytes) {}
