package io.netanal.report;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The report's {@code capture} block, for live captures only: frames the capture thread received, and those
 * dropped because the queue to the consumer was full, by the kernel (libpcap's {@code ps_drop}) and by the
 * interface ({@code ps_ifdrop}); with {@code --spool}, what the spool wrote and lost ({@code spool}, else left out).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CaptureCounters(long received, long droppedByQueue, long droppedByKernel, long droppedByInterface,
    SpoolCounters spool) {

  @JsonCreator
  public CaptureCounters {}

  /** Counters of a capture without a spool. */
  public CaptureCounters(long received, long droppedByQueue, long droppedByKernel, long droppedByInterface) {
    this(received, droppedByQueue, droppedByKernel, droppedByInterface, null);
  }
}
