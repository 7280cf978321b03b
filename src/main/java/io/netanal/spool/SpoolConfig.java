package io.netanal.spool;

import io.netanal.InvalidInputException;
import io.netanal.pcap.CaptureFormat;
import java.nio.file.Path;

/**
 * What {@code capture --spool} was asked for: the spool directory, the sensor name in every file name, the
 * rotation period (files start at every multiple of it, by packet timestamp), an optional size limit per file
 * ({@code 0}: none), the disk budget of the pending files ({@code 0}: none), and the file format (pcap with
 * micro- or nanosecond timestamps).
 */
public record SpoolConfig(Path directory, String sensor, long rotateNanos, long rotateBytes, long maxBytes,
    CaptureFormat format) {

  /** The smallest file a size limit may ask for: a pcap header and one full-size frame. */
  static final long MIN_ROTATE_BYTES = 24 + 16 + 65_535;

  public SpoolConfig {
    if (!SpoolDirectory.isSensorName(sensor)) {
      throw new InvalidInputException("--sensor: " + sensor
          + " (expected: 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit)");
    }
    if (rotateNanos < 1_000_000_000L || rotateNanos % 1_000_000_000L != 0) {
      throw new InvalidInputException("--rotate: " + rotateNanos / 1e9 + " s (expected: whole seconds, >= 1 s)");
    }
    if (rotateBytes != 0 && rotateBytes < MIN_ROTATE_BYTES) {
      throw new InvalidInputException("--rotate-size: " + rotateBytes + " bytes (expected: 0 for none, or >= "
          + MIN_ROTATE_BYTES + " bytes)");
    }
    if (maxBytes < 0) {
      throw new InvalidInputException("--spool-max: " + maxBytes + " bytes (expected: >= 0)");
    }
    if (format == CaptureFormat.PCAPNG) {
      throw new InvalidInputException("spool format: pcapng (expected: pcap, micro- or nanosecond)");
    }
  }
}
