package io.netanal.pcap;

import io.netanal.UnreadableFileException;
import io.netanal.frame.FrameSink;
import io.netanal.frame.LinkType;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
  static final int MAX_RECORD = 256 << 20;

  /**
   * Record header words read straight from the window's array: C1 inlines a constant VarHandle's access (one load),
   * not the ByteBuffer's {@code getLong}, a call per read that was a tenth of the reading thread's own code.
   */
  private static final VarHandle LITTLE_LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
      ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle BIG_LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private final int linkType;
  private final int snaplen;
  private final int recordHeaderLength;
  private final long nanosPerFraction;
  private final int maxCapturedLength;
  /** File offset of the first record this reader reads (after the file header, or a slice's start). */
  private final long start;
  /** Records starting at or after this file offset are left to the next slice. */
  private long stopOffset = Long.MAX_VALUE;

  PcapReader(ChannelInput input, String name, long size) throws IOException {
    super(input, name, size);
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
    long allowance = Math.max(Integer.toUnsignedLong(snaplen), LinkType.MAX_SNAPLEN);
    this.maxCapturedLength = (int) Math.min(allowance, MAX_RECORD);
    input.skip(FILE_HEADER_LENGTH);
    this.start = input.offset();
  }

  /** A reader of the same file's records from {@code input}, whose window starts at a record boundary. */
  private PcapReader(PcapReader format, ChannelInput input) {
    super(input, format.name, format.size);
    this.linkType = format.linkType;
    this.snaplen = format.snaplen;
    this.recordHeaderLength = format.recordHeaderLength;
    this.nanosPerFraction = format.nanosPerFraction;
    this.maxCapturedLength = format.maxCapturedLength;
    input.order(format.input.order());
    this.start = input.offset();
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
    // Each 8-byte half of a record header is read as one long and split: half the buffer accesses, which
    // matters in C1-compiled code, where every ByteBuffer access is a call chain.
    final boolean little = in.order() == ByteOrder.LITTLE_ENDIAN;
    ByteBuffer frames = null;
    byte[] headers = null;
    int base = 0;
    int pos = 0;
    int end = 0;
    long stopIndex = 0;
    boolean reload = true;
    long count = 0;
    while (true) {
      if (reload) {
        // The window moved (or this is the first record): re-read its views and bounds once, here.
        frames = in.buffer();
        headers = frames.array(); // the window is a heap buffer, see ChannelInput
        base = frames.arrayOffset();
        pos = in.start();
        end = in.end();
        stopIndex = stopOffset - (in.offset() - pos);
        reload = false;
      }
      if (pos >= stopIndex) {
        in.skip(pos - in.start());
        break;
      }
      if (end - pos < headerLength) {
        in.skip(pos - in.start());
        if (!in.require(headerLength)) {
          if (in.available() > 0) {
            damage = name + ": pcap record header at offset " + in.offset() + " cut short (" + in.available()
                + " of " + headerLength + " bytes)";
          }
          break;
        }
        reload = true;
        continue;
      }
      long lengths = little ? (long) LITTLE_LONGS.get(headers, base + pos + 8)
          : (long) BIG_LONGS.get(headers, base + pos + 8);
      int capturedLength = (int) (little ? lengths : lengths >>> 32);
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
        reload = true;
        continue;
      }
      long times = little ? (long) LITTLE_LONGS.get(headers, base + pos) : (long) BIG_LONGS.get(headers, base + pos);
      long seconds = little ? times & 0xffffffffL : times >>> 32;
      long fraction = little ? times >>> 32 : times & 0xffffffffL;
      int originalLength = (int) (little ? lengths >>> 32 : lengths);
      sink.frame(link, seconds * 1_000_000_000L + fraction * fractionNanos, capturedLength, originalLength,
          frames, pos + headerLength);
      pos += recordLength;
      count++;
    }
    return count;
  }

  @Override
  public long start() {
    return start;
  }

  @Override
  public long position() {
    return input.offset();
  }

  @Override
  public void stopAt(long offset) {
    stopOffset = offset;
  }

  /**
   * A reader of this file's records from the first record boundary found at or after {@code from}, with its
   * own channel and window, or null when no boundary is found in the first {@link #SYNC_WINDOW} bytes.
   *
   * <p>Record boundaries are not marked in the pcap format: a candidate offset is taken when {@link
   * #SYNC_RECORDS} consecutive record headers from it are plausible (captured length within the allowance, the
   * fraction below one second, timestamps within a day of each other). The original length is not checked: the
   * reader takes records whose captured length exceeds it (as tshark does; some writers swapped the two), and an
   * original length of 2^31 or more is a large unsigned value, not a negative one. A
   * wrong guess is possible in adversarial data, so callers must check that the previous slice ended exactly
   * where this one starts ({@link #position()} against {@link #start()}) before using its frames.
   */
  PcapReader sliceAt(Path file, FileChannel probe, long from) throws IOException {
    long at = findRecordStart(probe, from);
    if (at < 0) {
      return null;
    }
    FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
    try {
      channel.position(at);
      return new PcapReader(this, new ChannelInput(channel, size, ChannelInput.DEFAULT_CAPACITY, at));
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  static final int SYNC_WINDOW = 4 << 20;
  static final int SYNC_RECORDS = 8;

  private long findRecordStart(FileChannel file, long from) throws IOException {
    int length = (int) Math.min(SYNC_WINDOW, size - from);
    if (length < recordHeaderLength) {
      return -1;
    }
    ByteBuffer window = ByteBuffer.allocate(length).order(input.order());
    while (window.hasRemaining() && file.read(window, from + window.position()) >= 0) {
      // positional reads until the window is full or the file ends
    }
    int filled = window.position();
    for (int candidate = 0; candidate + recordHeaderLength <= filled; candidate++) {
      if (plausibleChain(window, candidate, filled, from + filled == size)) {
        return from + candidate;
      }
    }
    return -1;
  }

  private boolean plausibleChain(ByteBuffer window, int at, int filled, boolean windowEndsFile) {
    long fractionLimit = nanosPerFraction == 1 ? 1_000_000_000L : 1_000_000L;
    long previousSeconds = -1;
    int p = at;
    for (int k = 0; k < SYNC_RECORDS; k++) {
      if (p == filled && windowEndsFile) {
        return k > 0;
      }
      if (p + recordHeaderLength > filled) {
        return false;
      }
      long seconds = window.getInt(p) & 0xffffffffL;
      long fraction = window.getInt(p + 4) & 0xffffffffL;
      int captured = window.getInt(p + 8);
      if (captured < 0 || captured > maxCapturedLength || fraction >= fractionLimit
          || (previousSeconds >= 0 && Math.abs(seconds - previousSeconds) > 86_400)) {
        return false;
      }
      previousSeconds = seconds;
      p += recordHeaderLength + captured;
    }
    return true;
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
}
