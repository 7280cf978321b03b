package io.netanal.capture;

/**
 * How many frames a live capture saw and lost, and where: {@code received} frames the capture thread got from
 * libpcap, {@code droppedByQueue} of those dropped because the queue to the consumer was full, and libpcap's own
 * counts of frames the kernel ({@code ps_drop}) and the interface ({@code ps_ifdrop}) dropped before that.
 *
 * <p>Immutable; any thread.
 */
public record CaptureStatistics(long received, long droppedByQueue, long droppedByKernel,
    long droppedByInterface) {

  /** Frames lost anywhere. */
  public long dropped() {
    return droppedByQueue + droppedByKernel + droppedByInterface;
  }
}
