package io.netanal.pcap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netanal.UnreadableFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaptureFileReaderTest {
  @TempDir
  Path dir;

  private Path write(String name, byte[] content) throws IOException {
    return Files.write(dir.resolve(name), content);
  }

  @Test
  void shouldChooseFormatByMagicNotByName() throws IOException {
    byte[] pcapng = Fixture.littleEndian()
        .i32(0x0A0D0D0A)      // block type: section header
        .i32(28)              // block total length
        .i32(0x1A2B3C4D)      // byte-order magic
        .i16(1).i16(0)        // version 1.0
        .i64(-1)              // section length
        .i32(28)              // block total length
        .bytes();
    Path file = write("really-pcapng.pcap", pcapng);
    try (CaptureFileReader reader = CaptureFileReader.open(file)) {
      assertThat(reader.format()).isEqualTo("pcapng");
      assertThat(reader.size()).isEqualTo(28);
      assertThat(reader.read(new Fixture.Frames())).isZero();
      assertThat(reader.damage()).isNull();
      assertThat(reader.linkTypes()).isEmpty();
    }
  }

  @Test
  void shouldRejectEmptyFile() throws IOException {
    Path file = write("empty.pcap", new byte[0]);
    assertThatThrownBy(() -> CaptureFileReader.open(file)).isInstanceOf(UnreadableFileException.class)
        .hasMessage(file + ": empty file (expected: a pcap or pcapng header)");
  }

  @Test
  void shouldRejectFileShorterThanAMagic() throws IOException {
    Path file = write("tiny.pcap", new byte[] {(byte) 0xd4, (byte) 0xc3});
    assertThatThrownBy(() -> CaptureFileReader.open(file)).isInstanceOf(UnreadableFileException.class)
        .hasMessage(file + ": file of 2 bytes (expected: a pcap or pcapng header)");
  }

  @Test
  void shouldRejectUnknownMagic() throws IOException {
    Path file = write("notes.txt", "Hello, world".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    assertThatThrownBy(() -> CaptureFileReader.open(file)).isInstanceOf(UnreadableFileException.class)
        .hasMessage(file + ": not a pcap or pcapng file (magic 0x48656c6c)");
  }

  @Test
  void shouldRejectPcapHeaderCutShort() throws IOException {
    byte[] header = Fixture.littleEndian()
        .i32(0xa1b2c3d4)      // magic
        .i16(2).i16(4)        // version 2.4, and nothing more
        .bytes();
    assertThatThrownBy(() -> Fixture.open(header, "short.pcap")).isInstanceOf(UnreadableFileException.class)
        .hasMessage("short.pcap: pcap file header cut short (8 bytes; expected: 24)");
  }

  @Test
  void shouldRejectUnsupportedPcapVersion() throws IOException {
    byte[] header = Fixture.littleEndian()
        .i32(0xa1b2c3d4)      // magic
        .i16(1).i16(0)        // version 1.0
        .i32(0).i32(0)        // thiszone, sigfigs
        .i32(65535).i32(1)    // snaplen, linktype
        .bytes();
    assertThatThrownBy(() -> Fixture.open(header, "v1.pcap")).isInstanceOf(UnreadableFileException.class)
        .hasMessage("v1.pcap: pcap version 1.0 (expected: 2.x)");
  }

  @Test
  void shouldRejectPcapngWithBadByteOrderMagic() throws IOException {
    byte[] header = Fixture.littleEndian()
        .i32(0x0A0D0D0A)      // block type: section header
        .i32(28)              // block total length
        .i32(0x01020304)      // byte-order magic: wrong
        .zeros(16)            // the rest
        .bytes();
    assertThatThrownBy(() -> Fixture.open(header, "bom.pcapng")).isInstanceOf(UnreadableFileException.class)
        .hasMessage("bom.pcapng: pcapng byte-order magic 0x04030201 at offset 8 (expected: 0x1a2b3c4d)");
  }

  @Test
  void shouldRejectUnsupportedPcapngVersion() throws IOException {
    byte[] header = Fixture.bigEndian()
        .i32(0x0A0D0D0A)      // block type: section header
        .i32(28)              // block total length
        .i32(0x1A2B3C4D)      // byte-order magic
        .i16(1).i16(1)        // version 1.1
        .i64(-1)              // section length
        .i32(28)              // block total length
        .bytes();
    assertThatThrownBy(() -> Fixture.open(header, "v11.pcapng")).isInstanceOf(UnreadableFileException.class)
        .hasMessage("v11.pcapng: pcapng version 1.1 at offset 0 (expected: 1.0)");
  }

  @Test
  void shouldRejectPcapngSectionHeaderWithImpossibleLength() throws IOException {
    byte[] header = Fixture.littleEndian()
        .i32(0x0A0D0D0A)      // block type: section header
        .i32(24)              // block total length: below 28
        .i32(0x1A2B3C4D)      // byte-order magic
        .i16(1).i16(0)        // version 1.0
        .i32(24)              // block total length
        .bytes();
    assertThatThrownBy(() -> Fixture.open(header, "shb.pcapng")).isInstanceOf(UnreadableFileException.class)
        .hasMessage("shb.pcapng: pcapng block length 24 at offset 0 (expected: >= 28)");
  }

  @Test
  void shouldRejectMissingFile() {
    Path file = dir.resolve("absent.pcap");
    assertThatThrownBy(() -> CaptureFileReader.open(file)).isInstanceOf(UnreadableFileException.class)
        .hasMessage(file + ": no such file");
  }
}
