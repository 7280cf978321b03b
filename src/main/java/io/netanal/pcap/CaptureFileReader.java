package io.netanal.pcap;

import io.netanal.frame.FrameSink;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Streams the frames of a pcap or pcapng capture, chosen by magic number, to a {@link FrameSink}.
 *
 * <p>Skeleton: the pcap package's readers implement it.
 */
public abstract class CaptureFileReader implements Closeable {

  /** Opens a capture file; throws {@link io.netanal.UnreadableFileException} when it is not a capture. */
  public static CaptureFileReader open(Path file) throws IOException {
    throw new UnsupportedOperationException("not built yet");
  }

  /** Reads a capture from a stream (standard input); {@code name} is used in messages. */
  public static CaptureFileReader open(InputStream in, String name) throws IOException {
    throw new UnsupportedOperationException("not built yet");
  }

  /** The name used in messages and in the report's source. */
  public abstract String name();

  /** {@code "pcap"} or {@code "pcapng"}. */
  public abstract String format();

  /** The distinct LINKTYPE_ values seen so far, in order of appearance. */
  public abstract List<Integer> linkTypes();

  /** The snapshot length the file declares, or null when it sets none. */
  public abstract Integer snaplen();

  /** Reads every remaining frame into {@code sink}; returns how many. Stops quietly at damage, see {@link #damage()}. */
  public abstract long read(FrameSink sink) throws IOException;

  /** Bytes consumed so far; any thread may call it (for progress). */
  public abstract long bytesRead();

  /** The file's size in bytes, or -1 for a stream. */
  public abstract long size();

  /** One line describing where and how the file is damaged ("name: ... at offset N ..."), or null. */
  public abstract String damage();
}
