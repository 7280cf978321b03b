package io.netanal.pcap;

import static org.assertj.core.api.Assertions.assertThat;

import io.netanal.pcap.Fixture.Frame;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PcapReaderTest {

  /** A pcap header in {@code order} with the given magic, snaplen and link type field. */
  private static Fixture header(Fixture f, int magic, int snaplen, int linkType) {
    return f.i32(magic)       // magic
        .i16(2)               // version major
        .i16(4)               // version minor
        .i32(0)               // thiszone
        .i32(0)               // sigfigs
        .i32(snaplen)         // snaplen
        .i32(linkType);       // linktype
  }

  private static Fixture fixture(String order) {
    return order.equals("little") ? Fixture.littleEndian() : Fixture.bigEndian();
  }

  @ParameterizedTest
  @CsvSource({
      "little, a1b2c3d4, 123456000",
      "big, a1b2c3d4, 123456000",
      "little, a1b23c4d, 123456",
      "big, a1b23c4d, 123456"})
  void shouldReadEachMagicInEachByteOrder(String order, String magic, long fractionNanos) throws IOException {
    byte[] file = header(fixture(order), (int) Long.parseLong(magic, 16), 65535, 1)
        .i32(1_700_000_000)   // ts_sec
        .i32(123456)          // ts_usec or ts_nsec
        .i32(4)               // incl_len
        .i32(60)              // orig_len
        .raw(0xde, 0xad, 0xbe, 0xef)  // frame
        .bytes();
    try (CaptureFileReader reader = Fixture.open(file, "t.pcap")) {
      List<Frame> frames = Fixture.readAll(reader);
      assertThat(reader.format()).isEqualTo("pcap");
      assertThat(reader.linkTypes()).containsExactly(1);
      assertThat(reader.snaplen()).isEqualTo(65535);
      assertThat(reader.damage()).isNull();
      assertThat(frames).hasSize(1);
      Frame frame = frames.get(0);
      assertThat(frame.timestampNanos()).isEqualTo(1_700_000_000_000_000_000L + fractionNanos);
      assertThat(frame.capturedLength()).isEqualTo(4);
      assertThat(frame.originalLength()).isEqualTo(60);
      assertThat(frame.data()).containsExactly(0xde, 0xad, 0xbe, 0xef);
      assertThat(frame.order()).isEqualTo(ByteOrder.BIG_ENDIAN);
    }
  }

  @Test
  void shouldReadModifiedPcapWith24ByteRecordHeaders() throws IOException {
    byte[] file = header(Fixture.littleEndian(), 0xa1b2cd34, 65535, 1)
        .i32(10)              // ts_sec
        .i32(5)               // ts_usec
        .i32(2)               // incl_len
        .i32(2)               // orig_len
        .i32(3)               // ifindex
        .i16(0x0800)          // protocol
        .i8(0)                // pkt_type
        .i8(0)                // pad
        .raw(0x01, 0x02)      // frame
        .i32(11)              // ts_sec
        .i32(0)               // ts_usec
        .i32(1)               // incl_len
        .i32(1)               // orig_len
        .zeros(8)             // ifindex, protocol, pkt_type, pad
        .raw(0x03)            // frame
        .bytes();
    try (CaptureFileReader reader = Fixture.open(file, "m.pcap")) {
      List<Frame> frames = Fixture.readAll(reader);
      assertThat(frames).extracting(Frame::timestampNanos).containsExactly(10_000_005_000L, 11_000_000_000L);
      assertThat(frames.get(0).data()).containsExactly(1, 2);
      assertThat(frames.get(1).data()).containsExactly(3);
    }
  }

  @Test
  void shouldTakeLinkTypeFromLow16BitsIgnoringFcsBits() throws IOException {
    byte[] file = header(Fixture.littleEndian(), 0xa1b2c3d4, 0, 0x1400_0001).bytes(); // FCS present, 4 bytes, EN10MB
    try (CaptureFileReader reader = Fixture.open(file, "fcs.pcap")) {
      assertThat(reader.linkTypes()).containsExactly(1);
      assertThat(reader.snaplen()).isNull();
      assertThat(reader.read(new Fixture.Frames())).isZero();
      assertThat(reader.damage()).isNull();
    }
  }

  @Test
  void shouldStopAtRecordCutShortAndKeepEarlierFrames() throws IOException {
    byte[] file = header(Fixture.littleEndian(), 0xa1b2c3d4, 65535, 1)
        .i32(1).i32(0)        // ts_sec, ts_usec
        .i32(1).i32(1)        // incl_len, orig_len
        .raw(0xaa)            // frame
        .i32(2).i32(0)        // ts_sec, ts_usec of the record at offset 41
        .i32(98).i32(98)      // incl_len, orig_len
        .zeros(60)            // 60 of its 98 bytes
        .bytes();
    try (CaptureFileReader reader = Fixture.open(file, "cut.pcap")) {
      assertThat(Fixture.readAll(reader)).hasSize(1);
      assertThat(reader.damage()).isEqualTo("cut.pcap: pcap record at offset 41 cut short (header says 98 bytes, 60 left)");
    }
  }

  @Test
  void shouldStopAtRecordHeaderCutShort() throws IOException {
    byte[] file = header(Fixture.littleEndian(), 0xa1b2c3d4, 65535, 1)
        .i32(1).i32(0)        // ts_sec, ts_usec
        .bytes();
    try (CaptureFileReader reader = Fixture.open(file, "hdr.pcap")) {
      assertThat(Fixture.readAll(reader)).isEmpty();
      assertThat(reader.damage()).isEqualTo("hdr.pcap: pcap record header at offset 24 cut short (8 of 16 bytes)");
    }
  }

  @Test
  void shouldStopAtCapturedLengthAboveSnaplenAllowance() throws IOException {
    byte[] file = header(Fixture.littleEndian(), 0xa1b2c3d4, 96, 1)
        .i32(1).i32(0)        // ts_sec, ts_usec
        .i32(262145)          // incl_len: above max(snaplen 96, 262144)
        .i32(262145)          // orig_len
        .zeros(16)            // some of the frame
        .bytes();
    try (CaptureFileReader reader = Fixture.open(file, "big.pcap")) {
      assertThat(Fixture.readAll(reader)).isEmpty();
      assertThat(reader.damage())
          .isEqualTo("big.pcap: pcap record at offset 24 has captured length 262145 (expected: <= 262144)");
    }
  }

  @Test
  void shouldStopAtCapturedLengthAbove256Megabytes() throws IOException {
    byte[] file = header(Fixture.littleEndian(), 0xa1b2c3d4, -1, 1) // snaplen 4294967295
        .i32(1).i32(0)        // ts_sec, ts_usec
        .i32(0x8000_0000)     // incl_len: 2 GB
        .i32(0x8000_0000)     // orig_len
        .bytes();
    try (CaptureFileReader reader = Fixture.open(file, "huge.pcap")) {
      assertThat(Fixture.readAll(reader)).isEmpty();
      assertThat(reader.damage())
          .isEqualTo("huge.pcap: pcap record at offset 24 has captured length 2147483648 (expected: <= 268435456)");
    }
  }

  @Test
  void shouldReportHugeRecordPastEndOfFileAsCutShortWithoutGrowingTheBuffer() throws IOException {
    byte[] file = header(Fixture.littleEndian(), 0xa1b2c3d4, -1, 1) // snaplen 4294967295
        .i32(1).i32(0)        // ts_sec, ts_usec
        .i32(200 << 20)       // incl_len: 200 MB, allowed by the snaplen
        .i32(200 << 20)       // orig_len
        .zeros(10)            // all there is of it
        .bytes();
    try (CaptureFileReader reader = Fixture.open(file, "claim.pcap", 64)) {
      assertThat(Fixture.readAll(reader)).isEmpty();
      assertThat(reader.damage())
          .isEqualTo("claim.pcap: pcap record at offset 24 cut short (header says 209715200 bytes, 10 left)");
    }
  }

  @Test
  void shouldReadRecordsLargerThanTheBufferAndAcrossRefills() throws IOException {
    Fixture f = header(Fixture.littleEndian(), 0xa1b2c3d4, 65535, 1);
    int[] lengths = {1000, 3, 64, 0, 5000, 17};
    for (int i = 0; i < lengths.length; i++) {
      f.i32(i).i32(0)                     // ts_sec, ts_usec
          .i32(lengths[i]).i32(lengths[i]); // incl_len, orig_len
      for (int b = 0; b < lengths[i]; b++) {
        f.raw((i + b) & 0xff);            // frame byte
      }
    }
    try (CaptureFileReader reader = Fixture.open(f.bytes(), "grow.pcap", 64)) {
      List<Frame> frames = Fixture.readAll(reader);
      assertThat(frames).extracting(Frame::capturedLength).containsExactly(1000, 3, 64, 0, 5000, 17);
      for (int i = 0; i < lengths.length; i++) {
        for (int b = 0; b < lengths[i]; b++) {
          assertThat(frames.get(i).data()[b] & 0xff).isEqualTo((i + b) & 0xff);
        }
      }
      assertThat(reader.damage()).isNull();
      assertThat(reader.bytesRead()).isEqualTo(f.bytes().length);
    }
  }

  @Test
  void shouldReadARecordLargerThanTheDefaultWindowFromAFile(@TempDir Path dir) throws IOException {
    int big = 3 * ChannelInput.DEFAULT_CAPACITY + 123; // grown window, read in default-window steps
    Fixture f = header(Fixture.littleEndian(), 0xa1b2c3d4, 4 << 20, 1);
    f.i32(1).i32(0).i32(big).i32(big);
    for (int b = 0; b < big; b++) {
      f.raw(b % 251);
    }
    f.i32(2).i32(0).i32(2).i32(2).raw(0xab).raw(0xcd);
    Path file = Files.write(dir.resolve("big.pcap"), f.bytes());

    try (CaptureFileReader reader = CaptureFileReader.open(file)) {
      List<Frame> frames = Fixture.readAll(reader);

      assertThat(frames).extracting(Frame::capturedLength).containsExactly(big, 2);
      byte[] data = frames.get(0).data();
      for (int b = 0; b < big; b += 997) {
        assertThat(data[b] & 0xff).isEqualTo(b % 251);
      }
      assertThat(data[big - 1] & 0xff).isEqualTo((big - 1) % 251);
      assertThat(frames.get(1).data()).containsExactly(0xab, 0xcd);
      assertThat(reader.damage()).isNull();
    }
  }

  @Test
  void shouldReadFromStandardInputWithUnknownSize() throws IOException {
    byte[] file = header(Fixture.bigEndian(), 0xa1b23c4d, 65535, 101)
        .i32(0).i32(999_999_999)   // ts_sec, ts_nsec
        .i32(1).i32(1)             // incl_len, orig_len
        .raw(0x45)                 // frame
        .bytes();
    try (CaptureFileReader reader = CaptureFileReader.open(new ByteArrayInputStream(file), "-")) {
      assertThat(reader.size()).isEqualTo(-1);
      assertThat(reader.name()).isEqualTo("-");
      List<Frame> frames = Fixture.readAll(reader);
      assertThat(frames).extracting(Frame::linkType, Frame::timestampNanos)
          .containsExactly(org.assertj.core.groups.Tuple.tuple(101, 999_999_999L));
      assertThat(reader.bytesRead()).isEqualTo(file.length);
    }
  }

  @Test
  void shouldReadTimestampSecondsAsUnsigned() throws IOException {
    byte[] file = header(Fixture.littleEndian(), 0xa1b2c3d4, 65535, 1)
        .i32(0x8000_0000)     // ts_sec: 2038-01-19, past the signed 32-bit range
        .i32(0)               // ts_usec
        .i32(0).i32(0)        // incl_len, orig_len
        .bytes();
    try (CaptureFileReader reader = Fixture.open(file, "y2038.pcap")) {
      assertThat(Fixture.readAll(reader).get(0).timestampNanos()).isEqualTo(2_147_483_648_000_000_000L);
    }
  }
}
