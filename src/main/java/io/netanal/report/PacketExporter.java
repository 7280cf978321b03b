package io.netanal.report;

import io.netanal.decode.DecodedFrame;
import io.netanal.decode.DecodedFrameConsumer;
import io.netanal.decode.FrameDecoder;
import io.netanal.decode.Protocol;
import io.netanal.decode.TcpFlag;
import io.netanal.frame.FrameSink;
import io.netanal.frame.TimestampFormat;
import io.netanal.frame.AddressFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.util.function.BooleanSupplier;

/**
 * Writes one summary row per frame ({@code export --packets}) as CSV or JSON Lines, streamed: each frame is
 * decoded into one reused {@link DecodedFrame}, formatted into one reused buffer and written at once, so memory
 * stays flat whatever the capture's size.
 *
 * <p>Columns: number, timestamp (exact {@code seconds.nnnnnnnnn}), source and destination (the outermost IP
 * header's addresses), srcPort, dstPort, protocol (the highest-layer protocol found), length (wire), capturedLength,
 * tcpFlags (the letters of the flags set, in header order from FIN up: {@code "SA"}, {@code "FPA"}).
 * A missing value is an empty CSV field or a JSON null.
 *
 * <p>A {@link FrameSink}: one thread at a time. Write errors surface as {@link UncheckedIOException}. Output that
 * hides its errors (a {@link java.io.PrintWriter} on standard output) is polled through the {@code closed} check
 * every {@value #CHECK_EVERY_ROWS} rows; when it reports the reader gone, the export stops with an
 * {@link UncheckedIOException} whose cause says "Broken pipe", which the command line ends quietly
 * ({@code | head}).
 */
public final class PacketExporter implements FrameSink, DecodedFrameConsumer {
  /** The row formats. */
  public enum Format { CSV, JSON_LINES }

  static final String[] COLUMNS = {"number", "timestamp", "source", "destination", "srcPort", "dstPort",
      "protocol", "length", "capturedLength", "tcpFlags"};
  /** PrintWriter hides write errors; looking every so many rows bounds the wasted work after a pipe closes. */
  private static final int CHECK_EVERY_ROWS = 1024;

  private final Writer out;
  private final Format format;
  private final BooleanSupplier closed;
  private final FrameDecoder decoder = new FrameDecoder();
  private final DecodedFrame decoded = new DecodedFrame();
  /** The frame whose row is being written. */
  private DecodedFrame current = decoded;
  private final StringBuilder row = new StringBuilder(256);
  private char[] chars = new char[256];
  private long number;

  /**
   * An exporter writing to {@code out}; the CSV header is written by {@link #start()}. {@code closed} says whether
   * the reader of {@code out} has gone away.
   */
  public PacketExporter(Writer out, Format format, BooleanSupplier closed) {
    this.out = out;
    this.format = format;
    this.closed = closed;
  }

  /** Writes the CSV header row (nothing for JSON Lines). Call once, before the first frame. */
  public void start() {
    if (format == Format.CSV) {
      row.setLength(0);
      for (int i = 0; i < COLUMNS.length; i++) {
        row.append(i == 0 ? "" : ",").append(COLUMNS[i]);
      }
      emit();
    }
  }

  /** Rows written so far. */
  public long rows() {
    return number;
  }

  @Override
  public void frame(int linkType, long timestampNanos, int capturedLength, int originalLength, ByteBuffer buffer,
      int offset) {
    decoder.decode(linkType, buffer, offset, capturedLength, decoded);
    writeRow(timestampNanos, capturedLength, originalLength, decoded);
  }

  /** The row of a frame the pipeline decoded ({@link io.netanal.analysis.FramePipeline}). */
  @Override
  public void frame(long timestampNanos, int capturedLength, long originalLength, ByteBuffer buffer, int offset,
      DecodedFrame frame) {
    writeRow(timestampNanos, capturedLength, (int) originalLength, frame);
  }

  /** Writes the row of one frame already decoded into {@code frame} (read during the call only). */
  void writeRow(long timestampNanos, int capturedLength, int originalLength, DecodedFrame frame) {
    current = frame;
    number++;
    row.setLength(0);
    if (format == Format.CSV) {
      csvRow(timestampNanos, capturedLength, originalLength);
    } else {
      jsonRow(timestampNanos, capturedLength, originalLength);
    }
    emit();
    if (number % CHECK_EVERY_ROWS == 0) {
      checkClosed();
    }
  }

  /** Flushes what is buffered; throws as {@link #frame} does when the output has gone away. */
  public void finish() {
    try {
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    checkClosed();
  }

  private void csvRow(long timestampNanos, int capturedLength, int originalLength) {
    row.append(number).append(',');
    TimestampFormat.append(timestampNanos, row);
    row.append(',');
    address(true, row);
    row.append(',');
    address(false, row);
    row.append(',');
    port(current.sourcePort(), false);
    row.append(',');
    port(current.destinationPort(), false);
    row.append(',');
    protocol(false);
    row.append(',').append(Integer.toUnsignedLong(originalLength)).append(',').append(capturedLength).append(',');
    flags(false);
  }

  private void jsonRow(long timestampNanos, int capturedLength, int originalLength) {
    row.append("{\"number\":").append(number).append(",\"timestamp\":\"");
    TimestampFormat.append(timestampNanos, row);
    row.append("\",\"source\":");
    if (current.ipCount() == 0) {
      row.append("null,\"destination\":null");
    } else {
      row.append('"');
      address(true, row);
      row.append("\",\"destination\":\"");
      address(false, row);
      row.append('"');
    }
    row.append(",\"srcPort\":");
    port(current.sourcePort(), true);
    row.append(",\"dstPort\":");
    port(current.destinationPort(), true);
    row.append(",\"protocol\":");
    protocol(true);
    row.append(",\"length\":").append(Integer.toUnsignedLong(originalLength)).append(",\"capturedLength\":")
        .append(capturedLength).append(",\"tcpFlags\":");
    flags(true);
    row.append('}');
  }

  /** The outermost IP header's source (or destination) address; nothing for a frame without IP. */
  private void address(boolean source, StringBuilder sb) {
    if (current.ipCount() == 0) {
      return;
    }
    if (current.ipVersion(0) == 4) {
      AddressFormat.appendIpv4(source ? current.ipv4Source(0) : current.ipv4Destination(0), sb);
    } else if (source) {
      AddressFormat.appendIpv6(current.ipv6SourceHigh(0), current.ipv6SourceLow(0), sb);
    } else {
      AddressFormat.appendIpv6(current.ipv6DestinationHigh(0), current.ipv6DestinationLow(0), sb);
    }
  }

  private void port(int port, boolean json) {
    if (port >= 0) {
      row.append(port);
    } else if (json) {
      row.append("null");
    }
  }

  private void protocol(boolean json) {
    int id = Protocol.highest(current.protocols());
    if (id < 0) {
      row.append(json ? "null" : "");
    } else if (json) {
      row.append('"').append(Protocol.name(id)).append('"');
    } else {
      row.append(Protocol.name(id));
    }
  }

  private void flags(boolean json) {
    int f = current.tcpFlags();
    if (f < 0) {
      row.append(json ? "null" : "");
      return;
    }
    if (json) {
      row.append('"');
    }
    appendFlagLetters(f, row);
    if (json) {
      row.append('"');
    }
  }

  private static final int[] FLAGS = {TcpFlag.FIN, TcpFlag.SYN, TcpFlag.RST, TcpFlag.PSH, TcpFlag.ACK,
      TcpFlag.URG, TcpFlag.ECE, TcpFlag.CWR, TcpFlag.NS};
  private static final String FLAG_LETTERS = "FSRPAUECN"; // FLAGS' letters, in the same order

  /** The letters of the TCP flags set in {@code flags} (FIN 0x01 up to NS 0x100), in bit order. */
  static void appendFlagLetters(int flags, StringBuilder sb) {
    for (int i = 0; i < FLAGS.length; i++) {
      if ((flags & FLAGS[i]) != 0) {
        sb.append(FLAG_LETTERS.charAt(i));
      }
    }
  }

  private void emit() {
    row.append('\n');
    int length = row.length();
    if (chars.length < length) {
      chars = new char[Math.max(length, chars.length * 2)];
    }
    row.getChars(0, length, chars, 0);
    try {
      out.write(chars, 0, length);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void checkClosed() {
    if (closed.getAsBoolean()) {
      throw new UncheckedIOException(new IOException("Broken pipe (output closed)"));
    }
  }
}
