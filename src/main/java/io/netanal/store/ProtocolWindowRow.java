package io.netanal.store;

/** Frames containing one protocol in one window (a frame counts once for every protocol it contains). */
public record ProtocolWindowRow(WindowSize window, long startSeconds, String protocol, String layer, long packets,
    long bytes) {}
