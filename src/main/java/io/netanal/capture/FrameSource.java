package io.netanal.capture;

import java.io.IOException;

/**
 * Where a live capture's frames come from: libpcap in production ({@link PcapFrameSource}), anything a test can
 * drive otherwise. {@link CaptureLoop} calls {@link #read} in a loop on its capture thread and copies each frame
 * into its queue.
 *
 * <p>{@link #read}, {@link #drops} and {@link #close} are called by the capture thread only (or, for
 * {@code close}, by the owner when no capture thread ever started); {@link #wakeUp} by any thread.
 */
interface FrameSource {

  /** Receives the frames one {@link #read} finds; the array is the source's and valid only during the call. */
  interface Receiver {
    void frame(long timestampNanos, byte[] frame, int capturedLength, int originalLength);
  }

  /** Frames lost before the source saw them: by the kernel ({@code ps_drop}) and the interface ({@code ps_ifdrop}). */
  record Drops(long kernel, long byInterface) {}

  /**
   * Hands the frames available now to {@code receiver}, waiting a short while (libpcap's read timeout) when
   * there are none; returns early after {@link #wakeUp}. Throws when the source fails (the device went away,
   * libpcap reports an error).
   */
  void read(Receiver receiver) throws IOException;

  /** Makes a {@link #read} that waits for frames return at once. */
  void wakeUp();

  Drops drops() throws IOException;

  /** Releases the source; idempotent. */
  void close();
}
