package io.netanal.pcap;

import io.netanal.frame.FrameSink;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Measures reader throughput on one capture (not a test: run by hand with a file argument); prints records/s
 * and MB/s for several runs so that the page cache and the JIT have warmed up.
 */
public final class ReaderBenchmark {
  private ReaderBenchmark() {}

  /** Sums lengths and one byte per frame so that the JIT cannot drop the work. */
  static final class SummingSink implements FrameSink {
    long bytes;
    long check;

    @Override
    public void frame(int linkType, long timestampNanos, int capturedLength, int originalLength, ByteBuffer buffer,
        int offset) {
      bytes += capturedLength;
      check += timestampNanos + (capturedLength > 12 ? buffer.get(offset + 12) : 0);
    }
  }

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    for (int run = 0; run < runs; run++) {
      long startNanos = System.nanoTime();
      SummingSink sink = new SummingSink();
      long frames;
      long size;
      try (CaptureFileReader reader = CaptureFileReader.open(file)) {
        frames = reader.read(sink);
        size = reader.bytesRead();
      }
      double seconds = (System.nanoTime() - startNanos) / 1e9;
      System.out.printf("run %d: %d frames in %.3f s: %.1f M records/s, %.0f MB/s (check %d)%n", run, frames,
          seconds, frames / seconds / 1e6, size / seconds / 1e6, sink.check);
    }
  }
}
