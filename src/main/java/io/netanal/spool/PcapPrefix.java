package io.netanal.spool;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The longest prefix of a pcap file made of a valid file header and whole records: what survives of a spool
 * file whose writer was killed (or whose disk filled) in the middle of it.
 *
 * <pre>
 * file header (24 bytes)                          record header (16 bytes), then incl_len bytes
 * +-------+-------+-------+-------+               +--------+----------+----------+----------+
 * | magic | major | minor | zone  | ...           | ts_sec | ts_frac  | incl_len | orig_len |
 * | 4     | 2     | 2     | 4     | sigfigs 4,    | 4      | 4        | 4        | 4        |
 * +-------+-------+-------+-------+ snaplen 4,    +--------+----------+----------+----------+
 *                                  linktype 4
 * </pre>
 *
 * <p>A record counts when it is whole and its {@code incl_len} is at most the header's snaplen (a writer never
 * stores more), so garbage after a cut (a half-written header) ends the prefix. Stateless; any thread.
 */
final class PcapPrefix {
  static final int FILE_HEADER = 24;
  static final int RECORD_HEADER = 16;
  private static final int MAGIC_MICROS = 0xa1b2c3d4;
  private static final int MAGIC_NANOS = 0xa1b23c4d;
  /** Snaplen 0 (some writers) means "no limit": the largest frame libpcap ever delivers. */
  private static final int MAX_SNAPLEN = 262_144;

  /** {@code bytes}: the prefix's length (0 when the header is not a pcap header); {@code records}: whole records in it. */
  record Result(long bytes, long records) {}

  private PcapPrefix() {}

  static Result of(Path file) throws IOException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      byte[] header = in.readNBytes(FILE_HEADER);
      if (header.length < FILE_HEADER) {
        return new Result(0, 0);
      }
      ByteBuffer h = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
      int magic = h.getInt(0);
      if (magic != MAGIC_MICROS && magic != MAGIC_NANOS) {
        h.order(ByteOrder.BIG_ENDIAN);
        magic = h.getInt(0);
        if (magic != MAGIC_MICROS && magic != MAGIC_NANOS) {
          return new Result(0, 0);
        }
      }
      int snaplen = h.getInt(16);
      long limit = snaplen <= 0 ? MAX_SNAPLEN : Math.min(snaplen, MAX_SNAPLEN);
      long bytes = FILE_HEADER;
      long records = 0;
      ByteBuffer record = ByteBuffer.allocate(RECORD_HEADER).order(h.order());
      while (true) {
        record.clear();
        int n = in.readNBytes(record.array(), 0, RECORD_HEADER);
        if (n < RECORD_HEADER) {
          break;
        }
        long included = Integer.toUnsignedLong(record.getInt(8));
        if (included > limit || !skip(in, included)) {
          break;
        }
        bytes += RECORD_HEADER + included;
        records++;
      }
      return new Result(bytes, records);
    }
  }

  /** Skips {@code n} bytes; false when the file ends first. */
  private static boolean skip(InputStream in, long n) throws IOException {
    while (n > 0) {
      long skipped = in.skip(n);
      if (skipped <= 0) {
        if (in.read() < 0) {
          return false;
        }
        skipped = 1;
      }
      n -= skipped;
    }
    return true;
  }
}
