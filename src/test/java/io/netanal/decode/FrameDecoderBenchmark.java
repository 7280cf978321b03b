package io.netanal.decode;

import io.netanal.frame.LinkType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Measures decoding throughput on Ethernet/IPv4/TCP frames (and a mixed set) on one core. A {@code main} class,
 * not a test: surefire does not run it. Run with
 * {@code mvn -q -o test-compile && java -cp target/classes:target/test-classes io.netanal.decode.FrameDecoderBenchmark}.
 */
public final class FrameDecoderBenchmark {
  private FrameDecoderBenchmark() {}

  public static void main(String[] args) {
    byte[] tcpFrame = Fixtures.bytes(Fixtures.ethernet(0x0800), Fixtures.ipv4(6, 20 + 100),
        Fixtures.tcp(50000, 443, 0x18), "1703030060" + "00".repeat(95));
    run("eth/ipv4/tcp/tls", new int[] {LinkType.ETHERNET}, new byte[][] {tcpFrame});
    int count = SampleFrames.all().size();
    int[] linkTypes = new int[count];
    byte[][] frames = new byte[count][];
    for (int i = 0; i < count; i++) {
      linkTypes[i] = SampleFrames.all().get(i).linkType();
      frames[i] = SampleFrames.all().get(i).bytes();
    }
    run("mixed samples (" + count + " frames, all link types)", linkTypes, frames);
  }

  /** Lays the frames out back to back in one buffer, as a reader's block would hold them, and decodes them. */
  private static void run(String name, int[] linkTypes, byte[][] frames) {
    int copies = Math.max(1, 4096 / frames.length);
    int total = 0;
    for (byte[] frame : frames) {
      total += frame.length * copies;
    }
    ByteBuffer buffer = ByteBuffer.allocateDirect(total).order(ByteOrder.BIG_ENDIAN);
    int n = frames.length * copies;
    int[] offsets = new int[n];
    int[] lengths = new int[n];
    int[] types = new int[n];
    for (int c = 0, i = 0; c < copies; c++) {
      for (int f = 0; f < frames.length; f++, i++) {
        offsets[i] = buffer.position();
        lengths[i] = frames[f].length;
        types[i] = linkTypes[f % linkTypes.length];
        buffer.put(frames[f]);
      }
    }
    FrameDecoder decoder = new FrameDecoder();
    DecodedFrame out = new DecodedFrame();
    long sink = 0;
    for (int round = 0; round < 8; round++) {
      long frameCount = 0;
      long start = System.nanoTime();
      while (System.nanoTime() - start < 1_000_000_000L) {
        for (int i = 0; i < n; i++) {
          decoder.decode(types[i], buffer, offsets[i], lengths[i], out);
          sink += out.protocols() + out.sourcePort();
        }
        frameCount += n;
      }
      long elapsed = System.nanoTime() - start;
      System.out.printf("%s: round %d: %.1f ns/frame, %.1f M frames/s%n", name, round,
          (double) elapsed / frameCount, frameCount * 1e3 / elapsed);
    }
    System.out.println("(checksum " + sink + ")");
  }
}
