package io.netanal.pcap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.netanal.InvalidInputException;
import io.netanal.pcap.Fixture.Frame;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CaptureFileWriterTest {
  @TempDir
  Path dir;

  /** A big-endian frame buffer with the frame at offset 3, as a reader's window would hold it. */
  private static ByteBuffer frameAt3(int... bytes) {
    ByteBuffer buffer = ByteBuffer.allocateDirect(3 + bytes.length + 5);
    for (int i = 0; i < bytes.length; i++) {
      buffer.put(3 + i, (byte) bytes[i]);
    }
    return buffer;
  }

  private static List<Frame> readBack(Path file) throws IOException {
    try (CaptureFileReader reader = CaptureFileReader.open(file)) {
      List<Frame> frames = Fixture.readAll(reader);
      assertThat(reader.damage()).isNull();
      return frames;
    }
  }

  @ParameterizedTest
  @EnumSource(CaptureFormat.class)
  void shouldRoundTripFramesThroughEachFormat(CaptureFormat format) throws IOException {
    Path file = dir.resolve("out." + format);
    long precise = 1_700_000_000_123_456_789L;
    try (CaptureFileWriter writer = CaptureFileWriter.open(file, format, 1, 65535)) {
      writer.frame(1, precise, 5, 60, frameAt3(1, 2, 3, 4, 5), 3);
      writer.frame(1, precise + 1_000, 1, 1, frameAt3(9), 3);
      writer.flush();
      assertThat(writer.savedFrames()).isEqualTo(2);
    }
    long expected = format == CaptureFormat.PCAP_MICROS ? 1_700_000_000_123_456_000L : precise;
    List<Frame> frames = readBack(file);
    assertThat(frames).extracting(Frame::linkType, Frame::timestampNanos, Frame::capturedLength,
        Frame::originalLength).containsExactly(tuple(1, expected, 5, 60), tuple(1, expected + 1_000, 1, 1));
    assertThat(frames.get(0).data()).containsExactly(1, 2, 3, 4, 5);
    try (CaptureFileReader reader = CaptureFileReader.open(file)) {
      assertThat(reader.format()).isEqualTo(format == CaptureFormat.PCAPNG ? "pcapng" : "pcap");
      assertThat(reader.snaplen()).isEqualTo(65535);
    }
  }

  @ParameterizedTest
  @EnumSource(CaptureFormat.class)
  void shouldLeaveAValidCaptureAfterEveryFlush(CaptureFormat format) throws IOException {
    Path file = dir.resolve("live." + format);
    try (CaptureFileWriter writer = CaptureFileWriter.open(file, format, 1, 65535)) {
      Path temporary = onlyFileIn(dir);
      assertThat(readBack(temporary)).isEmpty();
      writer.frame(1, 0, 2, 2, frameAt3(7, 8), 3);
      writer.flush();
      assertThat(readBack(temporary)).hasSize(1);
      writer.frame(1, 0, 2, 2, frameAt3(7, 8), 3);
      writer.flush();
      assertThat(readBack(temporary)).hasSize(2);
    }
    assertThat(onlyFileIn(dir)).isEqualTo(file);
    assertThat(readBack(file)).hasSize(2);
  }

  @Test
  void shouldReplaceAnExistingFileOnlyWhenTheNewOneIsComplete() throws IOException {
    Path file = dir.resolve("old.pcap");
    Files.write(file, new byte[] {1, 2, 3});
    try (CaptureFileWriter writer = CaptureFileWriter.open(file, CaptureFormat.PCAP_MICROS, 1, 65535)) {
      writer.frame(1, 0, 2, 2, frameAt3(7, 8), 3);
      writer.flush();
      assertThat(Files.readAllBytes(file)).containsExactly(1, 2, 3);
    }
    assertThat(readBack(file)).hasSize(1);
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void shouldNameTheFileWhenNotEvenTheHeaderCanBeWritten() {
    Path full = Path.of("/dev/full"); // fails every write with ENOSPC; a device is written in place
    assumeTrue(Files.exists(full), "/dev/full (Linux) not here");

    assertThatThrownBy(() -> CaptureFileWriter.open(full, CaptureFormat.PCAP_MICROS, 1, 65535))
        .isInstanceOf(FileSystemException.class).hasMessage("/dev/full: No space left on device");
  }

  @Test
  void shouldThrowTheFirstWriteFailureOnceAndWriteNothingAfterIt() throws IOException {
    // The header and three records fit, and 700 bytes of a fourth.
    FailingChannel channel = new FailingChannel(24 + 3 * (16 + 1500) + 700);
    ByteBuffer frame = frameAt3(new int[1500]);
    CaptureFileWriter writer = CaptureFileWriter.open(channel, CaptureFormat.PCAP_MICROS, 1, 65535);
    writer.frame(1, 0, 1500, 1500, frame, 3);
    writer.frame(1, 1, 1500, 1500, frame, 3);
    writer.flush();
    writer.frame(1, 2, 1500, 1500, frame, 3);
    writer.frame(1, 3, 1500, 1500, frame, 3);

    assertThatThrownBy(writer::flush).isInstanceOf(IOException.class).hasMessage("No space left on device");
    long writtenAtFailure = channel.written;
    for (int i = 0; i < 1000; i++) {
      writer.frame(1, 3 + i, 1500, 1500, frame, 3); // drains the buffer several times: nothing thrown, nothing written
    }
    writer.flush();
    writer.close();
    assertThat(channel.written).isEqualTo(writtenAtFailure);
    assertThat(writer.savedFrames()).as("whole records before the failure").isEqualTo(3);
    assertThat(channel.isOpen()).isFalse();
  }

  /** Accepts {@code capacity} bytes, then fails as a full disk does. */
  private static final class FailingChannel implements WritableByteChannel {
    private final long capacity;
    long written;
    private boolean open = true;

    FailingChannel(long capacity) {
      this.capacity = capacity;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
      long room = capacity - written;
      if (room <= 0) {
        throw new IOException("No space left on device");
      }
      int n = (int) Math.min(room, src.remaining());
      src.position(src.position() + n);
      written += n;
      return n;
    }

    @Override
    public boolean isOpen() {
      return open;
    }

    @Override
    public void close() {
      open = false;
    }
  }

  @Test
  void shouldNameTheTargetNotTheTemporaryFileWhenTheDirectoryIsMissing() {
    Path file = dir.resolve("no-such-dir").resolve("x.pcap");

    assertThatThrownBy(() -> CaptureFileWriter.open(file, CaptureFormat.PCAP_MICROS, 1, 65535))
        .isInstanceOf(NoSuchFileException.class).hasMessage(file.toString());
  }

  @ParameterizedTest
  @EnumSource(CaptureFormat.class)
  void shouldKeepEveryWholeRecordThatReachedAFullDisk(CaptureFormat format) throws IOException {
    Path full = dir.resolve("full." + format);
    Path reference = dir.resolve("reference." + format);
    ByteBuffer frame = frameAt3(new int[100]);
    try (CaptureFileWriter writer = CaptureFileWriter.open(reference, format, 1, 65535)) {
      for (int i = 0; i < 10; i++) {
        writer.frame(1, i, 100, 100, frame, 3);
      }
    }
    long recordBytes = (Files.size(reference) - headerLength(format)) / 10;
    // A file that takes the header and 6.5 records, as if the disk filled up there.
    FailingChannel disk = new FailingChannel(headerLength(format) + 6 * recordBytes + recordBytes / 2);
    CaptureFileWriter writer = CaptureFileWriter.open(disk, format, 1, 65535);
    for (int i = 0; i < 10; i++) {
      writer.frame(1, i, 100, 100, frame, 3);
    }
    assertThatThrownBy(writer::flush).hasMessage("No space left on device");
    writer.close();

    assertThat(writer.savedFrames()).isEqualTo(6);
  }

  private static long headerLength(CaptureFormat format) {
    return format == CaptureFormat.PCAPNG ? 28 + 32 : 24; // section header and interface block, or file header
  }

  @Test
  void shouldWriteADeviceInPlaceWithoutReplacingIt() throws IOException {
    Path devNull = Path.of("/dev/null");
    assumeTrue(Files.exists(devNull), "/dev/null not here");
    try (CaptureFileWriter writer = CaptureFileWriter.open(devNull, CaptureFormat.PCAP_MICROS, 1, 65535)) {
      writer.frame(1, 0, 2, 2, frameAt3(7, 8), 3);
    }
    assertThat(Files.isRegularFile(devNull)).isFalse();
    assertThat(Files.size(devNull)).isZero();
  }

  private static Path onlyFileIn(Path directory) throws IOException {
    try (var files = Files.list(directory)) {
      List<Path> all = files.toList();
      assertThat(all).hasSize(1);
      return all.get(0);
    }
  }

  @Test
  void shouldCutFramesToSnaplen() throws IOException {
    Path file = dir.resolve("snap.pcap");
    try (CaptureFileWriter writer = CaptureFileWriter.open(file, CaptureFormat.PCAP_MICROS, 1, 3)) {
      writer.frame(1, 0, 5, 5, frameAt3(1, 2, 3, 4, 5), 3);
    }
    assertThat(readBack(file)).extracting(Frame::capturedLength, Frame::originalLength).containsExactly(tuple(3, 5));
  }

  @Test
  void shouldAddPcapngInterfaceForEachNewLinkType() throws IOException {
    Path file = dir.resolve("multi.pcapng");
    try (CaptureFileWriter writer = CaptureFileWriter.open(file, CaptureFormat.PCAPNG, 1, 65535)) {
      writer.frame(1, 1, 1, 1, frameAt3(1), 3);
      writer.frame(113, 2, 1, 1, frameAt3(2), 3);
      writer.frame(1, 3, 1, 1, frameAt3(3), 3);
    }
    assertThat(readBack(file)).extracting(Frame::linkType).containsExactly(1, 113, 1);
  }

  @Test
  void shouldWriteManyFramesAcrossBufferDrains() throws IOException {
    Path file = dir.resolve("many.pcap");
    ByteBuffer frame = frameAt3(new int[1500]);
    try (CaptureFileWriter writer = CaptureFileWriter.open(file, CaptureFormat.PCAP_NANOS, 1, 65535)) {
      for (int i = 0; i < 2000; i++) {
        writer.frame(1, i, 1500, 1500, frame, 3);
      }
    }
    assertThat(Files.size(file)).isEqualTo(24 + 2000L * (16 + 1500));
    assertThat(readBack(file)).hasSize(2000).extracting(Frame::timestampNanos).endsWith(1999L);
  }

  @Test
  void shouldRejectSnaplenBelowOne() {
    assertThatThrownBy(() -> CaptureFileWriter.open(dir.resolve("x.pcap"), CaptureFormat.PCAP_MICROS, 1, 0))
        .isInstanceOf(InvalidInputException.class).hasMessage("snaplen: 0 (expected: > 0)");
    assertThat(dir.resolve("x.pcap")).doesNotExist();
  }
}
