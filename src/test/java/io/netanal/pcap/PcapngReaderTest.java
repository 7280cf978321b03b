package io.netanal.pcap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.netanal.pcap.Fixture.Frame;
import java.io.IOException;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

class PcapngReaderTest {

  private static Fixture sectionHeader(Fixture f) {
    return f.i32(0x0A0D0D0A)  // block type: section header
        .i32(28)              // block total length
        .i32(0x1A2B3C4D)      // byte-order magic
        .i16(1)               // version major
        .i16(0)               // version minor
        .i64(-1)              // section length: unknown
        .i32(28);             // block total length
  }

  private static Fixture interfaceBlock(Fixture f, int linkType, int snaplen) {
    return f.i32(1)           // block type: interface description
        .i32(20)              // block total length
        .i16(linkType)        // link type
        .i16(0)               // reserved
        .i32(snaplen)         // snaplen
        .i32(20);             // block total length
  }

  /** An enhanced packet block of 4 data bytes (0x11 0x22 0x33 0x44). */
  private static Fixture enhancedPacket(Fixture f, int interfaceId, long units, int originalLength) {
    return f.i32(6)           // block type: enhanced packet
        .i32(36)              // block total length
        .i32(interfaceId)     // interface id
        .i32((int) (units >>> 32))  // timestamp high
        .i32((int) units)     // timestamp low
        .i32(4)               // captured length
        .i32(originalLength)  // original length
        .raw(0x11, 0x22, 0x33, 0x44)  // data
        .i32(36);             // block total length
  }

  @Test
  void shouldReadEnhancedPacketsWithDefaultMicrosecondResolution() throws IOException {
    Fixture f = sectionHeader(Fixture.littleEndian());
    interfaceBlock(f, 1, 262144);
    enhancedPacket(f, 0, 1_700_000_000_123_456L, 60);
    try (CaptureFileReader reader = Fixture.open(f.bytes(), "a.pcapng")) {
      assertThat(reader.format()).isEqualTo("pcapng");
      assertThat(reader.linkTypes()).containsExactly(1);
      assertThat(reader.snaplen()).isEqualTo(262144);
      List<Frame> frames = Fixture.readAll(reader);
      assertThat(frames).extracting(Frame::linkType, Frame::timestampNanos, Frame::capturedLength,
          Frame::originalLength).containsExactly(tuple(1, 1_700_000_000_123_456_000L, 4, 60));
      assertThat(frames.get(0).data()).containsExactly(0x11, 0x22, 0x33, 0x44);
      assertThat(frames.get(0).order()).isEqualTo(ByteOrder.BIG_ENDIAN);
      assertThat(reader.damage()).isNull();
    }
  }

  @Test
  void shouldKeepReadingPacketsWhoseCapturedLengthExceedsTheOriginalLengthAsTsharkDoes() throws IOException {
    // tshark 4.0 reads both blocks (frame.len 2 and 4, frame.cap_len 4): a captured length above the original one
    // is not damage (some writers swapped the fields), only one past its block is.
    Fixture f = sectionHeader(Fixture.littleEndian());
    interfaceBlock(f, 1, 262144);
    enhancedPacket(f, 0, 1_000_000L, 2);
    enhancedPacket(f, 0, 2_000_000L, 4);
    try (CaptureFileReader reader = Fixture.open(f.bytes(), "swapped.pcapng")) {
      assertThat(Fixture.readAll(reader)).extracting(Frame::capturedLength, Frame::originalLength)
          .containsExactly(tuple(4, 2), tuple(4, 4));
      assertThat(reader.damage()).isNull();
    }
  }

  @Test
  void shouldPassOriginalLengthsOf2GiBAndMoreOnUnchanged() throws IOException {
    Fixture f = sectionHeader(Fixture.littleEndian());
    interfaceBlock(f, 1, 262144);
    enhancedPacket(f, 0, 1_000_000L, 0xFFFFFFFF);
    try (CaptureFileReader reader = Fixture.open(f.bytes(), "huge.pcapng")) {
      assertThat(Fixture.readAll(reader)).extracting(frame -> Integer.toUnsignedLong(frame.originalLength()))
          .containsExactly(0xFFFFFFFFL);
      assertThat(reader.damage()).isNull();
    }
  }

  @Test
  void shouldApplyNanosecondBinaryResolutionAndOffset() throws IOException {
    Fixture f = sectionHeader(Fixture.bigEndian());
    f.i32(1)                  // block type: interface description
        .i32(32)              // block total length
        .i16(1).i16(0)        // link type, reserved
        .i32(0)               // snaplen: none
        .i16(9).i16(1)        // option if_tsresol, length 1
        .raw(9, 0, 0, 0)      // 10^-9, padding
        .i16(0).i16(0)        // opt_endofopt
        .i32(32);             // block total length
    f.i32(1)                  // block type: interface description
        .i32(44)              // block total length
        .i16(113).i16(0)      // link type LINUX_SLL, reserved
        .i32(0)               // snaplen
        .i16(9).i16(1)        // option if_tsresol, length 1
        .raw(0x94, 0, 0, 0)   // 2^-20, padding
        .i16(14).i16(8)       // option if_tsoffset, length 8
        .i64(1_000_000_000)   // seconds to add
        .i16(0).i16(0)        // opt_endofopt
        .i32(44);             // block total length
    enhancedPacket(f, 0, 1_700_000_000_000_000_001L, 4);
    enhancedPacket(f, 1, (5L << 20) + (1L << 19), 4); // 5.5 s in 2^-20 units
    try (CaptureFileReader reader = Fixture.open(f.bytes(), "res.pcapng")) {
      assertThat(reader.snaplen()).isNull();
      assertThat(reader.linkTypes()).containsExactly(1, 113);
      assertThat(Fixture.readAll(reader)).extracting(Frame::linkType, Frame::timestampNanos)
          .containsExactly(tuple(1, 1_700_000_000_000_000_001L), tuple(113, 1_000_000_005_500_000_000L));
    }
  }

  @Test
  void shouldRestartInterfacesAndByteOrderWithEachSection() throws IOException {
    Fixture f = sectionHeader(Fixture.littleEndian());
    interfaceBlock(f, 1, 65535);
    enhancedPacket(f, 0, 1_000_000, 4);
    sectionHeader(f.order(ByteOrder.BIG_ENDIAN));
    interfaceBlock(f, 101, 65535);
    enhancedPacket(f, 0, 2_000_000, 4);
    try (CaptureFileReader reader = Fixture.open(f.bytes(), "sections.pcapng")) {
      assertThat(Fixture.readAll(reader)).extracting(Frame::linkType, Frame::timestampNanos)
          .containsExactly(tuple(1, 1_000_000_000L), tuple(101, 2_000_000_000L));
      assertThat(reader.linkTypes()).containsExactly(1, 101);
      assertThat(reader.damage()).isNull();
    }
  }

  @Test
  void shouldCutSimplePacketToSnaplenOfFirstInterfaceAndBlockRoom() throws IOException {
    Fixture f = sectionHeader(Fixture.littleEndian());
    interfaceBlock(f, 1, 3);
    f.i32(3)                  // block type: simple packet
        .i32(20)              // block total length
        .i32(1500)            // original length
        .raw(0xa, 0xb, 0xc, 0xd)  // data
        .i32(20);             // block total length
    try (CaptureFileReader reader = Fixture.open(f.bytes(), "spb.pcapng")) {
      List<Frame> frames = Fixture.readAll(reader);
      assertThat(frames).extracting(Frame::timestampNanos, Frame::capturedLength, Frame::originalLength)
          .containsExactly(tuple(0L, 3, 1500));
      assertThat(frames.get(0).data()).containsExactly(0xa, 0xb, 0xc);
    }
  }

  @Test
  void shouldReadObsoletePacketBlockAndSkipUnknownBlocks() throws IOException {
    Fixture f = sectionHeader(Fixture.littleEndian());
    interfaceBlock(f, 1, 0);
    f.i32(0x0BAD)             // block type: unknown
        .i32(16)              // block total length
        .i32(0xffffffff)      // body
        .i32(16);             // block total length
    f.i32(2)                  // block type: obsolete packet
        .i32(36)              // block total length
        .i16(0)               // interface id
        .i16(7)               // drops count
        .i32(0)               // timestamp high
        .i32(2_000_001)       // timestamp low
        .i32(4)               // captured length
        .i32(4)               // original length
        .raw(1, 2, 3, 4)      // data
        .i32(36);             // block total length
    try (CaptureFileReader reader = Fixture.open(f.bytes(), "pb.pcapng")) {
      List<Frame> frames = Fixture.readAll(reader);
      assertThat(frames).extracting(Frame::timestampNanos).containsExactly(2_000_001_000L);
      assertThat(frames.get(0).data()).containsExactly(1, 2, 3, 4);
      assertThat(reader.damage()).isNull();
    }
  }

  @Test
  void shouldReadBlocksLargerThanTheBuffer() throws IOException {
    Fixture f = sectionHeader(Fixture.littleEndian());
    interfaceBlock(f, 1, 0);
    for (int i = 0; i < 3; i++) {
      f.i32(6)                // block type: enhanced packet
          .i32(32 + 2000)     // block total length
          .i32(0)             // interface id
          .i32(0).i32(i)      // timestamp high, low
          .i32(2000)          // captured length
          .i32(2000)          // original length
          .zeros(2000)        // data
          .i32(32 + 2000);    // block total length
    }
    try (CaptureFileReader reader = Fixture.open(f.bytes(), "big.pcapng", 100)) {
      assertThat(Fixture.readAll(reader)).extracting(Frame::capturedLength).containsExactly(2000, 2000, 2000);
      assertThat(reader.damage()).isNull();
    }
  }

  /** A good section and interface, one good packet (ending at offset 84), then {@code damage}. */
  private static String damageAfterOnePacket(byte[] damage) throws IOException {
    Fixture f = sectionHeader(Fixture.littleEndian());
    interfaceBlock(f, 1, 0);
    enhancedPacket(f, 0, 0, 4);
    byte[] good = f.bytes();
    byte[] file = new byte[good.length + damage.length];
    System.arraycopy(good, 0, file, 0, good.length);
    System.arraycopy(damage, 0, file, good.length, damage.length);
    try (CaptureFileReader reader = Fixture.open(file, "d.pcapng")) {
      assertThat(Fixture.readAll(reader)).hasSize(1);
      return reader.damage();
    }
  }

  @Test
  void shouldStopAtBlockShorterThanItsTypeAllows() throws IOException {
    byte[] damage = Fixture.littleEndian()
        .i32(6)               // block type: enhanced packet
        .i32(12)              // block total length: too short for one
        .i32(12)              // block total length
        .bytes();
    assertThat(damageAfterOnePacket(damage)).isEqualTo("d.pcapng: pcapng block length 12 at offset 84 (expected: >= 32)");
  }

  @Test
  void shouldStopAtBlockLengthNotMultipleOfFour() throws IOException {
    byte[] damage = Fixture.littleEndian()
        .i32(5)               // block type: statistics
        .i32(13)              // block total length
        .zeros(5)             // body
        .bytes();
    assertThat(damageAfterOnePacket(damage))
        .isEqualTo("d.pcapng: pcapng block length 13 at offset 84 (expected: a multiple of 4)");
  }

  @Test
  void shouldStopAtTrailingLengthMismatch() throws IOException {
    byte[] damage = Fixture.littleEndian()
        .i32(5)               // block type: statistics
        .i32(16)              // block total length
        .i32(0)               // body
        .i32(20)              // block total length, disagreeing
        .bytes();
    assertThat(damageAfterOnePacket(damage))
        .isEqualTo("d.pcapng: pcapng block at offset 84 has trailing length 20 (expected: 16, as at its start)");
  }

  @Test
  void shouldStopAtBlockRunningPastEndOfFile() throws IOException {
    byte[] damage = Fixture.littleEndian()
        .i32(6)               // block type: enhanced packet
        .i32(100)             // block total length
        .zeros(20)            // 28 of its 100 bytes in all
        .bytes();
    assertThat(damageAfterOnePacket(damage))
        .isEqualTo("d.pcapng: pcapng block at offset 84 cut short (block length 100, 28 bytes left)");
  }

  @Test
  void shouldStopAtBlockHeaderCutShort() throws IOException {
    byte[] damage = Fixture.littleEndian()
        .i32(6)               // block type: enhanced packet, and no more
        .bytes();
    assertThat(damageAfterOnePacket(damage))
        .isEqualTo("d.pcapng: pcapng block header at offset 84 cut short (4 of 8 bytes)");
  }

  @Test
  void shouldStopAtPacketOfUndeclaredInterface() throws IOException {
    byte[] damage = enhancedPacket(Fixture.littleEndian(), 1, 0, 4).bytes();
    assertThat(damageAfterOnePacket(damage)).isEqualTo(
        "d.pcapng: pcapng packet block at offset 84 names interface 1 (expected: < 1, the section's interfaces)");
  }

  @Test
  void shouldStopAtCapturedLengthBeyondItsBlock() throws IOException {
    byte[] damage = Fixture.littleEndian()
        .i32(6)               // block type: enhanced packet
        .i32(36)              // block total length
        .i32(0)               // interface id
        .i32(0).i32(0)        // timestamp high, low
        .i32(5)               // captured length: one more than the block holds
        .i32(5)               // original length
        .zeros(4)             // data
        .i32(36)              // block total length
        .bytes();
    assertThat(damageAfterOnePacket(damage)).isEqualTo(
        "d.pcapng: pcapng packet block at offset 84 has captured length 5 (expected: <= 4, the room in its block)");
  }

  @Test
  void shouldStopAtLaterSectionWithBadByteOrderMagic() throws IOException {
    byte[] damage = Fixture.littleEndian()
        .i32(0x0A0D0D0A)      // block type: section header
        .i32(28)              // block total length
        .i32(0x12345678)      // byte-order magic: wrong
        .zeros(16)            // the rest
        .bytes();
    assertThat(damageAfterOnePacket(damage))
        .isEqualTo("d.pcapng: pcapng byte-order magic 0x78563412 at offset 92 (expected: 0x1a2b3c4d)");
  }
}
