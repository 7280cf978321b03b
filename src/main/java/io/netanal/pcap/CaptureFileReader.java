package io.netanal.pcap;

import io.netanal.UnreadableFileException;
import io.netanal.frame.FrameSink;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Streams the frames of a pcap or pcapng capture, chosen by magic number (never by file name), to a
 * {@link FrameSink}.
 *
 * <p>One thread opens and reads a reader; {@link #bytesRead()} and {@link #size()} may be called from any thread,
 * for a progress bar. The file is read through one large reused buffer, never whole into memory. A bad header
 * throws {@link UnreadableFileException} from {@code open}; damage later in the file never throws from
 * {@link #read}: reading stops and {@link #damage()} says where (see {@link PcapReader} and {@link PcapngReader}
 * for what stops and what is skipped). A file is read up to the size it had when opened; a record that claims
 * more than is left is cut short at once, without growing the buffer for the claim.
 */
public abstract class CaptureFileReader implements Closeable {
  private static final int MIN_CAPACITY = 64 << 10;
  private static final int STREAM_CAPACITY = 4 << 20;

  /** The file's buffered bytes; only the reading thread moves it, any thread may ask its {@code bytesRead}. */
  final ChannelInput input;
  final String name;
  final long size;
  /** Set by the reading thread where reading stopped at damage. */
  String damage;

  CaptureFileReader(ChannelInput input, String name, long size) {
    this.input = input;
    this.name = name;
    this.size = size;
  }

  /** Opens a capture file; throws {@link io.netanal.UnreadableFileException} when it is not a capture. */
  public static CaptureFileReader open(Path file) throws IOException {
    String name = file.toString();
    if (Files.isDirectory(file)) {
      throw new UnreadableFileException(name + ": is a directory (expected: a capture file)");
    }
    FileChannel channel;
    try {
      channel = FileChannel.open(file, StandardOpenOption.READ);
    } catch (NoSuchFileException e) {
      throw new UnreadableFileException(name + ": no such file", e);
    } catch (AccessDeniedException e) {
      throw new UnreadableFileException(name + ": permission denied", e);
    }
    long size = channel.size();
    // Small files get a small buffer: a corpus of a thousand captures should not hold a window each.
    int capacity = (int) Math.max(MIN_CAPACITY, Math.min(size + 1, ChannelInput.DEFAULT_CAPACITY));
    return open(channel, name, size, capacity);
  }

  /** Reads a capture from a stream (standard input); {@code name} is used in messages. */
  public static CaptureFileReader open(InputStream in, String name) throws IOException {
    return open(Channels.newChannel(in), name, -1, STREAM_CAPACITY);
  }

  /** Opens any channel with a window of {@code capacity} bytes; tests use small windows to force refills. */
  static CaptureFileReader open(ReadableByteChannel channel, String name, long size, int capacity)
      throws IOException {
    ChannelInput input = new ChannelInput(channel, size, capacity);
    try {
      return detect(input, name, size);
    } catch (IOException | RuntimeException e) {
      input.close();
      throw e;
    }
  }

  private static CaptureFileReader detect(ChannelInput input, String name, long size) throws IOException {
    if (!input.require(4)) {
      if (input.available() == 0) {
        throw new UnreadableFileException(name + ": empty file (expected: a pcap or pcapng header)");
      }
      throw new UnreadableFileException(name + ": file of " + input.available()
          + " bytes (expected: a pcap or pcapng header)");
    }
    int magic = input.buffer().getInt(input.start());
    if (magic == PcapngReader.SECTION_HEADER) {
      return new PcapngReader(input, name, size);
    }
    if (PcapReader.isMagic(magic)) {
      return new PcapReader(input, name, size);
    }
    throw new UnreadableFileException(String.format("%s: not a pcap or pcapng file (magic 0x%08x)", name, magic));
  }

  /** The name used in messages and in the report's source. */
  public String name() {
    return name;
  }

  /** {@code "pcap"} or {@code "pcapng"}. */
  public abstract String format();

  /** The distinct LINKTYPE_ values seen so far, in order of appearance. */
  public abstract List<Integer> linkTypes();

  /** The snapshot length the file declares, or null when it sets none. */
  public abstract Integer snaplen();

  /** Reads every remaining frame into {@code sink}; returns how many. Stops quietly at damage, see {@link #damage()}. */
  public abstract long read(FrameSink sink) throws IOException;

  /**
   * Makes {@link #read} swap full windows for windows from {@code recycler} instead of refilling them, so that a
   * sink may keep frames (the buffer and offset it was given) after its call returned, until it gives their window
   * back to {@code recycler}. Call before {@link #read}.
   */
  public void recycleWindows(WindowRecycler recycler) {
    input.recycler(recycler);
  }

  /** Bytes consumed so far; any thread may call it (for progress). */
  public long bytesRead() {
    return input.bytesRead();
  }

  /** The file's size in bytes, or -1 for a stream. */
  public long size() {
    return size;
  }

  /** One line describing where and how the file is damaged ("name: ... at offset N ..."), or null. */
  public String damage() {
    return damage;
  }

  /** File offset of the first record this reader reads; 0 where the format does not say. */
  public long start() {
    return 0;
  }

  /** File offset of the next unread record, or -1 where the format does not track it. */
  public long position() {
    return -1;
  }

  /**
   * Makes {@link #read} stop before the first record starting at or after {@code offset}; a later {@code read}
   * after a new {@code stopAt} goes on from there. Only readers from {@link #openSlices} support it.
   */
  public void stopAt(long offset) {
    throw new UnsupportedOperationException(name() + ": cannot stop at an offset (" + format() + ")");
  }

  /**
   * Opens a capture file as up to {@code parts} readers of consecutive byte slices, to be read in parallel.
   *
   * <p>Only large pcap files are split; anything else gives one reader. Reader {@code i} reads the records
   * starting in {@code [start(i), start(i + 1))}. Slice starts are found by a plausibility check (see
   * {@link PcapReader}), so a caller must confirm, after reading, that each reader's {@link #position()} equals
   * the next one's {@link #start()} and that it found no damage; where not, the next readers' frames are to be
   * discarded and the earlier reader continued with {@code stopAt(Long.MAX_VALUE)} and {@code read}.
   */
  public static List<CaptureFileReader> openSlices(Path file, int parts, long minSliceBytes) throws IOException {
    CaptureFileReader first = open(file);
    List<CaptureFileReader> readers = new java.util.ArrayList<>(List.of(first));
    if (!(first instanceof PcapReader) || parts < 2 || first.size() < 2 * minSliceBytes) {
      return readers;
    }
    PcapReader pcap = (PcapReader) first;
    long sliceBytes = Math.max(minSliceBytes, first.size() / parts);
    try (FileChannel probe = FileChannel.open(file, StandardOpenOption.READ)) {
      for (long from = sliceBytes; from < first.size() && readers.size() < parts; from += sliceBytes) {
        PcapReader slice = pcap.sliceAt(file, probe, from);
        if (slice == null || slice.start() <= readers.get(readers.size() - 1).start()) {
          if (slice != null) {
            slice.close();
          }
          break;
        }
        readers.get(readers.size() - 1).stopAt(slice.start());
        readers.add(slice);
      }
    } catch (IOException | RuntimeException e) {
      for (CaptureFileReader r : readers) {
        r.close();
      }
      throw e;
    }
    return readers;
  }

  @Override
  public void close() throws IOException {
    input.close();
  }
}
