package io.netanal.ship;

import io.netanal.spool.SpoolDirectory;
import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * One shipper's claims on a spool's files, so that several shippers on one spool never ship a file twice: a
 * file is claimed by an atomic rename from {@code pending/} into the shipper's own {@code inflight/<id>/} (of
 * two shippers renaming the same file, one wins, the other finds it gone), and the shipper holds an exclusive
 * lock on {@code inflight/<id>.lock} for as long as it lives. The kernel drops the lock when the process dies,
 * however it dies, so a lock that can be taken belongs to a dead shipper: {@link #recoverAbandoned} puts its
 * files back in {@code pending/} with their markers (a file whose upload did reach the collector is then
 * answered as a duplicate).
 *
 * <p>Owned by the shipper's thread. The lock file is created under a temporary name, locked, then renamed, so no
 * other shipper ever sees it unlocked. One shipper per process: Java's file locks are POSIX record locks, which a
 * process drops when it closes any descriptor of the file, so a second shipper in the same JVM looking at the
 * first one's lock would release it (several shippers in one JVM, as in tests, still never ship a file twice:
 * only recovery trusts the lock).
 */
final class SpoolClaims implements Closeable {
  private final SpoolDirectory spool;
  private final Path dir;
  private final Path lockFile;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final Consumer<String> log;

  private SpoolClaims(SpoolDirectory spool, Path dir, Path lockFile, FileChannel lockChannel, FileLock lock,
      Consumer<String> log) {
    this.spool = spool;
    this.dir = dir;
    this.lockFile = lockFile;
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.log = log;
  }

  static SpoolClaims open(SpoolDirectory spool, Consumer<String> log) throws IOException {
    String id = ProcessHandle.current().pid() + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);
    Path inflight = spool.inflight();
    Path staging = inflight.resolve("." + id + ".lock.new");
    FileChannel channel = FileChannel.open(staging, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    try {
      FileLock lock = channel.lock();
      Path lockFile = inflight.resolve(id + ".lock");
      Files.move(staging, lockFile, StandardCopyOption.ATOMIC_MOVE);
      Path dir = Files.createDirectory(inflight.resolve(id));
      return new SpoolClaims(spool, dir, lockFile, channel, lock, log);
    } catch (IOException | RuntimeException e) {
      channel.close();
      Files.deleteIfExists(staging);
      throw e;
    }
  }

  /** Claims the capture {@code marker} stands for; null when another shipper (or the budget) took it first. */
  Path claim(Path marker) throws IOException {
    Path capture = SpoolDirectory.captureOf(marker);
    Path claimed = dir.resolve(capture.getFileName());
    try {
      Files.move(capture, claimed, StandardCopyOption.ATOMIC_MOVE);
    } catch (NoSuchFileException e) {
      return null;
    }
    Files.deleteIfExists(marker);
    return claimed;
  }

  /** Gives a claimed file back to {@code pending/}, marked ready, for a later attempt or another shipper. */
  void release(Path claimed) throws IOException {
    Path back = spool.pending().resolve(claimed.getFileName());
    Files.move(claimed, back, StandardCopyOption.ATOMIC_MOVE);
    SpoolDirectory.markReady(back);
  }

  /** Moves a claimed file into {@code processed/} or {@code failed/}, dated now (for --keep and the retry). */
  void settle(Path claimed, Path directory) throws IOException {
    Files.setLastModifiedTime(claimed, FileTime.fromMillis(System.currentTimeMillis()));
    Files.move(claimed, directory.resolve(claimed.getFileName()), StandardCopyOption.ATOMIC_MOVE);
  }

  /** Puts back in {@code pending/} the claims of shippers that died; returns how many files. */
  int recoverAbandoned() throws IOException {
    List<Path> locks = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(spool.inflight(), "*.lock")) {
      files.forEach(locks::add);
    }
    int recovered = 0;
    for (Path other : locks) {
      if (!other.equals(lockFile)) {
        recovered += recover(other);
      }
    }
    return recovered;
  }

  private int recover(Path otherLock) throws IOException {
    FileChannel channel;
    try {
      channel = FileChannel.open(otherLock, StandardOpenOption.WRITE);
    } catch (NoSuchFileException e) {
      return 0; // recovered by another shipper meanwhile
    }
    try (channel) {
      FileLock taken;
      try {
        taken = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        return 0; // a shipper of this JVM holds it
      }
      if (taken == null) {
        return 0; // alive
      }
      String name = otherLock.getFileName().toString();
      Path claims = otherLock.resolveSibling(name.substring(0, name.length() - ".lock".length()));
      int recovered = 0;
      if (Files.isDirectory(claims)) {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(claims)) {
          s.forEach(files::add);
        }
        for (Path f : files) {
          release(f);
          recovered++;
          log.accept(f.getFileName() + ": claimed by a shipper that stopped (" + claims.getFileName()
              + "): back in pending");
        }
        Files.deleteIfExists(claims);
      }
      Files.deleteIfExists(otherLock);
      taken.release();
      return recovered;
    }
  }

  /** Gives back what is still claimed, removes the claim directory and releases the lock. */
  @Override
  public void close() throws IOException {
    try {
      List<Path> left = new ArrayList<>();
      try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
        s.forEach(left::add);
      }
      for (Path f : left) {
        release(f);
      }
      Files.deleteIfExists(dir);
      Files.deleteIfExists(lockFile);
    } finally {
      try {
        lock.release();
      } finally {
        lockChannel.close();
      }
    }
  }
}
