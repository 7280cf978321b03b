package io.netanal.spool;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolFinisherTest {
  @TempDir Path dir;

  /** A pcap of {@code records} 4-byte records, then {@code cut} bytes of a record header. */
  private Path tmp(String name, int records, int cut) throws Exception {
    ByteBuffer b = ByteBuffer.allocate(24 + records * 20 + cut).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4); // magic, version 2.4
    b.putInt(0).putInt(0).putInt(65535).putInt(1);                // zone, sigfigs, snaplen, EN10MB
    for (int i = 0; i < records; i++) {
      b.putInt(1_800_000_000 + i).putInt(0);                      // ts_sec, ts_usec
      b.putInt(4).putInt(4).putInt(i);                            // incl_len, orig_len, 4 bytes of frame
    }
    Path tmp = dir.resolve(name + ".tmp");
    Files.write(tmp, b.array());
    return tmp;
  }

  @Test
  void shouldFinishFilesInOrderAndCountThem() throws Exception {
    SpoolBudget budget = new SpoolBudget(dir, 0, w -> { });
    try (SpoolFinisher finisher = new SpoolFinisher(budget)) {
      for (String name : new String[] {"a.pcap", "b.pcap"}) {
        Path tmp = tmp(name, 3, 0);
        finisher.submit(new SpoolFinisher.Job(FileChannel.open(tmp, StandardOpenOption.WRITE), tmp,
            dir.resolve(name), Files.size(tmp), 3));
      }
      finisher.awaitIdle();
      assertThat(finisher.files.get()).isEqualTo(2);
      assertThat(finisher.packets.get()).isEqualTo(6);
      assertThat(finisher.unpublishedBytes()).isZero();
      assertThat(finisher.failure()).isNull();
    }
    assertThat(dir.resolve("a.pcap.ready")).exists();
    assertThat(dir.resolve("b.pcap.ready")).exists();
    assertThat(Files.getLastModifiedTime(dir.resolve("a.pcap.ready")))
        .isLessThanOrEqualTo(Files.getLastModifiedTime(dir.resolve("b.pcap.ready")));
  }

  @Test
  void shouldKeepTheWholeRecordsOfAFileWhoseFsyncFailedAndCountTheRestAsDropped() throws Exception {
    SpoolBudget budget = new SpoolBudget(dir, 0, w -> { });
    try (SpoolFinisher finisher = new SpoolFinisher(budget)) {
      Path tmp = tmp("a.pcap", 2, 7); // a third record cut after 7 bytes
      FileChannel closed = FileChannel.open(tmp, StandardOpenOption.WRITE);
      closed.close(); // force() fails: the stand-in for a disk that fails
      finisher.submit(new SpoolFinisher.Job(closed, tmp, dir.resolve("a.pcap"), Files.size(tmp), 3));
      Path later = tmp("b.pcap", 4, 0); // handed over after the failure: kept the same way
      finisher.submit(new SpoolFinisher.Job(FileChannel.open(later, StandardOpenOption.WRITE), later,
          dir.resolve("b.pcap"), Files.size(later), 4));
      finisher.awaitIdle();

      assertThat(finisher.failure()).isInstanceOf(ClosedChannelException.class);
      assertThat(finisher.failedFile()).isEqualTo(dir.resolve("a.pcap"));
      assertThat(finisher.packets.get()).isEqualTo(2 + 4);
      assertThat(finisher.dropped.get()).isEqualTo(1);
    }
    assertThat(Files.size(dir.resolve("a.pcap"))).isEqualTo(24 + 2 * 20);
    assertThat(dir.resolve("a.pcap.ready")).exists();
    assertThat(dir.resolve("b.pcap.ready")).exists();
    assertThat(dir.resolve("a.pcap.tmp")).doesNotExist();
  }
}
