package io.netanal.store;

/**
 * A half-open range of packet time {@code [fromNanos, toNanos)} in epoch nanoseconds; null ends are open.
 * A window belongs to the range when its start does.
 */
public record TimeRange(Long fromNanos, Long toNanos) {
  public static final TimeRange ALL = new TimeRange(null, null);

  long fromSeconds() {
    return fromNanos == null ? Long.MIN_VALUE : -Math.floorDiv(-fromNanos, 1_000_000_000L);
  }

  long toSeconds() {
    return toNanos == null ? Long.MAX_VALUE : -Math.floorDiv(-toNanos, 1_000_000_000L);
  }

  long fromOrMin() {
    return fromNanos == null ? Long.MIN_VALUE : fromNanos;
  }

  long toOrMax() {
    return toNanos == null ? Long.MAX_VALUE : toNanos;
  }
}
