package io.netanal.spool;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Keeps the pending files of a spool within {@code --spool-max}: when the finished captures in {@code pending/}
 * plus the file being written exceed it, the oldest finished ones (by modification time, then name) are deleted,
 * marker first so that no uploader claims a file being deleted, each with a warning. The file being written is
 * never deleted, even when it alone is over the budget. Files an uploader has claimed meanwhile are simply gone.
 *
 * <p>{@link #keep} and {@link #written} run on the {@link SpoolFinisher}'s thread (and {@link #keep} once more on
 * the writer's when it closes), the getters on the writer's: the methods are synchronized.
 */
final class SpoolBudget {
  /** Packet counts of the files this writer made, for {@code deletedPackets}; bounded (days of 5 s files). */
  private static final int MAX_REMEMBERED = 100_000;

  private final Path pending;
  private final long maxBytes;
  private final Consumer<String> warnings;
  private final Map<Path, Long> packetsByFile = new LinkedHashMap<>();
  private long deletedFiles;
  private long deletedBytes;
  private long deletedPackets;
  private String lastFailure;

  SpoolBudget(Path pending, long maxBytes, Consumer<String> warnings) {
    this.pending = pending;
    this.maxBytes = maxBytes;
    this.warnings = warnings;
  }

  /** Remembers a finished file's packet count. */
  synchronized void written(Path file, long packets) {
    if (maxBytes == 0) {
      return;
    }
    if (packetsByFile.size() >= MAX_REMEMBERED) {
      packetsByFile.remove(packetsByFile.keySet().iterator().next());
    }
    packetsByFile.put(file, packets);
  }

  /**
   * Deletes the oldest finished files while they, the {@code currentBytes} being written and the files being
   * finished exceed the budget. {@code unpublishedBytes} is asked after the listing: a file renamed meanwhile is
   * then missed (deleted a little later) rather than counted twice (deleting a file too many).
   */
  synchronized void keep(long currentBytes, LongSupplier unpublishedBytes) throws IOException {
    if (maxBytes == 0) {
      return;
    }
    List<Entry> finished = new ArrayList<>();
    long total = currentBytes;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(pending, "*" + SpoolDirectory.CAPTURE_EXTENSION)) {
      for (Path f : files) {
        try {
          BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
          finished.add(new Entry(f, a.size(), a.lastModifiedTime().toMillis()));
          total += a.size();
        } catch (NoSuchFileException e) {
          // claimed by an uploader since the listing
        }
      }
    }
    total += unpublishedBytes.getAsLong();
    if (total <= maxBytes) {
      return;
    }
    finished.sort(Comparator.comparingLong(Entry::modifiedMillis).thenComparing(e -> e.file().getFileName()));
    for (Entry e : finished) {
      if (total <= maxBytes) {
        break;
      }
      Files.deleteIfExists(SpoolDirectory.markerOf(e.file()));
      if (Files.deleteIfExists(e.file())) {
        Long packets = packetsByFile.remove(e.file());
        deletedFiles++;
        deletedBytes += e.size();
        deletedPackets += packets == null ? 0 : packets;
        warnings.accept("spool: over --spool-max (" + maxBytes + " bytes): deleted the oldest pending file "
            + e.file().getFileName() + " (" + e.size() + " bytes" + (packets == null ? "" : ", " + packets
            + " packets") + "), never shipped");
      }
      total -= e.size();
    }
  }

  /** Says, once per kind of error, that the budget could not be kept: spooling goes on. */
  synchronized void warnFailed(IOException e) {
    String message = "spool: --spool-max: cannot delete pending files (" + (e.getMessage() == null
        ? e.getClass().getSimpleName() : e.getMessage()) + ")";
    if (!message.equals(lastFailure)) {
      lastFailure = message;
      warnings.accept(message);
    }
  }

  synchronized long deletedFiles() {
    return deletedFiles;
  }

  synchronized long deletedBytes() {
    return deletedBytes;
  }

  synchronized long deletedPackets() {
    return deletedPackets;
  }

  private record Entry(Path file, long size, long modifiedMillis) {}
}
