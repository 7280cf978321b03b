package io.netanal.pcap;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The file a {@link CaptureFileWriter} writes: for a regular file (or a new one), a hidden temporary file beside
 * it ({@code .out.pcap.k3x9f0.tmp}, so the rename stays on one file system) that {@link #complete} forces to
 * disk and renames over the target, then forces the directory, so an existing target is replaced only by a
 * whole capture and the rename survives a crash; for a device or a pipe ({@code /dev/null}, a FIFO), the target
 * itself.
 *
 * <p>Owned by the writer's thread, except {@link #abandon}, which any thread may call.
 */
final class OutputFile {
  private final Path target;
  private final Path temporary;
  private final FileChannel channel;
  private volatile boolean done;

  private OutputFile(Path target, Path temporary, FileChannel channel) {
    this.target = target;
    this.temporary = temporary;
    this.channel = channel;
  }

  static OutputFile create(Path file) throws IOException {
    // A symbolic link keeps pointing where it did: the file it names is the one replaced.
    Path target = Files.isSymbolicLink(file) ? file.toRealPath() : file;
    if (Files.exists(target) && !Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
      return new OutputFile(target, null, FileChannel.open(target, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING));
    }
    Path directory = target.toAbsolutePath().getParent();
    Path temporary = directory.resolve("." + target.getFileName() + "."
        + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
    try {
      return new OutputFile(target, temporary, FileChannel.open(temporary, StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE));
    } catch (FileSystemException e) {
      throw named(e, file); // the user asked for the target, not our temporary name
    }
  }

  private static FileSystemException named(FileSystemException e, Path file) {
    FileSystemException renamed = e instanceof AccessDeniedException ? new AccessDeniedException(file.toString())
        : e instanceof NoSuchFileException ? new NoSuchFileException(file.toString())
        : new FileSystemException(file.toString(), null, e.getReason());
    renamed.initCause(e);
    return renamed;
  }

  FileChannel channel() {
    return channel;
  }

  /** The name the user gave, for messages. */
  Path target() {
    return target;
  }

  /**
   * Cuts the file to {@code length} (the end of its last whole record, after a failed write), forces it to disk,
   * closes it and puts it in place. Called once.
   */
  void complete(long length) throws IOException {
    try {
      if (temporary != null) {
        if (channel.size() > length) {
          channel.truncate(length);
        }
        channel.force(true);
      }
    } finally {
      channel.close();
    }
    if (temporary != null && !done) {
      done = true;
      move(temporary, target);
      forceDirectory(target);
    }
  }

  /**
   * For an exit that cannot wait (a second Ctrl+C): puts what is on disk now in place, as it is. Any thread;
   * errors are ignored, there is no one left to tell.
   */
  void abandon() {
    if (temporary == null || done) {
      return;
    }
    done = true;
    try {
      move(temporary, target);
    } catch (IOException e) {
      // the temporary file keeps the frames
    }
  }

  /** Closes and deletes the file: nothing worth keeping was written (the header could not be). */
  void discard() {
    try {
      channel.close();
      if (temporary != null) {
        Files.deleteIfExists(temporary);
      }
    } catch (IOException e) {
      // the original failure is the one worth reporting
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Forces the directory entry of {@code file} to disk, where the system allows opening a directory. */
  static void forceDirectory(Path file) throws IOException {
    Path directory = file.toAbsolutePath().getParent();
    try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (UnsupportedOperationException | AccessDeniedException e) {
      // not on this system (Windows): the rename is as durable as the file system makes it
    }
  }
}
