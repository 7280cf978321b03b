package io.netanal.flow;

import io.netanal.InvalidInputException;
import java.util.concurrent.TimeUnit;

/**
 * How a {@link FlowTable} ends flows: its size limit, idle timeouts (Zeek's defaults: TCP 5 min, UDP and ICMP
 * 1 min), the grace after FIN/RST (Zeek's close and reset delays, 5 s) and, live, the active timeout after which a
 * long flow gets an interim record (0: none, as for files).
 *
 * @param source the file or interface name each record carries in {@code source}
 */
public record FlowTableOptions(String source, int maxFlows, long tcpIdleNanos, long udpIdleNanos,
    long otherIdleNanos, long closeGraceNanos, long activeTimeoutNanos) {
  /**
   * An open TCP flow takes about 500 bytes of heap (flow 272, endpoints 2 x 96 and their array, index slot and id:
   * measured with a class histogram under a flood); the budget keeps the 650 measured before they shrank, rounded
   * up, so the default table size (and so which flows a full table evicts) is unchanged, and the table now takes
   * about a quarter of the heap, which leaves the old generation room to promote without full collections.
   */
  static final int BYTES_PER_FLOW = 800;
  /**
   * 1 M flows where the heap holds them, else as many as 40% of the heap holds (at least 10,000): a table that fills
   * evicts, so a flood of spoofed tuples can never run the process out of memory.
   */
  public static final int DEFAULT_MAX_FLOWS = defaultMaxFlows(Runtime.getRuntime().maxMemory());
  static final long TCP_IDLE = TimeUnit.MINUTES.toNanos(5);
  static final long UDP_IDLE = TimeUnit.MINUTES.toNanos(1);
  static final long OTHER_IDLE = TimeUnit.MINUTES.toNanos(1);
  static final long CLOSE_GRACE = TimeUnit.SECONDS.toNanos(5);
  public static final long DEFAULT_ACTIVE_TIMEOUT = TimeUnit.MINUTES.toNanos(5);

  public FlowTableOptions {
    if (maxFlows < 1) {
      throw new InvalidInputException("--max-flows: " + maxFlows + " (expected: >= 1)");
    }
    if (activeTimeoutNanos < 0) {
      throw new InvalidInputException("--active-timeout: " + activeTimeoutNanos + " ns (expected: >= 0)");
    }
  }

  /** Defaults for a capture file: Zeek's timeouts, no active timeout. */
  public static FlowTableOptions forFile(String source, int maxFlows) {
    return new FlowTableOptions(source, maxFlows, TCP_IDLE, UDP_IDLE, OTHER_IDLE, CLOSE_GRACE, 0);
  }

  /** Defaults for a live capture: as a file, plus an interim record every {@code activeTimeoutNanos}. */
  public static FlowTableOptions forLive(String source, int maxFlows, long activeTimeoutNanos) {
    return new FlowTableOptions(source, maxFlows, TCP_IDLE, UDP_IDLE, OTHER_IDLE, CLOSE_GRACE, activeTimeoutNanos);
  }

  static int defaultMaxFlows(long heapBytes) {
    return (int) Math.max(10_000, Math.min(1_000_000, heapBytes / 5 * 2 / BYTES_PER_FLOW));
  }

  public FlowTableOptions withSource(String newSource) {
    return new FlowTableOptions(newSource, maxFlows, tcpIdleNanos, udpIdleNanos, otherIdleNanos, closeGraceNanos,
        activeTimeoutNanos);
  }
}
