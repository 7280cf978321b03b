package io.netanal.pcap;

import io.netanal.frame.FrameSink;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.List;

/** Builds capture bytes field by field in a chosen byte order, and collects what a reader hands to its sink. */
final class Fixture {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private ByteOrder order;

  private Fixture(ByteOrder order) {
    this.order = order;
  }

  static Fixture littleEndian() {
    return new Fixture(ByteOrder.LITTLE_ENDIAN);
  }

  static Fixture bigEndian() {
    return new Fixture(ByteOrder.BIG_ENDIAN);
  }

  Fixture order(ByteOrder newOrder) {
    order = newOrder;
    return this;
  }

  Fixture i8(int value) {
    bytes.write(value);
    return this;
  }

  Fixture i16(int value) {
    return put(ByteBuffer.allocate(2).order(order).putShort((short) value));
  }

  Fixture i32(int value) {
    return put(ByteBuffer.allocate(4).order(order).putInt(value));
  }

  Fixture i64(long value) {
    return put(ByteBuffer.allocate(8).order(order).putLong(value));
  }

  /** Raw bytes, whatever the byte order (frame contents). */
  Fixture raw(int... values) {
    for (int value : values) {
      bytes.write(value);
    }
    return this;
  }

  Fixture zeros(int count) {
    bytes.write(new byte[count], 0, count);
    return this;
  }

  private Fixture put(ByteBuffer field) {
    bytes.write(field.array(), 0, field.capacity());
    return this;
  }

  byte[] bytes() {
    return bytes.toByteArray();
  }

  /** Opens the bytes as {@code name} with a window of {@code capacity} bytes (small windows force refills). */
  static CaptureFileReader open(byte[] file, String name, int capacity) throws IOException {
    return CaptureFileReader.open(Channels.newChannel(new java.io.ByteArrayInputStream(file)), name, file.length,
        capacity);
  }

  static CaptureFileReader open(byte[] file, String name) throws IOException {
    return open(file, name, 1 << 16);
  }

  /** One frame as a sink saw it, bytes copied. */
  record Frame(int linkType, long timestampNanos, int capturedLength, int originalLength, byte[] data,
      ByteOrder order) {}

  /** Keeps copies of every frame. */
  static final class Frames implements FrameSink {
    final List<Frame> frames = new ArrayList<>();

    @Override
    public void frame(int linkType, long timestampNanos, int capturedLength, int originalLength, ByteBuffer buffer,
        int offset) {
      byte[] data = new byte[capturedLength];
      buffer.get(offset, data);
      frames.add(new Frame(linkType, timestampNanos, capturedLength, originalLength, data, buffer.order()));
    }
  }

  static List<Frame> readAll(CaptureFileReader reader) throws IOException {
    Frames sink = new Frames();
    long count = reader.read(sink);
    if (count != sink.frames.size()) {
      throw new AssertionError("read returned " + count + " but the sink saw " + sink.frames.size());
    }
    return sink.frames;
  }
}
