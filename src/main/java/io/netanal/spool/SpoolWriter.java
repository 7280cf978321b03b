package io.netanal.spool;

import io.netanal.NetanalException;
import io.netanal.frame.FrameSink;
import io.netanal.pcap.CaptureFileWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

/**
 * Writes frames into a spool (DESIGN.md section 7) as clock-aligned rotating pcap files: a frame goes to the file
 * of the period its timestamp falls in (periods start at every multiple of the rotation, so files and live
 * captures cut the same way), a new file starts when a frame's timestamp reaches the next period, when the
 * size limit would be passed (the next file of the same period gets a suffix), and when {@link #tick} finds the
 * period over on the wall clock (so an idle link does not hold a file back). An empty period writes no file.
 *
 * <p>Each file is written as {@code *.tmp}, flushed, and handed to a {@link SpoolFinisher}, which fsyncs it,
 * renames it atomically, fsyncs the directory and creates its {@code .ready} marker on its own thread (so the
 * consumer never waits for a whole file's fsync). After each finished file (and once a second on {@link #tick})
 * the finisher deletes the pending files over the disk budget, oldest first, never the one being written, each
 * with a warning. A disk that fails (full, I/O error) does not throw from {@link #frame}: the file being
 * written is cut to its whole records and finished if it can be, later frames are counted as dropped, and
 * {@link #failure()} says what happened, once, for the caller to stop the capture.
 *
 * <p>Owned by one thread: the capture's consumer calls {@link #frame}, {@link #tick}, {@link #statistics} and
 * {@link #close}. Opening recovers what a killed capture of the same sensor left (see {@link SpoolRecovery}) and
 * takes the sensor's lock, so two captures cannot write the same sensor's files (two processes, that is: a POSIX
 * lock does not keep a second writer of the same JVM out for long, see {@code ship.SpoolClaims}).
 */
public final class SpoolWriter implements FrameSink, Closeable {
  /** How long after its end, on the wall clock, a period's file is finished when no later frame came. */
  static final long CLOSE_GRACE_NANOS = 500_000_000L;
  private static final long BUDGET_CHECK_NANOS = 1_000_000_000L;

  private final SpoolConfig config;
  private final SpoolDirectory spool;
  private final int linkType;
  private final int snaplen;
  private final Consumer<String> warnings;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final SpoolBudget budget;
  private final SpoolFinisher finisher;
  private final long recoveredFiles;
  private final long discardedFiles;

  private FileChannel channel;
  private CaptureFileWriter writer;
  private Path tmp;
  private Path target;
  private long periodStart = Long.MIN_VALUE;
  private long periodEnd = Long.MIN_VALUE;
  private int sequence;
  private long fileBytes;
  private long fileFrames;
  private long nextBudgetCheck;

  private long droppedByDiskFull;
  private NetanalException failure;

  private SpoolWriter(SpoolConfig config, SpoolDirectory spool, int linkType, int snaplen,
      Consumer<String> warnings, FileChannel lockChannel, FileLock lock, SpoolRecovery.Result recovery) {
    this.config = config;
    this.spool = spool;
    this.linkType = linkType;
    this.snaplen = snaplen;
    this.warnings = warnings;
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.budget = new SpoolBudget(spool.pending(), config.maxBytes(), warnings);
    this.finisher = new SpoolFinisher(budget);
    this.recoveredFiles = recovery.recovered();
    this.discardedFiles = recovery.discarded();
  }

  /**
   * Creates the spool's directories, takes the sensor's lock, recovers what a killed capture of the sensor left,
   * and returns a writer of {@code linkType} frames cut to {@code snaplen}. {@code warnings} receives one line per
   * recovered, discarded or budget-deleted file.
   */
  public static SpoolWriter open(SpoolConfig config, int linkType, int snaplen, Consumer<String> warnings)
      throws IOException {
    SpoolDirectory spool = new SpoolDirectory(config.directory()).create();
    Path lockFile = spool.root().resolve(".capture-" + config.sensor() + ".lock");
    FileChannel lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = lockChannel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      lockChannel.close();
      throw new NetanalException("spool: " + config.directory() + ": sensor " + config.sensor()
          + " is already capturing into it (" + lockFile.getFileName() + " is locked)");
    }
    try {
      SpoolRecovery.Result recovery = SpoolRecovery.recover(spool, config.sensor(), warnings);
      return new SpoolWriter(config, spool, linkType, snaplen, warnings, lockChannel, lock, recovery);
    } catch (IOException | RuntimeException e) {
      lockChannel.close();
      throw e;
    }
  }

  @Override
  public void frame(int linkType, long timestampNanos, int capturedLength, int originalLength, ByteBuffer buffer,
      int offset) {
    if (failure != null) {
      droppedByDiskFull++;
      return;
    }
    long recordBytes = PcapPrefix.RECORD_HEADER + Math.min(capturedLength, snaplen);
    if (writer == null || timestampNanos >= periodEnd) {
      finish();
      start(timestampNanos);
    } else if (config.rotateBytes() > 0 && fileFrames > 0 && fileBytes + recordBytes > config.rotateBytes()) {
      finish();
      start(timestampNanos);
    }
    if (writer == null) {
      droppedByDiskFull++; // the disk failed while finishing or starting a file
      return;
    }
    try {
      writer.frame(this.linkType, timestampNanos, capturedLength, originalLength, buffer, offset);
    } catch (UncheckedIOException e) {
      droppedByDiskFull++; // this frame did not reach the buffer: its write failed
      diskFailed(e.getCause());
      return;
    }
    fileBytes += recordBytes;
    fileFrames++;
  }

  /**
   * Called about every 250 ms with the wall clock: finishes the current file once its period is over (plus a
   * grace for frames still queued), otherwise flushes it (whole records), so a killed process loses at most a
   * tick of frames; keeps the budget.
   */
  public void tick(long nowNanos) {
    checkFinisher();
    if (failure != null) {
      return;
    }
    if (writer != null && nowNanos >= periodEnd + CLOSE_GRACE_NANOS) {
      finish();
    } else if (writer != null) {
      try {
        writer.flush();
      } catch (IOException e) {
        diskFailed(e);
        return;
      }
    }
    if (config.maxBytes() > 0 && nowNanos >= nextBudgetCheck) {
      nextBudgetCheck = nowNanos + BUDGET_CHECK_NANOS;
      finisher.checkBudget(writer == null ? 0 : fileBytes); // the growing file counts too
    }
  }

  /** The disk failure that stopped spooling, or null. */
  public NetanalException failure() {
    return failure;
  }

  /** The counts so far; a file counts once it is finished (ready). */
  public SpoolStatistics statistics() {
    return new SpoolStatistics(finisher.files.get(), finisher.bytes.get(), finisher.packets.get(),
        budget.deletedFiles(), budget.deletedBytes(), budget.deletedPackets(),
        droppedByDiskFull + finisher.dropped.get(), recoveredFiles, discardedFiles);
  }

  /** Waits until every file handed to the finisher is ready (or failed); for tests, which look at the files. */
  void awaitFinished() throws InterruptedException {
    finisher.awaitIdle();
    checkFinisher();
  }

  /** Finishes the current file like any other, waits until every file is finished, releases the sensor's lock. */
  @Override
  public void close() throws IOException {
    try {
      checkFinisher();
      if (failure == null) {
        finish();
      }
      finisher.close();
      checkFinisher();
      if (failure == null) {
        keepBudget(); // every file renamed, none being written: the count is exact
      }
    } finally {
      try {
        lock.release();
      } finally {
        lockChannel.close();
      }
    }
  }

  private void start(long timestampNanos) {
    checkFinisher();
    if (failure != null) {
      return;
    }
    long rotate = config.rotateNanos();
    long start = Math.floorDiv(timestampNanos, rotate) * rotate;
    sequence = start == periodStart ? sequence + 1 : 1;
    periodStart = start;
    periodEnd = start + rotate;
    try {
      while (true) {
        target = spool.pending().resolve(SpoolDirectory.fileName(config.sensor(), start, sequence));
        tmp = target.resolveSibling(target.getFileName() + SpoolDirectory.TMP);
        if (!Files.exists(target) && !Files.exists(tmp)) {
          break;
        }
        sequence++; // an earlier run of this sensor wrote this period already
      }
      channel = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      fileBytes = PcapPrefix.FILE_HEADER;
      fileFrames = 0;
      writer = CaptureFileWriter.open(channel, config.format(), linkType, snaplen);
    } catch (IOException e) {
      diskFailed(e);
    }
  }

  /** Hands the current file to the finisher (fsync, rename, marker on its thread) once its records are written. */
  private void finish() {
    if (writer == null) {
      return;
    }
    try {
      writer.flush();
    } catch (IOException e) {
      diskFailed(e);
      return;
    }
    writer = null; // its channel goes to the finisher, which closes it
    finisher.submit(new SpoolFinisher.Job(channel, tmp, target, fileBytes, fileFrames));
    tmp = null; // the finisher's now
    fileFrames = 0;
    fileBytes = 0;
  }

  private void keepBudget() {
    try {
      budget.keep(0, finisher::unpublishedBytes);
    } catch (IOException e) {
      budget.warnFailed(e);
    }
  }

  /** A failure the finisher met becomes the writer's: the current file is kept as far as it can be, and stops. */
  private void checkFinisher() {
    IOException e = finisher.failure();
    if (e != null && failure == null) {
      diskFailed(e, finisher.failedFile());
    }
  }

  private void diskFailed(IOException e) {
    diskFailed(e, target);
  }

  /**
   * The disk failed (writing {@code failedFile}): keep what of the current file is whole (cut, finished and
   * marked like a recovered file), count the rest as dropped, and remember the failure for the caller.
   */
  private void diskFailed(IOException e, Path failedFile) {
    if (writer != null || (tmp != null && Files.exists(tmp) && fileFrames > 0)) {
      droppedByDiskFull += fileFrames - finisher.salvage(channel, tmp, target, fileBytes, fileFrames);
    } else if (tmp != null && Files.exists(tmp)) {
      closeQuietly();
      try {
        Files.deleteIfExists(tmp); // a file that got no frame (its header failed)
      } catch (IOException ignored) {
        // the disk is gone; the next start deletes it
      }
    }
    writer = null;
    fileFrames = 0;
    fileBytes = 0;
    String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    failure = new NetanalException("spool: " + spool.root() + ": writing "
        + (failedFile == null ? "a file" : failedFile.getFileName()) + " failed (" + reason + "); spooling stopped, "
        + finisher.files.get() + " finished files are intact", e);
  }

  private void closeQuietly() {
    try {
      if (channel != null) {
        channel.close();
      }
    } catch (IOException ignored) {
      // closing after a failed write: the failure is reported already
    }
  }

}
