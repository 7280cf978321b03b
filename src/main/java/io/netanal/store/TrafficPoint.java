package io.netanal.store;

/** One window of all traffic, for the dashboard's charts: start (epoch seconds), packets, wire bytes. */
public record TrafficPoint(long startSeconds, long packets, long bytes) {}
