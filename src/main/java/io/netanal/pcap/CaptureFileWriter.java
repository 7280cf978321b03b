package io.netanal.pcap;

import io.netanal.InvalidInputException;
import io.netanal.frame.FrameSink;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;

/**
 * Writes frames to a capture file as a {@link FrameSink}, through a buffer that holds only whole records, so that
 * the file on disk is a valid capture after every {@link #flush()}. A file given by name is written as
 * {@link OutputFile} says: beside the target, forced to disk and renamed into place by {@link #close()}.
 *
 * <p>Owned by one thread (the consumer that receives the frames), except {@link #abandon()}. A write failure
 * is thrown once, as an {@link UncheckedIOException} naming the file, by the {@link #frame} or {@link #flush()}
 * that met it; later frames are not written, and {@link #close()} keeps the records written before it (cut to the
 * last whole one) and completes the file quietly. Frames longer than the snaplen are cut to it, as a capture with
 * that snaplen would have stored them.
 */
public abstract class CaptureFileWriter implements FrameSink, Flushable, Closeable {
  static final int BUFFER_SIZE = 1 << 20;

  private final WritableByteChannel channel;
  /** The named file behind {@code channel}, or null for a channel given by the caller. */
  private final OutputFile file;
  /** Records in the order the format's headers are written in (little-endian, as most writers do). */
  final ByteBuffer out = ByteBuffer.allocate(BUFFER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
  final int snaplen;
  private IOException failure;
  private long bufferedFrames;
  private long savedFrames;
  private long savedBytes;

  /** {@code file} null: {@code channel} is the caller's; otherwise it is {@code file}'s. */
  CaptureFileWriter(WritableByteChannel channel, OutputFile file, int snaplen) {
    this.channel = channel;
    this.file = file;
    this.snaplen = snaplen;
  }

  /**
   * Starts {@code file} (replaced only when {@link #close()} completes it) with the format's file header. Throws
   * {@link IOException} naming the file when even the header cannot be written, and then leaves nothing behind.
   */
  public static CaptureFileWriter open(Path file, CaptureFormat format, int linkType, int snaplen)
      throws IOException {
    checkSnaplen(snaplen);
    OutputFile output = OutputFile.create(file);
    try {
      CaptureFileWriter writer = format == CaptureFormat.PCAPNG
          ? new PcapngWriter(output.channel(), output, linkType, snaplen)
          : new PcapWriter(output.channel(), output, linkType, snaplen, format == CaptureFormat.PCAP_NANOS);
      writer.flush();
      return writer;
    } catch (IOException | RuntimeException e) {
      output.discard();
      throw e;
    }
  }

  /** Writes to any channel (standard output, a pipe); the writer closes it. */
  public static CaptureFileWriter open(WritableByteChannel channel, CaptureFormat format, int linkType,
      int snaplen) throws IOException {
    checkSnaplen(snaplen);
    CaptureFileWriter writer = format == CaptureFormat.PCAPNG
        ? new PcapngWriter(channel, null, linkType, snaplen)
        : new PcapWriter(channel, null, linkType, snaplen, format == CaptureFormat.PCAP_NANOS);
    writer.flush();
    return writer;
  }

  private static void checkSnaplen(int snaplen) {
    if (snaplen <= 0) {
      throw new InvalidInputException("snaplen: " + snaplen + " (expected: > 0)");
    }
  }

  @Override
  public final void frame(int linkType, long timestampNanos, int capturedLength, int originalLength,
      ByteBuffer buffer, int offset) {
    int length = Math.min(capturedLength, snaplen);
    int needed = recordLength(linkType, length);
    if (out.remaining() < needed) {
      drain();
      if (out.capacity() < needed) {
        // Only a snaplen above the buffer size gets here; such frames are rare enough to allocate for.
        writeRecordAlone(linkType, timestampNanos, length, originalLength, buffer, offset, needed);
        return;
      }
    }
    writeRecord(out, linkType, timestampNanos, length, originalLength, buffer, offset);
    bufferedFrames++;
  }

  private void writeRecordAlone(int linkType, long timestampNanos, int length, int originalLength,
      ByteBuffer buffer, int offset, int needed) {
    ByteBuffer record = ByteBuffer.allocate(needed).order(ByteOrder.LITTLE_ENDIAN);
    writeRecord(record, linkType, timestampNanos, length, originalLength, buffer, offset);
    record.flip();
    bufferedFrames++;
    write(record);
  }

  /** Bytes the record (with any header block it needs first) takes. */
  abstract int recordLength(int linkType, int capturedLength);

  abstract void writeRecord(ByteBuffer target, int linkType, long timestampNanos, int capturedLength,
      int originalLength, ByteBuffer frame, int offset);

  static void copy(ByteBuffer target, ByteBuffer frame, int offset, int length) {
    target.put(target.position(), frame, offset, length);
    target.position(target.position() + length);
  }

  /** Frames on disk (or in the channel): all of them after a {@link #flush()}, those before a write failure. */
  public long savedFrames() {
    return savedFrames;
  }

  private void drain() {
    out.flip();
    try {
      write(out);
    } finally {
      out.clear();
    }
  }

  /** Writes whole records; the first failure is thrown, naming the file, and ends all writing. */
  private void write(ByteBuffer data) {
    if (failure != null) {
      return;
    }
    int start = data.position();
    int length = data.remaining();
    try {
      while (data.hasRemaining()) {
        channel.write(data);
      }
    } catch (IOException e) {
      keepWholeRecords(data, start, data.position());
      failure = e;
      if (file != null) {
        failure = new FileSystemException(file.target().toString(), null, reason(e));
        failure.initCause(e);
      }
      throw new UncheckedIOException(failure);
    }
    savedBytes += length;
    savedFrames += bufferedFrames;
    bufferedFrames = 0;
  }

  /**
   * After a write that failed part-way (a disk filling up): counts the whole records among the bytes that did
   * reach the channel, so that {@link #close()} keeps them and cuts the rest.
   */
  private void keepWholeRecords(ByteBuffer data, int start, int reached) {
    boolean fileStart = savedBytes == 0;
    int position = start;
    while (position < reached) {
      boolean header = fileStart && position == start;
      int length = blockLength(data, position, header);
      if (length <= 0 || position + length > reached) {
        break;
      }
      if (isFrame(data, position, header)) {
        savedFrames++;
      }
      position += length;
    }
    savedBytes += position - start;
  }

  /**
   * The length of the block {@code data} holds at {@code position}, in this writer's layout: a record, or the
   * file's header when {@code fileHeader}.
   */
  abstract int blockLength(ByteBuffer data, int position, boolean fileHeader);

  /** Whether the block at {@code position} is a frame's record (not a file header or an interface block). */
  abstract boolean isFrame(ByteBuffer data, int position, boolean fileHeader);

  private static String reason(IOException e) {
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /** Writes what is buffered; throws a write failure the first time it is met (see the class comment). */
  @Override
  public void flush() throws IOException {
    try {
      drain();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /**
   * Flushes, and completes a named file: forced to disk and renamed into place, holding every record written
   * before a failure. Throws only failures not thrown before.
   */
  @Override
  public void close() throws IOException {
    try {
      if (failure == null) {
        flush();
      }
    } finally {
      if (file == null) {
        channel.close();
      } else {
        file.complete(savedBytes);
      }
    }
  }

  /**
   * For an exit that cannot wait (the second Ctrl+C): puts the named file in place as it is on disk (whole
   * records up to the last flush, perhaps part of the next). Any thread.
   */
  public void abandon() {
    if (file != null) {
      file.abandon();
    }
  }
}
