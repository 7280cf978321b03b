package io.netanal.spool;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Finishes written spool files on its own thread: fsync, close, atomic rename, directory fsync, {@code .ready}
 * marker ({@link SpoolDirectory#publish}), so that the capture's consumer never waits for an fsync of a whole
 * file (on a busy link, a quarter of a second of fsync is tens of thousands of frames the queue must hold).
 * Files are finished in the order they were handed over. At most {@value #MAX_WAITING} wait; a disk slower than
 * that makes {@link #submit} wait, which the capture counts as queue drops.
 *
 * <p>After each file, and when the writer asks, it also keeps the disk budget ({@link SpoolBudget}), so neither
 * a directory listing of a long backlog nor the unlinking of large files holds up the consumer.
 *
 * <p>A disk failure while finishing is kept ({@link #failure}); that file is cut to its whole records and
 * finished if it can be (as {@link SpoolRecovery} does), the rest counted as dropped, and so is every later file.
 * {@link #submit}, {@link #checkBudget}, {@link #close} and {@link #failure} are called by the writer's thread;
 * the counters may be read from any.
 */
final class SpoolFinisher implements AutoCloseable {
  static final int MAX_WAITING = 2;

  /** A written file to finish: its channel (flushed, open), names, bytes and frames. */
  record Job(FileChannel channel, Path tmp, Path target, long bytes, long packets) {}

  private static final Job END = new Job(null, null, null, 0, 0);
  private static final Job BUDGET = new Job(null, null, null, 0, 0);

  private final BlockingQueue<Job> jobs = new ArrayBlockingQueue<>(MAX_WAITING);
  private final SpoolBudget budget;
  private final Thread thread;
  final AtomicLong files = new AtomicLong();
  final AtomicLong bytes = new AtomicLong();
  final AtomicLong packets = new AtomicLong();
  final AtomicLong dropped = new AtomicLong();
  /** Bytes of files handed over and not yet renamed: still {@code .tmp}, but part of the pending set. */
  private final AtomicLong unpublishedBytes = new AtomicLong();
  /** Bytes of the file the writer is writing, as of its last report. */
  private volatile long currentBytes;
  private volatile IOException failure;
  private volatile Path failedFile;
  private int submitted;
  private int done;

  SpoolFinisher(SpoolBudget budget) {
    this.budget = budget;
    this.thread = new Thread(this::run, "netanal-spool-finisher");
    thread.setDaemon(true);
    thread.start();
  }

  /** Hands a file over; waits while {@value #MAX_WAITING} are waiting already. */
  void submit(Job job) {
    currentBytes = 0; // the writer's next file has not begun: this one must not count twice
    unpublishedBytes.addAndGet(job.bytes());
    put(job);
    synchronized (this) {
      submitted++;
    }
  }

  /**
   * Asks for a check of the disk budget with the writer's file at {@code current} bytes, unless files are
   * waiting (each is followed by a check anyway). Never waits.
   */
  void checkBudget(long current) {
    currentBytes = current;
    if (jobs.offer(BUDGET)) {
      synchronized (this) {
        submitted++;
      }
    }
  }

  /** Waits until every file handed over is finished (or failed) and every budget check done. */
  void awaitIdle() throws InterruptedException {
    synchronized (this) {
      while (done < submitted) {
        wait();
      }
    }
  }

  long unpublishedBytes() {
    return unpublishedBytes.get();
  }

  IOException failure() {
    return failure;
  }

  /** The file whose finishing failed, or null. */
  Path failedFile() {
    return failedFile;
  }

  /** Finishes what was handed over, then ends the thread. */
  @Override
  public void close() {
    put(END);
    boolean interrupted = false;
    while (thread.isAlive()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        interrupted = true; // the files must be finished before the writer returns
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void put(Job job) {
    boolean interrupted = false;
    while (true) {
      try {
        jobs.put(job);
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    while (true) {
      Job job;
      try {
        job = jobs.take();
      } catch (InterruptedException e) {
        continue; // only close() ends the thread, after the files handed over
      }
      if (job == END) {
        return;
      }
      if (job != BUDGET) {
        finish(job);
      }
      keepBudget();
      synchronized (this) {
        done++;
        notifyAll();
      }
    }
  }

  private void finish(Job job) {
    if (failure == null) {
      try {
        job.channel().force(true);
        job.channel().close();
        unpublishedBytes.addAndGet(-job.bytes()); // before the rename: the budget may miss it, never count it twice
        SpoolDirectory.publish(job.tmp(), job.target());
        count(job.target(), job.bytes(), job.packets());
        return;
      } catch (IOException e) {
        failedFile = job.target();
        failure = e;
      }
    } else {
      unpublishedBytes.addAndGet(-job.bytes());
    }
    dropped.addAndGet(job.packets() - salvage(job.channel(), job.tmp(), job.target(), job.bytes(), job.packets()));
  }

  /**
   * Deletes the oldest pending files over the budget, here rather than on the writer's thread: listing a long
   * backlog and unlinking large files take time the capture's consumer does not have.
   */
  private void keepBudget() {
    if (failure != null) {
      return;
    }
    try {
      budget.keep(currentBytes, unpublishedBytes::get);
    } catch (IOException e) {
      budget.warnFailed(e);
    }
  }

  /**
   * Keeps what of a file a failing disk let through: cut to its whole records and finished, or marked when only
   * the marker failed; deleted when nothing can be kept. Returns the frames kept (and counted as written).
   */
  long salvage(FileChannel channel, Path tmp, Path target, long fileBytes, long filePackets) {
    try {
      if (channel != null) {
        channel.close();
      }
    } catch (IOException ignored) {
      // closing after a failed write: the failure is kept already
    }
    try {
      if (Files.exists(tmp)) {
        long kept = SpoolRecovery.salvage(tmp, target);
        if (kept > 0) {
          count(target, Math.min(fileBytes, Files.size(target)), kept);
        }
        return kept;
      }
      if (Files.exists(target)) {
        SpoolDirectory.markReady(target); // renamed, only the marker failed: the file is whole
        count(target, fileBytes, filePackets);
        return filePackets;
      }
    } catch (IOException again) {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // the disk is gone; the next start recovers or deletes it
      }
    }
    return 0;
  }

  private void count(Path target, long fileBytes, long filePackets) {
    files.incrementAndGet();
    bytes.addAndGet(fileBytes);
    packets.addAndGet(filePackets);
    budget.written(target, filePackets);
  }
}
