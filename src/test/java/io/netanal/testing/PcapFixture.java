package io.netanal.testing;

import io.netanal.pcap.CaptureFileReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds little-endian pcap files in memory for the collector's tests: synthetic Ethernet/IPv4/TCP frames, or the
 * frames of a real capture cut at a time. Owned by one test thread.
 */
public final class PcapFixture {
  private static final int ETHERNET = 1; // DLT_EN10MB
  private final ByteBuffer out;
  private final int linkType;

  public PcapFixture(int linkType, int capacity) {
    this.linkType = linkType;
    out = ByteBuffer.allocate(capacity).order(ByteOrder.LITTLE_ENDIAN);
    out.putInt(0xa1b23c4d);    // magic: nanosecond timestamps
    out.putShort((short) 2);   // version major
    out.putShort((short) 4);   // version minor
    out.putInt(0);             // thiszone
    out.putInt(0);             // sigfigs
    out.putInt(65535);         // snaplen
    out.putInt(linkType);      // network
  }

  /** An Ethernet pcap with room for {@code frames} TCP frames. */
  public static PcapFixture ethernet(int frames) {
    return new PcapFixture(ETHERNET, 24 + frames * (16 + 54));
  }

  /** An Ethernet pcap with room for {@code bytes} of frames and their record headers. */
  public static PcapFixture ethernetBytes(int bytes) {
    return new PcapFixture(ETHERNET, 24 + bytes);
  }

  public PcapFixture frame(long timestampNanos, byte[] frame) {
    out.putInt((int) Math.floorDiv(timestampNanos, 1_000_000_000L)); // ts_sec
    out.putInt((int) Math.floorMod(timestampNanos, 1_000_000_000L)); // ts_nsec
    out.putInt(frame.length);  // incl_len
    out.putInt(frame.length);  // orig_len
    out.put(frame);
    return this;
  }

  public byte[] bytes() {
    byte[] b = new byte[out.position()];
    System.arraycopy(out.array(), 0, b, 0, b.length);
    return b;
  }

  /** An Ethernet/IPv4/TCP frame without payload from {@code source}:sport to {@code destination}:dport. */
  public static byte[] tcp(int source, int destination, int sport, int dport, int flags) {
    ByteBuffer b = ByteBuffer.allocate(54); // network byte order
    b.put(new byte[] {0, 0, 0, 0, 0, 2}); // destination MAC
    b.put(new byte[] {0, 0, 0, 0, 0, 1}); // source MAC
    b.putShort((short) 0x0800);           // EtherType IPv4
    b.put((byte) 0x45);                   // version 4, IHL 5
    b.put((byte) 0);                      // DSCP/ECN
    b.putShort((short) 40);               // total length: IP 20 + TCP 20
    b.putShort((short) 1);                // identification
    b.putShort((short) 0x4000);           // flags: DF
    b.put((byte) 64);                     // TTL
    b.put((byte) 6);                      // protocol TCP
    b.putShort((short) 0);                // header checksum (not checked)
    b.putInt(source);
    b.putInt(destination);
    b.putShort((short) sport);
    b.putShort((short) dport);
    b.putInt(1);                          // sequence number
    b.putInt(0);                          // acknowledgment number
    b.put((byte) 0x50);                   // data offset 5
    b.put((byte) flags);                  // 0x02 SYN, 0x12 SYN-ACK, 0x10 ACK, 0x04 RST
    b.putShort((short) 65535);            // window
    b.putShort((short) 0);                // checksum (not checked)
    b.putShort((short) 0);                // urgent pointer
    return b.array();
  }

  /** An Ethernet/IPv4/UDP frame from {@code source}:sport to {@code destination}:dport carrying {@code payload}. */
  public static byte[] udp(int source, int destination, int sport, int dport, byte[] payload) {
    ByteBuffer b = ByteBuffer.allocate(42 + payload.length); // network byte order
    b.put(new byte[] {0, 0, 0, 0, 0, 2}); // destination MAC
    b.put(new byte[] {0, 0, 0, 0, 0, 1}); // source MAC
    b.putShort((short) 0x0800);           // EtherType IPv4
    b.put((byte) 0x45);                   // version 4, IHL 5
    b.put((byte) 0);                      // DSCP/ECN
    b.putShort((short) (28 + payload.length)); // total length: IP 20 + UDP 8 + payload
    b.putShort((short) 1);                // identification
    b.putShort((short) 0x4000);           // flags: DF
    b.put((byte) 64);                     // TTL
    b.put((byte) 17);                     // protocol UDP
    b.putShort((short) 0);                // header checksum (not checked)
    b.putInt(source);
    b.putInt(destination);
    b.putShort((short) sport);
    b.putShort((short) dport);
    b.putShort((short) (8 + payload.length)); // UDP length
    b.putShort((short) 0);                // checksum: none
    b.put(payload);
    return b.array();
  }

  public static int ipv4(int a, int b, int c, int d) {
    return (a << 24) | (b << 16) | (c << 8) | d;
  }

  /** The frames of {@code file} before {@code cutNanos} and from it on, as two pcap files. */
  public static List<byte[]> split(Path file, long cutNanos) throws IOException {
    List<long[]> times = new ArrayList<>(); // timestamp, link type
    List<byte[]> frames = new ArrayList<>();
    int total = 0;
    try (CaptureFileReader reader = CaptureFileReader.open(file)) {
      reader.read((linkType, ts, captured, original, buffer, offset) -> {
        byte[] frame = new byte[captured];
        buffer.get(offset, frame);
        times.add(new long[] {ts, linkType});
        frames.add(frame);
      });
    }
    for (byte[] f : frames) {
      total += 16 + f.length;
    }
    int linkType = frames.isEmpty() ? ETHERNET : (int) times.get(0)[1];
    PcapFixture before = new PcapFixture(linkType, 24 + total);
    PcapFixture after = new PcapFixture(linkType, 24 + total);
    for (int i = 0; i < frames.size(); i++) {
      long ts = times.get(i)[0];
      (ts < cutNanos ? before : after).frame(ts, frames.get(i));
    }
    return List.of(before.bytes(), after.bytes());
  }
}
