package io.netanal.spool;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The layout of a spool directory (DESIGN.md section 7), shared by the writer ({@code capture --spool}) and the
 * uploader ({@code ship}), and the one place that makes a file visible to the uploader.
 *
 * <pre>
 * SPOOL/pending/    netanal-&lt;sensor&gt;-&lt;UTC start&gt;[-N].pcap   complete captures only
 *                   netanal-...pcap.ready                     marker: safe to ship
 *                   netanal-...pcap.tmp                       the file being written (never shipped)
 * SPOOL/inflight/   &lt;shipper id&gt;/ and &lt;shipper id&gt;.lock     files claimed by a running shipper
 * SPOOL/processed/  shipped files, kept for ship --keep
 * SPOOL/failed/     files the collector rejected, retried every 5 minutes
 * </pre>
 *
 * <p>Immutable; any thread. Every step that must survive a crash is followed by an fsync of what it changed:
 * the data before its rename, the directory after it, the marker after its creation.
 */
public final class SpoolDirectory {
  public static final String CAPTURE_EXTENSION = ".pcap";
  public static final String READY = ".ready";
  public static final String TMP = ".tmp";

  /** {@code netanal-<sensor>-<yyyyMMdd'T'HHmmss'Z'>[-N].pcap}; the sensor may itself contain dashes. */
  private static final Pattern NAME = Pattern.compile("netanal-(.+)-(\\d{8}T\\d{6}Z)(?:-(\\d+))?\\.pcap");
  private static final Pattern SENSOR = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final Path root;

  public SpoolDirectory(Path root) {
    this.root = root;
  }

  public Path root() {
    return root;
  }

  public Path pending() {
    return root.resolve("pending");
  }

  public Path inflight() {
    return root.resolve("inflight");
  }

  public Path processed() {
    return root.resolve("processed");
  }

  public Path failed() {
    return root.resolve("failed");
  }

  /** Creates the four directories (and the root) when missing. */
  public SpoolDirectory create() throws IOException {
    for (Path d : new Path[] {pending(), inflight(), processed(), failed()}) {
      Files.createDirectories(d);
    }
    return this;
  }

  /** True for a name a sensor could use: letters, digits, dot, underscore, dash; 1-64 characters. */
  public static boolean isSensorName(String sensor) {
    return sensor != null && SENSOR.matcher(sensor).matches();
  }

  /**
   * The name of the {@code sequence}-th file (1 for the first) of the rotation period starting at
   * {@code periodStartNanos}: the first has no suffix, later ones (rotation by size, a late frame) get
   * {@code -2}, {@code -3} ...
   */
  public static String fileName(String sensor, long periodStartNanos, int sequence) {
    String stamp = STAMP.format(Instant.ofEpochSecond(Math.floorDiv(periodStartNanos, 1_000_000_000L)));
    return "netanal-" + sensor + "-" + stamp + (sequence > 1 ? "-" + sequence : "") + CAPTURE_EXTENSION;
  }

  /** The sensor a spool file's name carries, or null when the name is not a spool file's. */
  public static String sensorOf(String fileName) {
    Matcher m = NAME.matcher(fileName);
    return m.matches() ? m.group(1) : null;
  }

  /** The marker that says {@code capture} is complete: the capture's name plus {@value #READY}. */
  public static Path markerOf(Path capture) {
    return capture.resolveSibling(capture.getFileName() + READY);
  }

  /** The capture a marker stands for, or null when {@code marker} is not a marker. */
  public static Path captureOf(Path marker) {
    String name = marker.getFileName().toString();
    return name.endsWith(READY) ? marker.resolveSibling(name.substring(0, name.length() - READY.length())) : null;
  }

  /**
   * Makes a finished, already fsynced {@code tmp} visible to uploaders as {@code target}: an atomic rename, an
   * fsync of the directory (so the rename survives a power cut), then the {@code .ready} marker, fsynced with
   * its directory. An uploader that sees the marker sees the whole file.
   */
  public static void publish(Path tmp, Path target) throws IOException {
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    fsyncDirectory(target.getParent());
    markReady(target);
  }

  /** Creates {@code capture}'s marker (if missing) and fsyncs it and its directory. */
  public static void markReady(Path capture) throws IOException {
    Path marker = markerOf(capture);
    try (FileChannel c = FileChannel.open(marker, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      c.force(true);
    } catch (FileAlreadyExistsException e) {
      return; // a recovery put the file back where its marker still was
    }
    fsyncDirectory(capture.getParent());
  }

  /** fsync of a directory, so that the names created, renamed or removed in it are durable. */
  public static void fsyncDirectory(Path dir) throws IOException {
    try (FileChannel c = FileChannel.open(dir, StandardOpenOption.READ)) {
      c.force(true);
    }
  }
}
