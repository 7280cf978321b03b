package io.netanal.capture;

import io.netanal.InvalidInputException;
import io.netanal.frame.LinkType;

/**
 * What a live capture should do: which device, which kernel filter, when to stop, and how large the buffers
 * between the kernel, the capture thread and the consumer are.
 *
 * <p>Immutable; any thread. {@code device} null means the default device (see {@link CaptureDevices#defaultDevice}),
 * {@code filter} null or blank means every frame, {@code count} and {@code durationMillis} 0 mean no limit.
 *
 * @param bufferBytes the kernel ring buffer libpcap asks for ({@code pcap_set_buffer_size})
 * @param queueFrames the capacity of the queue between the capture thread and the consumer, in frames
 * @param immediateMode deliver frames as they arrive instead of when a kernel block fills or times out
 * @param nanoTimestamps ask libpcap for nanosecond timestamps (microseconds where it has none); false means
 *     microseconds, tcpdump's default
 */
public record CaptureConfig(String device, String filter, long count, long durationMillis, int snaplen,
    int bufferBytes, int queueFrames, boolean immediateMode, boolean nanoTimestamps) {

  public static final int DEFAULT_BUFFER_MEGABYTES = 64;
  public static final int DEFAULT_QUEUE_FRAMES = 32_768;

  public CaptureConfig {
    require("count", count, count >= 0, ">= 0");
    require("duration", durationMillis, durationMillis >= 0, ">= 0");
    require("snaplen", snaplen, snaplen > 0 && snaplen <= LinkType.MAX_SNAPLEN, "1-" + LinkType.MAX_SNAPLEN);
    require("buffer size", bufferBytes, bufferBytes > 0, "> 0");
    require("queue", queueFrames, queueFrames > 0, "> 0");
    if (filter != null && filter.isBlank()) {
      filter = null;
    }
  }

  private static void require(String what, long value, boolean ok, String rule) {
    if (!ok) {
      throw new InvalidInputException(what + ": " + value + " (expected: " + rule + ")");
    }
  }
}
