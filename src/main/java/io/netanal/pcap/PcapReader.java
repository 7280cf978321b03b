package io.netanal.pcap;

import io.netanal.UnreadableFileException;
import io.netanal.frame.FrameSink;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Reads the classic libpcap format: all four magics (microsecond and nanosecond, either byte order) and the
 * modified ("Kuznetzov") format with 24-byte record headers.
 *
 * <pre>
 * file header (24 bytes)                     record header (16 bytes; 24 in the modified format)
 *  0 magic          4 version 2.4             0 ts_sec (unsigned)   4 ts_usec or ts_nsec
 *  8 thiszone       12 sigfigs                8 incl_len            12 orig_len
 * 16 snaplen        20 linktype (low 16 bits)  [16 ifindex, protocol, pkt_type, pad: modified only]
 * </pre>
 *
 * <p>Owned by one thread (the one calling {@link #read}); {@link #bytesRead()} may be called from any thread.
 *
 * <p>Damage policy: a record header or body cut short by the end of the file, or a captured length above
 * {@code max(snaplen, 262144)} (262144 is tshark's limit for ordinary link types) or above 256 MB, stops
 * reading; the frames before it are kept and {@link #damage()} says where. Nothing is skipped: once a record
 * length is wrong, the next header's position is unknown. An original length below the captured length is passed
 * on as the file says.
 */
final class PcapReader extends CaptureFileReader {
  static final int MAGIC_MICROS = 0xa1b2c3d4;
  static final int MAGIC_NANOS = 0xa1b23c4d;
  static final int MAGIC_MODIFIED = 0xa1b2cd34;
  static final int FILE_HEADER_LENGTH = 24;
  /** tshark's WTAP_MAX_PACKET_SIZE_STANDARD: larger records in a file with a smaller snaplen are damage. */
  static final int STANDARD_MAX_RECORD = 262144;
  static final int MAX_RECORD = 256 << 20;

  private final ChannelInput input;
  private final String name;
  private final long size;
  private final int linkType;
  private final int snaplen;
  private final int recordHeaderLength;
  private final long nanosPerFraction;
  private final int maxCapturedLength;
  private String damage;

  PcapReader(ChannelInput input, String name, long size) throws IOException {
    this.input = input;
    this.name = name;
    this.size = size;
    if (!input.require(FILE_HEADER_LENGTH)) {
      throw new UnreadableFileException(name + ": pcap file header cut short (" + input.available()
          + " bytes; expected: 24)");
    }
    int start = input.start();
    int magic = input.buffer().getInt(start);
    ByteOrder order = ByteOrder.BIG_ENDIAN;
    if (isSwapped(magic)) {
      magic = Integer.reverseBytes(magic);
      order = ByteOrder.LITTLE_ENDIAN;
    }
    input.order(order);
    ByteBuffer header = input.ordered();
    int major = header.getShort(start + 4) & 0xffff;
    int minor = header.getShort(start + 6) & 0xffff;
    if (major != 2) {
      throw new UnreadableFileException(name + ": pcap version " + major + "." + minor + " (expected: 2.x)");
    }
    this.snaplen = header.getInt(start + 16);
    this.linkType = header.getInt(start + 20) & 0xffff;
    this.recordHeaderLength = magic == MAGIC_MODIFIED ? 24 : 16;
    this.nanosPerFraction = magic == MAGIC_NANOS ? 1 : 1000;
    long allowance = Math.max(Integer.toUnsignedLong(snaplen), STANDARD_MAX_RECORD);
    this.maxCapturedLength = (int) Math.min(allowance, MAX_RECORD);
    input.skip(FILE_HEADER_LENGTH);
  }

  static boolean isMagic(int bigEndianMagic) {
    int m = bigEndianMagic;
    return m == MAGIC_MICROS || m == MAGIC_NANOS || m == MAGIC_MODIFIED || isSwapped(m);
  }

  private static boolean isSwapped(int m) {
    int r = Integer.reverseBytes(m);
    return r == MAGIC_MICROS || r == MAGIC_NANOS || r == MAGIC_MODIFIED;
  }

  @Override
  public long read(FrameSink sink) throws IOException {
    if (damage != null) {
      return 0;
    }
    final ChannelInput in = input;
    final int headerLength = recordHeaderLength;
    final int maxLength = maxCapturedLength;
    final int link = linkType;
    final long fractionNanos = nanosPerFraction;
    ByteBuffer frames = in.buffer();
    ByteBuffer headers = in.ordered();
    int pos = in.start();
    int end = in.end();
    long count = 0;
    while (true) {
      if (end - pos < headerLength) {
        in.skip(pos - in.start());
        if (!in.require(headerLength)) {
          if (in.available() > 0) {
            damage = name + ": pcap record header at offset " + in.offset() + " cut short (" + in.available()
                + " of " + headerLength + " bytes)";
          }
          break;
        }
        frames = in.buffer();
        headers = in.ordered();
        pos = in.start();
        end = in.end();
      }
      int capturedLength = headers.getInt(pos + 8);
      if (capturedLength < 0 || capturedLength > maxLength) {
        in.skip(pos - in.start());
        damage = name + ": pcap record at offset " + in.offset() + " has captured length "
            + Integer.toUnsignedLong(capturedLength) + " (expected: <= " + maxLength + ")";
        break;
      }
      int recordLength = headerLength + capturedLength;
      if (end - pos < recordLength) {
        in.skip(pos - in.start());
        if (!in.require(recordLength)) {
          damage = name + ": pcap record at offset " + in.offset() + " cut short (header says " + capturedLength
              + " bytes, " + (in.available() - headerLength) + " left)";
          break;
        }
        frames = in.buffer();
        headers = in.ordered();
        pos = in.start();
        end = in.end();
      }
      long seconds = headers.getInt(pos) & 0xffffffffL;
      long fraction = headers.getInt(pos + 4) & 0xffffffffL;
      int originalLength = headers.getInt(pos + 12);
      sink.frame(link, seconds * 1_000_000_000L + fraction * fractionNanos, capturedLength, originalLength,
          frames, pos + headerLength);
      pos += recordLength;
      count++;
    }
    return count;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String format() {
    return "pcap";
  }

  @Override
  public List<Integer> linkTypes() {
    return List.of(linkType);
  }

  @Override
  public Integer snaplen() {
    return snaplen == 0 ? null : snaplen;
  }

  @Override
  public long bytesRead() {
    return input.bytesRead();
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public String damage() {
    return damage;
  }

  @Override
  public void close() throws IOException {
    input.close();
  }
}
