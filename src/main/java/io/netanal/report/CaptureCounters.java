package io.netanal.report;

/**
 * The report's {@code capture} block, for live captures only: frames the capture thread received, and those
 * dropped because the queue to the consumer was full, by the kernel (libpcap's {@code ps_drop}) and by the
 * interface ({@code ps_ifdrop}).
 */
public record CaptureCounters(long received, long droppedByQueue, long droppedByKernel, long droppedByInterface) {}
