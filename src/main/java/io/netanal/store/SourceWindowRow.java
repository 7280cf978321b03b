package io.netanal.store;

/** Packets and wire bytes one source address sent in one window. */
public record SourceWindowRow(WindowSize window, long startSeconds, String address, long packets, long bytes) {}
