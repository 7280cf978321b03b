package io.netanal.report;

import io.netanal.ExportException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file so that readers see either the old content or the whole new content, never a part: the bytes go
 * to a temporary file beside the target, are forced to disk, the temporary file is renamed over the target, and
 * the directory is forced to disk too, so that the rename itself survives a crash. On any failure the temporary
 * file is deleted and an existing target is left as it was.
 *
 * <p>Stateless; any thread, one call per file.
 */
public final class AtomicFileOutput {

  /** What produces the file's bytes; it may throw, and then nothing replaces the target. */
  @FunctionalInterface
  public interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  private AtomicFileOutput() {}

  /**
   * Writes {@code target} from {@code content}. Throws {@link ExportException}
   * ({@code "out.csv: cannot write (No space left on device)"}) when the file cannot be written.
   */
  public static void write(Path target, Content content) {
    write(target, content, true);
  }

  /**
   * As {@link #write}, atomic for readers, but not forced to disk: for a file that is only a convenience to lose
   * in a crash (the saved last report), where two fsyncs would cost more than the rest of a small command (2-10 ms
   * on an idle disk, up to a second on a busy one). After a crash the target may be the old content, the new, or
   * (on file systems that delay allocation without ext4's rename safeguard) empty, which its reader reports.
   */
  public static void replace(Path target, Content content) {
    write(target, content, false);
  }

  private static void write(Path target, Content content, boolean durable) {
    Path directory = target.toAbsolutePath().getParent();
    // Same directory as the target, so the rename stays on one file system and is atomic.
    Path temporary = directory.resolve("." + target.getFileName() + "."
        + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
    try {
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE);
          OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16)) {
        content.writeTo(out);
        out.flush();
        if (durable) {
          channel.force(true);
        }
      }
      move(temporary, target);
      if (durable) {
        forceDirectory(directory);
      }
    } catch (IOException e) {
      deleteQuietly(temporary);
      throw new ExportException(target + ": cannot write (" + reason(e) + ")", e);
    } catch (UncheckedIOException e) {
      deleteQuietly(temporary);
      throw new ExportException(target + ": cannot write (" + reason(e.getCause()) + ")", e.getCause());
    } catch (RuntimeException | Error e) {
      deleteQuietly(temporary);
      throw e;
    }
  }

  private static void move(Path temporary, Path target) throws IOException {
    try {
      Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** fsync of the directory: without it a crash may forget the rename although the file's data is on disk. */
  private static void forceDirectory(Path directory) throws IOException {
    try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (UnsupportedOperationException | AccessDeniedException e) {
      // a system that cannot open directories (Windows): the rename is as durable as it makes it
    }
  }

  private static void deleteQuietly(Path temporary) {
    try {
      Files.deleteIfExists(temporary);
    } catch (IOException ignored) {
      // The original error is the one worth reporting; a leftover hidden .tmp file is harmless.
    }
  }

  /** The part of an I/O error a user can act on, without the Java class name or a repeated path. */
  static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "Permission denied";
    }
    if (e instanceof NoSuchFileException) {
      return "No such file or directory";
    }
    if (e instanceof FileSystemException && ((FileSystemException) e).getReason() != null) {
      return ((FileSystemException) e).getReason();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
