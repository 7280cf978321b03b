package io.netanal.ship;

/**
 * What a shipper did: files shipped (of them, {@code duplicates} the collector already had), files moved to
 * {@code failed/}, files left in {@code pending/} after the attempts of a {@code --once} run, their packets and
 * bytes (uncompressed; {@code gzipBytes} as sent), and the seconds it ran.
 *
 * <p>Immutable; any thread.
 */
public record ShipSummary(long shipped, long duplicates, long failed, long leftPending, long packets, long bytes,
    long gzipBytes, double seconds) {

  /** True when no file failed or was left behind. */
  public boolean complete() {
    return failed == 0 && leftPending == 0;
  }

  /** {@code "12 shipped (1 duplicate), 0 failed, 0 left pending; 12345 packets, 1.2 MB (0.4 MB sent) in 3.4 s: 3.5 files/s, 0.35 MB/s"} */
  public String line() {
    double mb = bytes / 1e6;
    return String.format(java.util.Locale.ROOT,
        "%d shipped (%d duplicate%s), %d failed, %d left pending; %d packets, %.1f MB (%.1f MB sent) in %.1f s:"
            + " %.1f files/s, %.2f MB/s", shipped, duplicates, duplicates == 1 ? "" : "s", failed, leftPending,
        packets, mb, gzipBytes / 1e6, seconds, seconds > 0 ? shipped / seconds : 0, seconds > 0 ? mb / seconds : 0);
  }
}
