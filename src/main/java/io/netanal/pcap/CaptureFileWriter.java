package io.netanal.pcap;

import io.netanal.InvalidInputException;
import io.netanal.frame.FrameSink;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes frames to a capture file as a {@link FrameSink}, through a buffer that holds only whole records, so that
 * the file on disk is a valid capture after every {@link #flush()}.
 *
 * <p>Owned by one thread (the consumer that receives the frames); {@link #frame} never throws: a write failure is
 * kept and thrown by the next {@link #flush()} or {@link #close()}. Frames longer than the snaplen are cut to it,
 * as a capture with that snaplen would have stored them.
 */
public abstract class CaptureFileWriter implements FrameSink, Flushable, Closeable {
  static final int BUFFER_SIZE = 1 << 20;

  private final WritableByteChannel channel;
  /** Records in the order the format's headers are written in (little-endian, as most writers do). */
  final ByteBuffer out = ByteBuffer.allocate(BUFFER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
  final int snaplen;
  private IOException failure;
  private long frames;

  CaptureFileWriter(WritableByteChannel channel, int snaplen) {
    this.channel = channel;
    this.snaplen = snaplen;
  }

  /** Creates (or truncates) {@code file} and writes the format's file header. */
  public static CaptureFileWriter open(Path file, CaptureFormat format, int linkType, int snaplen)
      throws IOException {
    checkSnaplen(snaplen);
    return open(Files.newByteChannel(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
        StandardOpenOption.WRITE), format, linkType, snaplen);
  }

  /** Writes to any channel (standard output, a pipe); the writer closes it. */
  public static CaptureFileWriter open(WritableByteChannel channel, CaptureFormat format, int linkType,
      int snaplen) throws IOException {
    checkSnaplen(snaplen);
    CaptureFileWriter writer = format == CaptureFormat.PCAPNG
        ? new PcapngWriter(channel, linkType, snaplen)
        : new PcapWriter(channel, linkType, snaplen, format == CaptureFormat.PCAP_NANOS);
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
    frames++;
  }

  private void writeRecordAlone(int linkType, long timestampNanos, int length, int originalLength,
      ByteBuffer buffer, int offset, int needed) {
    ByteBuffer record = ByteBuffer.allocate(needed).order(ByteOrder.LITTLE_ENDIAN);
    writeRecord(record, linkType, timestampNanos, length, originalLength, buffer, offset);
    record.flip();
    write(record);
    frames++;
  }

  /** Bytes the record (with any header block it needs first) takes. */
  abstract int recordLength(int linkType, int capturedLength);

  abstract void writeRecord(ByteBuffer target, int linkType, long timestampNanos, int capturedLength,
      int originalLength, ByteBuffer frame, int offset);

  static void copy(ByteBuffer target, ByteBuffer frame, int offset, int length) {
    target.put(target.position(), frame, offset, length);
    target.position(target.position() + length);
  }

  /** Frames written (or buffered) so far. */
  public long frames() {
    return frames;
  }

  private void drain() {
    out.flip();
    write(out);
    out.clear();
  }

  private void write(ByteBuffer data) {
    if (failure != null) {
      return; // the error is reported by flush or close; the frames after it are lost with the disk
    }
    try {
      while (data.hasRemaining()) {
        channel.write(data);
      }
    } catch (IOException e) {
      failure = e;
    }
  }

  @Override
  public void flush() throws IOException {
    drain();
    if (failure != null) {
      throw failure;
    }
  }

  @Override
  public void close() throws IOException {
    try {
      flush();
    } finally {
      channel.close();
    }
  }
}
