package io.netanal.store;

/**
 * One source address: packets and wire bytes it sent over a time range, and the name last learnt for it (null when
 * none was).
 */
public record SourceTotal(String address, long packets, long bytes, String name) {
  /** A source without a name. */
  public SourceTotal(String address, long packets, long bytes) {
    this(address, packets, bytes, null);
  }
}
