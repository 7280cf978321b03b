package io.netanal.store;

/**
 * What storing an upload did: its packets, window rows, window feature rows, flow records (stored, and over the
 * cap not stored), alerts, and the packets that came after their window had closed ({@code latePackets}), or
 * {@code duplicate} when its key was already stored (then nothing new was written and the counts are those of
 * this upload, not added anywhere).
 */
public record StoredIngest(long packets, int windows, int features, int flows, long flowsOmitted, int alerts,
    long latePackets, boolean duplicate) {
  /** The answer to a key already stored. */
  public static StoredIngest ofDuplicate() {
    return new StoredIngest(0, 0, 0, 0, 0, 0, 0, true);
  }
}
