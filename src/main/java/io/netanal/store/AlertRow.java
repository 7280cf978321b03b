package io.netanal.store;

/** One alert raised while ingesting a file (DESIGN.md section 6): when, what kind, how bad, about whom. */
public record AlertRow(long timeNanos, String kind, String severity, String address, String message) {}
