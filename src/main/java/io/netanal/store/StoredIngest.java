package io.netanal.store;

/**
 * What storing an upload did: its packets, window rows, flow records (stored, and over the cap not stored) and
 * alerts, or {@code duplicate} when its key was already
 * stored (then nothing new was written and the counts are those of this upload, not added anywhere).
 */
public record StoredIngest(long packets, int windows, int flows, long flowsOmitted, int alerts,
    boolean duplicate) {}
