package io.netanal.pcap;

import io.netanal.UnreadableFileException;
import io.netanal.frame.FrameSink;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Reads pcapng (draft-ietf-opsawg-pcapng): sections in either byte order, interface descriptions with
 * {@code if_tsresol} and {@code if_tsoffset}, enhanced, simple and obsolete packet blocks; other blocks are skipped.
 *
 * <pre>
 * every block                      EPB body (type 6)               IDB body (type 1)
 *  0 block type                     8 interface id                  8 link type (16 bits), reserved
 *  4 block total length            12 timestamp high               12 snaplen
 *  8 body ...                      16 timestamp low                16 options ...
 *  L-4 block total length again    20 captured length  24 original length  28 data, padded to 4
 * </pre>
 *
 * <p>Owned by one thread (the one calling {@link #read}); {@link #bytesRead()} may be called from any thread.
 * Interface ids restart with every section header block, whose byte-order magic sets the byte order of the
 * blocks after it.
 *
 * <p>Damage policy: a block length below the block type's minimum (12 for any block, 28 SHB, 20 IDB, 32 EPB and
 * PB, 16 SPB) or not a multiple of 4 or above 256 MB, a block running past the end of the file, a trailing length
 * different from the leading one, a later section header with a bad byte-order magic or an unsupported version, a
 * packet block naming an interface not declared in its section, a captured length running past its block, or an
 * unsupported {@code if_tsresol}: all stop reading (the block's extent or meaning is unknown), keep the frames
 * before, and set {@link #damage()}. Unknown block types are skipped; an option running past its block ends that
 * block's options quietly. Timestamps past the year 2262 wrap (they do not fit epoch nanoseconds in a long).
 */
final class PcapngReader extends CaptureFileReader {
  static final int SECTION_HEADER = 0x0A0D0D0A;
  static final int INTERFACE_DESCRIPTION = 1;
  static final int OBSOLETE_PACKET = 2;
  static final int SIMPLE_PACKET = 3;
  static final int ENHANCED_PACKET = 6;
  static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
  private static final int OPTION_END = 0;
  private static final int OPTION_TSRESOL = 9;
  private static final int OPTION_TSOFFSET = 14;
  private static final int MAX_BLOCK = 256 << 20;
  private static final int END = -1;
  private static final int OTHER_BLOCK = 0;
  private static final int FRAME = 1;

  private final List<Integer> linkTypes = new ArrayList<>();
  private Integer firstSnaplen;
  private boolean sawInterface;

  // The current section's interfaces, by id.
  private int interfaceCount;
  private int[] interfaceLinkType = new int[8];
  private int[] interfaceSnaplen = new int[8];
  private long[] unitsPerSecond = new long[8];
  /** Nanoseconds per unit when a unit is a whole number of nanoseconds, else 0. */
  private long[] nanosPerUnit = new long[8];
  private long[] offsetSeconds = new long[8];

  PcapngReader(ChannelInput input, String name, long size) throws IOException {
    super(input, name, size);
    String problem = sectionHeaderProblem();
    if (problem != null) {
      throw new UnreadableFileException(name + ": " + problem);
    }
    if (block(null) == END) {
      throw new UnreadableFileException(damage);
    }
    // Read up to the first packet, so that linkTypes() and snaplen() know the leading interfaces before read().
    while (damage == null && isNonPacketBlockNext()) {
      if (block(null) == END) {
        break;
      }
    }
  }

  private boolean isNonPacketBlockNext() throws IOException {
    if (!input.require(4)) {
      return false;
    }
    int type = input.ordered().getInt(input.start());
    return type != ENHANCED_PACKET && type != SIMPLE_PACKET && type != OBSOLETE_PACKET;
  }

  /** Checks the section header at the start of the input and sets the byte order; null when it is good. */
  private String sectionHeaderProblem() throws IOException {
    if (!input.require(12)) {
      return "pcapng section header cut short (" + input.available() + " bytes; expected: >= 28)";
    }
    int start = input.start();
    int magic = input.buffer().getInt(start + 8);
    if (magic == BYTE_ORDER_MAGIC) {
      input.order(ByteOrder.BIG_ENDIAN);
    } else if (magic == Integer.reverseBytes(BYTE_ORDER_MAGIC)) {
      input.order(ByteOrder.LITTLE_ENDIAN);
    } else {
      return String.format("pcapng byte-order magic 0x%08x at offset %d (expected: 0x1a2b3c4d)", magic,
          input.offset() + 8);
    }
    if (!input.require(16)) {
      return "pcapng section header cut short (" + input.available() + " bytes; expected: >= 28)";
    }
    ByteBuffer h = input.ordered();
    int major = h.getShort(start + 12) & 0xffff;
    int minor = h.getShort(start + 14) & 0xffff;
    // 1.2 was written by some old tools for what is 1.0; tshark accepts both.
    if (major != 1 || (minor != 0 && minor != 2)) {
      return "pcapng version " + major + "." + minor + " at offset " + input.offset() + " (expected: 1.0)";
    }
    return null;
  }

  @Override
  public long read(FrameSink sink) throws IOException {
    long count = 0;
    while (damage == null) {
      int kind = block(sink);
      if (kind == END) {
        break;
      }
      count += kind;
    }
    return count;
  }

  /** Consumes one block; returns FRAME, OTHER_BLOCK or END (end of input or damage). */
  private int block(FrameSink sink) throws IOException {
    ChannelInput in = input;
    if (!in.require(8)) {
      if (in.available() > 0) {
        return damaged("pcapng block header at offset " + in.offset() + " cut short (" + in.available()
            + " of 8 bytes)");
      }
      return END;
    }
    int type = in.ordered().getInt(in.start());
    if (type == SECTION_HEADER) {
      String problem = sectionHeaderProblem();
      if (problem != null) {
        return damaged(problem);
      }
      interfaceCount = 0;
    }
    ByteBuffer h = in.ordered();
    int p = in.start();
    int length = h.getInt(p + 4);
    int minimum = minimumLength(type);
    if (length < minimum || (length & 3) != 0 || length > MAX_BLOCK) {
      String rule = length < minimum ? ">= " + minimum : length > MAX_BLOCK ? "<= " + MAX_BLOCK : "a multiple of 4";
      return damaged("pcapng block length " + Integer.toUnsignedLong(length) + " at offset " + in.offset()
          + " (expected: " + rule + ")");
    }
    if (!in.require(length)) {
      return damaged("pcapng block at offset " + in.offset() + " cut short (block length " + length + ", "
          + in.available() + " bytes left)");
    }
    h = in.ordered();
    p = in.start();
    int trailing = h.getInt(p + length - 4);
    if (trailing != length) {
      return damaged("pcapng block at offset " + in.offset() + " has trailing length "
          + Integer.toUnsignedLong(trailing) + " (expected: " + length + ", as at its start)");
    }
    int kind = OTHER_BLOCK;
    switch (type) {
      case INTERFACE_DESCRIPTION:
        if (!interfaceDescription(h, p, length)) {
          return END;
        }
        break;
      case ENHANCED_PACKET:
        kind = packet(sink, h, p, h.getInt(p + 8), p + 12, h.getInt(p + 20), h.getInt(p + 24), p + 28, length - 32);
        break;
      case OBSOLETE_PACKET:
        kind = packet(sink, h, p, h.getShort(p + 8) & 0xffff, p + 12, h.getInt(p + 20), h.getInt(p + 24), p + 28,
            length - 32);
        break;
      case SIMPLE_PACKET:
        kind = simplePacket(sink, h, p, length);
        break;
      default:
        break; // section header (checked above), statistics, name resolution, custom and unknown blocks
    }
    if (kind != END) {
      in.skip(length);
    }
    return kind;
  }

  private static int minimumLength(int type) {
    switch (type) {
      case SECTION_HEADER: return 28;
      case INTERFACE_DESCRIPTION: return 20;
      case ENHANCED_PACKET: case OBSOLETE_PACKET: return 32;
      case SIMPLE_PACKET: return 16;
      default: return 12;
    }
  }

  private int packet(FrameSink sink, ByteBuffer h, int p, int interfaceId, int timestampAt, int capturedLength,
      int originalLength, int dataAt, int room) {
    if (interfaceId < 0 || interfaceId >= interfaceCount) {
      return damaged("pcapng packet block at offset " + input.offset() + " names interface "
          + Integer.toUnsignedLong(interfaceId) + " (expected: < " + interfaceCount + ", the section's interfaces)");
    }
    if (capturedLength < 0 || capturedLength > room) {
      return damaged("pcapng packet block at offset " + input.offset() + " has captured length "
          + Integer.toUnsignedLong(capturedLength) + " (expected: <= " + room + ", the room in its block)");
    }
    long units = ((long) h.getInt(timestampAt) << 32) | (h.getInt(timestampAt + 4) & 0xffffffffL);
    if (sink != null) {
      sink.frame(interfaceLinkType[interfaceId], nanos(interfaceId, units), capturedLength, originalLength,
          input.buffer(), dataAt);
    }
    return FRAME;
  }

  private int simplePacket(FrameSink sink, ByteBuffer h, int p, int length) {
    if (interfaceCount == 0) {
      return damaged("pcapng simple packet block at offset " + input.offset()
          + " comes before any interface (expected: an interface description block first)");
    }
    long originalLength = h.getInt(p + 8) & 0xffffffffL;
    long captured = Math.min(originalLength, length - 16);
    int snaplen = interfaceSnaplen[0];
    if (snaplen > 0) {
      captured = Math.min(captured, snaplen);
    }
    if (sink != null) {
      // A simple packet block carries no timestamp; tshark shows the epoch.
      sink.frame(interfaceLinkType[0], 0, (int) captured, (int) originalLength, input.buffer(), p + 12);
    }
    return FRAME;
  }

  private long nanos(int id, long units) {
    long perUnit = nanosPerUnit[id];
    long perSecond = unitsPerSecond[id];
    if (perUnit != 0) {
      // perUnit divides a second exactly, so perSecond is 10^9 / perUnit: no division per frame.
      return (units + offsetSeconds[id] * perSecond) * perUnit;
    }
    long seconds = Long.divideUnsigned(units, perSecond);
    long fraction = Long.remainderUnsigned(units, perSecond);
    long fractionNanos = perSecond <= (1L << 33)
        ? fraction * 1_000_000_000L / perSecond
        : (long) (fraction * 1e9 / perSecond);
    return (seconds + offsetSeconds[id]) * 1_000_000_000L + fractionNanos;
  }

  private boolean interfaceDescription(ByteBuffer h, int p, int length) {
    int id = interfaceCount;
    if (id == interfaceLinkType.length) {
      int n = id * 2;
      interfaceLinkType = Arrays.copyOf(interfaceLinkType, n);
      interfaceSnaplen = Arrays.copyOf(interfaceSnaplen, n);
      unitsPerSecond = Arrays.copyOf(unitsPerSecond, n);
      nanosPerUnit = Arrays.copyOf(nanosPerUnit, n);
      offsetSeconds = Arrays.copyOf(offsetSeconds, n);
    }
    int linkType = h.getShort(p + 8) & 0xffff;
    int snaplen = h.getInt(p + 12);
    long perSecond = 1_000_000;
    long offset = 0;
    int at = p + 16;
    int optionsEnd = p + length - 4;
    while (optionsEnd - at >= 4) {
      int code = h.getShort(at) & 0xffff;
      int optionLength = h.getShort(at + 2) & 0xffff;
      if (code == OPTION_END || optionLength > optionsEnd - at - 4) {
        break;
      }
      if (code == OPTION_TSRESOL && optionLength >= 1) {
        int resolution = h.get(at + 4) & 0xff;
        int exponent = resolution & 0x7f;
        boolean binary = (resolution & 0x80) != 0;
        if (binary ? exponent > 62 : exponent > 18) {
          damaged(String.format("pcapng interface at offset %d has if_tsresol 0x%02x (expected: up to 10^-18 or "
              + "2^-62)", input.offset(), resolution));
          return false;
        }
        perSecond = binary ? 1L << exponent : pow10(exponent);
      } else if (code == OPTION_TSOFFSET && optionLength >= 8) {
        offset = h.getLong(at + 4);
      }
      at += 4 + ((optionLength + 3) & ~3);
    }
    interfaceLinkType[id] = linkType;
    interfaceSnaplen[id] = snaplen;
    unitsPerSecond[id] = perSecond;
    nanosPerUnit[id] = perSecond <= 1_000_000_000L && 1_000_000_000L % perSecond == 0
        ? 1_000_000_000L / perSecond : 0;
    offsetSeconds[id] = offset;
    interfaceCount++;
    if (!linkTypes.contains(linkType)) {
      linkTypes.add(linkType);
    }
    if (!sawInterface) {
      sawInterface = true;
      firstSnaplen = snaplen == 0 ? null : snaplen;
    }
    return true;
  }

  private static long pow10(int exponent) {
    long value = 1;
    for (int i = 0; i < exponent; i++) {
      value *= 10;
    }
    return value;
  }

  private int damaged(String problem) {
    damage = name + ": " + problem;
    return END;
  }

  @Override
  public String format() {
    return "pcapng";
  }

  @Override
  public List<Integer> linkTypes() {
    return Collections.unmodifiableList(new ArrayList<>(linkTypes));
  }

  @Override
  public Integer snaplen() {
    return firstSnaplen;
  }
}
