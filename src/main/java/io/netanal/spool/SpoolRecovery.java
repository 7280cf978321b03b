package io.netanal.spool;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * What a killed capture left in {@code pending/}, put right before a new one starts: a {@code *.pcap.tmp} that
 * holds at least one whole record is cut to its last whole record and finished like any file (fsync, rename,
 * marker); one without a whole record (empty, header only, not a pcap) is deleted. A {@code *.pcap} without its
 * marker (killed between rename and marker) gets its marker: the rename comes after the fsync, so it is whole.
 *
 * <p>Only the given sensor's files are touched: another sensor's capture may be writing into the same spool.
 * Called by the thread that opens a {@link SpoolWriter}, which holds the sensor's lock.
 */
final class SpoolRecovery {
  /** Files recovered and discarded. */
  record Result(long recovered, long discarded) {}

  private SpoolRecovery() {}

  static Result recover(SpoolDirectory spool, String sensor, Consumer<String> warnings) throws IOException {
    String prefix = "netanal-" + sensor + "-";
    List<Path> tmps = new ArrayList<>();
    List<Path> unmarked = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(spool.pending(), prefix + "*")) {
      for (Path f : files) {
        String name = f.getFileName().toString();
        if (!sensor.equals(SpoolDirectory.sensorOf(name.endsWith(SpoolDirectory.TMP)
            ? name.substring(0, name.length() - SpoolDirectory.TMP.length()) : name))) {
          continue; // "netanal-a-" also starts "netanal-a-b-...": sensor a-b's file
        }
        if (name.endsWith(SpoolDirectory.CAPTURE_EXTENSION + SpoolDirectory.TMP)) {
          tmps.add(f);
        } else if (name.endsWith(SpoolDirectory.CAPTURE_EXTENSION)
            && !Files.exists(SpoolDirectory.markerOf(f))) {
          unmarked.add(f);
        }
      }
    }
    long recovered = 0;
    long discarded = 0;
    for (Path f : unmarked) {
      SpoolDirectory.markReady(f);
      warnings.accept("spool: " + f.getFileName() + " was complete but not marked ready: marked");
    }
    for (Path tmp : tmps) {
      String name = tmp.getFileName().toString();
      Path target = tmp.resolveSibling(name.substring(0, name.length() - SpoolDirectory.TMP.length()));
      long size = Files.size(tmp);
      long records = salvage(tmp, target);
      if (records > 0) {
        recovered++;
        warnings.accept("spool: recovered " + name + " from an interrupted capture: " + records
            + " whole records kept as " + target.getFileName() + " (" + (size - Files.size(target))
            + " bytes of a cut record dropped)");
      } else {
        discarded++;
        warnings.accept("spool: deleted " + name + " from an interrupted capture (" + size
            + " bytes, no whole record)");
      }
    }
    return new Result(recovered, discarded);
  }

  /**
   * Cuts {@code tmp} to its whole records and publishes it as {@code target} (which must not exist); deletes it
   * when it has none. Returns the records kept.
   */
  static long salvage(Path tmp, Path target) throws IOException {
    PcapPrefix.Result prefix = PcapPrefix.of(tmp);
    if (prefix.records() == 0) {
      Files.delete(tmp);
      return 0;
    }
    try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
      c.truncate(prefix.bytes());
      c.force(true);
    }
    SpoolDirectory.publish(tmp, target);
    return prefix.records();
  }
}
