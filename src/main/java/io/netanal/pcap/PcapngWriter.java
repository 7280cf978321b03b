package io.netanal.pcap;

import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;

/**
 * Writes little-endian pcapng: one section header, one interface description per link type (added when a frame
 * of a new link type arrives) with nanosecond {@code if_tsresol}, and an enhanced packet block per frame; the
 * layout is in {@link PcapngReader}.
 *
 * <p>Owned by one thread, as {@link CaptureFileWriter} says.
 */
final class PcapngWriter extends CaptureFileWriter {
  private static final int INTERFACE_BLOCK_LENGTH = 32;
  private int[] interfaceLinkTypes = new int[4];
  private int interfaceCount;
  private int lastLinkType;
  private int lastInterface;

  PcapngWriter(WritableByteChannel channel, OutputFile file, int linkType, int snaplen) {
    super(channel, file, snaplen);
    out.putInt(PcapngReader.SECTION_HEADER);
    out.putInt(28);                          // block total length
    out.putInt(PcapngReader.BYTE_ORDER_MAGIC);
    out.putShort((short) 1);                 // version major
    out.putShort((short) 0);                 // version minor
    out.putLong(-1);                         // section length: not known
    out.putInt(28);                          // block total length
    lastInterface = addInterface(out, linkType);
    lastLinkType = linkType;
  }

  private int addInterface(ByteBuffer target, int linkType) {
    if (interfaceCount == interfaceLinkTypes.length) {
      interfaceLinkTypes = java.util.Arrays.copyOf(interfaceLinkTypes, interfaceCount * 2);
    }
    interfaceLinkTypes[interfaceCount] = linkType;
    target.putInt(PcapngReader.INTERFACE_DESCRIPTION);
    target.putInt(INTERFACE_BLOCK_LENGTH);
    target.putShort((short) linkType);
    target.putShort((short) 0);              // reserved
    target.putInt(snaplen);
    target.putShort((short) 9);              // option if_tsresol
    target.putShort((short) 1);              // option length
    target.putInt(9);                        // 10^-9, padded to 4 bytes
    target.putInt(0);                        // opt_endofopt
    target.putInt(INTERFACE_BLOCK_LENGTH);
    return interfaceCount++;
  }

  private int interfaceOf(int linkType) {
    if (linkType == lastLinkType) {
      return lastInterface;
    }
    for (int i = 0; i < interfaceCount; i++) {
      if (interfaceLinkTypes[i] == linkType) {
        return i;
      }
    }
    return -1;
  }

  @Override
  int recordLength(int linkType, int capturedLength) {
    int packet = 32 + ((capturedLength + 3) & ~3);
    return interfaceOf(linkType) < 0 ? INTERFACE_BLOCK_LENGTH + packet : packet;
  }

  @Override
  int blockLength(ByteBuffer data, int position, boolean fileHeader) {
    return data.getInt(position + 4); // block total length; the section header is a block too
  }

  @Override
  boolean isFrame(ByteBuffer data, int position, boolean fileHeader) {
    return data.getInt(position) == PcapngReader.ENHANCED_PACKET;
  }

  @Override
  void writeRecord(ByteBuffer target, int linkType, long timestampNanos, int capturedLength, int originalLength,
      ByteBuffer frame, int offset) {
    int id = interfaceOf(linkType);
    if (id < 0) {
      id = addInterface(target, linkType);
    }
    lastLinkType = linkType;
    lastInterface = id;
    int padded = (capturedLength + 3) & ~3;
    int length = 32 + padded;
    target.putInt(PcapngReader.ENHANCED_PACKET);
    target.putInt(length);
    target.putInt(id);
    target.putInt((int) (timestampNanos >>> 32));
    target.putInt((int) timestampNanos);
    target.putInt(capturedLength);
    target.putInt(originalLength);
    copy(target, frame, offset, capturedLength);
    for (int i = capturedLength; i < padded; i++) {
      target.put((byte) 0);
    }
    target.putInt(length);
  }
}
