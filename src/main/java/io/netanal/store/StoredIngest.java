package io.netanal.store;

/**
 * What storing an upload did: its packets, window rows and alerts, or {@code duplicate} when its key was already
 * stored (then nothing new was written and the counts are those of this upload, not added anywhere).
 */
public record StoredIngest(long packets, int windows, int alerts, boolean duplicate) {}
