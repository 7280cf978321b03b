package io.netanal.pcap;

import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;

/**
 * Writes little-endian pcap (version 2.4) with micro- or nanosecond timestamps; the layout is in
 * {@link PcapReader}.
 *
 * <p>Owned by one thread, as {@link CaptureFileWriter} says. A pcap file has one link type: frames of another
 * link type are written under the file's, so the caller must not mix them (live capture has one).
 */
final class PcapWriter extends CaptureFileWriter {
  private final boolean nanos;

  PcapWriter(WritableByteChannel channel, OutputFile file, int linkType, int snaplen, boolean nanos) {
    super(channel, file, snaplen);
    this.nanos = nanos;
    out.putInt(nanos ? PcapReader.MAGIC_NANOS : PcapReader.MAGIC_MICROS);
    out.putShort((short) 2);     // version major
    out.putShort((short) 4);     // version minor
    out.putInt(0);               // thiszone
    out.putInt(0);               // sigfigs
    out.putInt(snaplen);
    out.putInt(linkType);
  }

  @Override
  int recordLength(int linkType, int capturedLength) {
    return 16 + capturedLength;
  }

  @Override
  int blockLength(ByteBuffer data, int position, boolean fileHeader) {
    return fileHeader ? PcapReader.FILE_HEADER_LENGTH : 16 + data.getInt(position + 8); // header + incl_len
  }

  @Override
  boolean isFrame(ByteBuffer data, int position, boolean fileHeader) {
    return !fileHeader;
  }

  @Override
  void writeRecord(ByteBuffer target, int linkType, long timestampNanos, int capturedLength, int originalLength,
      ByteBuffer frame, int offset) {
    long seconds = Math.floorDiv(timestampNanos, 1_000_000_000L);
    long fraction = Math.floorMod(timestampNanos, 1_000_000_000L);
    target.putInt((int) seconds);
    target.putInt((int) (nanos ? fraction : fraction / 1000));
    target.putInt(capturedLength);
    target.putInt(originalLength);
    copy(target, frame, offset, capturedLength);
  }
}
