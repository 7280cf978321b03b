package io.netanal.cli;

import io.netanal.InvalidInputException;
import io.netanal.pcap.CaptureFormat;
import io.netanal.spool.SpoolConfig;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * {@code capture}'s spool options (DESIGN.md section 7): where to spool, how to rotate, the disk budget, the
 * sensor's name. Sizes are decimal: 1 MB is 1,000,000 bytes, 1 GB 1,000,000,000.
 */
final class SpoolOptions {
  @Option(names = "--spool", paramLabel = "DIR",
      description = "Write the capture into DIR/pending as rotating pcap files, each marked .ready once complete,"
          + " for 'netanal ship'.")
  Path directory;

  @Option(names = "--rotate", paramLabel = "SPAN", converter = TimeSpanConverter.class,
      description = "With --spool: start a new file at every multiple of SPAN of wall time, by packet timestamp"
          + " (default: 5s; whole seconds).")
  Duration rotate;

  @Option(names = "--rotate-size", paramLabel = "MB",
      description = "With --spool: also start a new file before one grows past MB megabytes.")
  Double rotateMegabytes;

  @Option(names = "--spool-max", paramLabel = "GB",
      description = "With --spool: keep the pending files under GB gigabytes, deleting the oldest (with a warning).")
  Double maxGigabytes;

  @Option(names = "--sensor", paramLabel = "NAME",
      description = "With --spool: the sensor's name in file names and uploads (default: the host name).")
  String sensor;

  @Option(names = "--spool-nanos", description = "With --spool: nanosecond pcap (default: microsecond pcap).")
  boolean nanos;

  /** The spool configuration, or null without {@code --spool}; throws for spool options without it. */
  SpoolConfig config() {
    if (directory == null) {
      String stray = rotate != null ? "--rotate" : rotateMegabytes != null ? "--rotate-size"
          : maxGigabytes != null ? "--spool-max" : sensor != null ? "--sensor" : nanos ? "--spool-nanos" : null;
      if (stray != null) {
        throw new InvalidInputException(stray + ": given without --spool (expected: --spool DIR)");
      }
      return null;
    }
    if (Files.exists(directory) && !Files.isDirectory(directory)) {
      throw new InvalidInputException("--spool: " + directory + ": not a directory (expected: a directory,"
          + " created when missing)");
    }
    long rotateNanos = (rotate == null ? Duration.ofSeconds(5) : rotate).toNanos();
    return new SpoolConfig(directory, sensor == null ? hostName() : sensor, rotateNanos,
        bytes("--rotate-size", rotateMegabytes, 1e6, "MB"), bytes("--spool-max", maxGigabytes, 1e9, "GB"),
        nanos ? CaptureFormat.PCAP_NANOS : CaptureFormat.PCAP_MICROS);
  }

  private static long bytes(String option, Double value, double unit, String unitName) {
    if (value == null) {
      return 0;
    }
    if (!(value > 0) || value * unit > Long.MAX_VALUE / 2) {
      throw new InvalidInputException(option + ": " + value + " (expected: > 0 " + unitName + ")");
    }
    return Math.round(value * unit);
  }

  /** The host's name as a sensor name: its first label, or "sensor" when it has none a file name can carry. */
  private static String hostName() {
    String name;
    try {
      name = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      name = System.getenv().getOrDefault("HOSTNAME", "sensor");
    }
    int dot = name.indexOf('.');
    name = dot > 0 ? name.substring(0, dot) : name;
    return io.netanal.spool.SpoolDirectory.isSensorName(name) ? name : "sensor";
  }
}
