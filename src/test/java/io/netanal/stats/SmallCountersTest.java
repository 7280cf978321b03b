package io.netanal.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.netanal.decode.DecodeStatus;
import io.netanal.decode.Protocol;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The collector's array-backed counters: sizes, TCP flags, protocols, decode problems. */
class SmallCountersTest {

  @ParameterizedTest
  @CsvSource({"0, 0", "19, 0", "20, 1", "39, 1", "40, 2", "79, 2", "80, 3", "159, 3", "160, 4", "319, 4",
      "320, 5", "639, 5", "640, 6", "1279, 6", "1280, 7", "2559, 7", "2560, 8", "5119, 8", "5120, 9",
      "65535, 9", "2147483647, 9", "-1, 0"})
  void shouldPutWireLengthsInTsharksPlenBuckets(int length, int bucket) {
    assertThat(SizeHistogram.bucket(length)).isEqualTo(bucket);
  }

  @Test
  void shouldCountEveryWireLengthInTheBucketOfItsFormula() {
    long[] lengths = {0, 1, 19, 20, 1514, 5119, 5120, 5121, 65535, 0xffffffffL};
    for (long length : lengths) {
      SizeHistogram sizes = new SizeHistogram();
      sizes.record(length);
      assertThat(sizes.snapshot().get(SizeHistogram.bucket(length)).packets()).as("length " + length).isEqualTo(1);
    }
    SizeHistogram all = new SizeHistogram();
    for (int length = 0; length < 6000; length++) {
      all.record(length);
    }
    // 0-19: 20 lengths, 20-39: 20, 40-79: 40, ... 2560-5119: 2560, 5120-5999: 880
    assertThat(all.snapshot()).extracting(SizeBucket::packets)
        .containsExactly(20L, 20L, 40L, 80L, 160L, 320L, 640L, 1280L, 2560L, 880L);
  }

  @Test
  void shouldListAllTenSizeBucketsIncludingEmptyOnes() {
    SizeHistogram sizes = new SizeHistogram();
    sizes.record(60);
    sizes.record(1514);
    sizes.record(1514);

    assertThat(sizes.snapshot()).containsExactly(new SizeBucket("0-19", 0), new SizeBucket("20-39", 0),
        new SizeBucket("40-79", 1), new SizeBucket("80-159", 0), new SizeBucket("160-319", 0),
        new SizeBucket("320-639", 0), new SizeBucket("640-1279", 0), new SizeBucket("1280-2559", 2),
        new SizeBucket("2560-5119", 0), new SizeBucket("5120+", 0));
  }

  @Test
  void shouldTellSynFromSynAckAndCountEveryFlag() {
    TcpFlagCounter flags = new TcpFlagCounter();
    flags.record(0x02); // SYN
    flags.record(0x12); // SYN+ACK
    flags.record(0x10); // ACK
    flags.record(0x18); // PSH+ACK
    flags.record(0x11); // FIN+ACK
    flags.record(0x04); // RST
    flags.record(0xe0 | 0x100); // URG+ECE+CWR and NS, which has no column
    flags.record(-1); // no TCP header

    assertThat(flags.snapshot()).isEqualTo(new TcpFlags(1, 1, 1, 1, 1, 4, 1, 1, 1));
  }

  @Test
  void shouldCountEachFlagOfEveryCombinationAndMergeCombinations() {
    TcpFlagCounter flags = new TcpFlagCounter();
    TcpFlagCounter other = new TcpFlagCounter();
    for (int combination = 0; combination < 512; combination++) { // NS (0x100) included, which has no column
      (combination % 2 == 0 ? flags : other).record(combination);
    }
    flags.merge(other);

    // each of the eight flags is set in half the 512 combinations; SYN without ACK in a quarter
    assertThat(flags.snapshot()).isEqualTo(new TcpFlags(128, 128, 256, 256, 256, 256, 256, 256, 256));
  }

  @Test
  void shouldCountProtocolsByLayerThenPacketsThenNameAndMergeSll() {
    ProtocolCounter protocols = new ProtocolCounter();
    long tcpOverEth = 1L << Protocol.ETH | 1L << Protocol.IP | 1L << Protocol.TCP | 1L << Protocol.TLS;
    long udpOverSll = 1L << Protocol.SLL | 1L << Protocol.IP | 1L << Protocol.UDP | 1L << Protocol.DNS;
    long udpOverSll2 = 1L << Protocol.SLL2 | 1L << Protocol.IPV6 | 1L << Protocol.UDP;
    protocols.record(tcpOverEth, 1000);
    protocols.record(udpOverSll, 100);
    protocols.record(udpOverSll2, 90);
    protocols.record(0, 60); // nothing decoded

    assertThat(protocols.snapshot()).containsExactly(
        new ProtocolCount("sll", "link", 2, 190),
        new ProtocolCount("eth", "link", 1, 1000),
        new ProtocolCount("ip", "network", 2, 1100),
        new ProtocolCount("ipv6", "network", 1, 90),
        new ProtocolCount("udp", "transport", 2, 190),
        new ProtocolCount("tcp", "transport", 1, 1000),
        new ProtocolCount("dns", "application", 1, 100),
        new ProtocolCount("tls", "application", 1, 1000));
  }

  @Test
  void shouldCountDecodeProblemsByReasonWithTheFirstTenExamples() {
    DecodeProblemCounter problems = new DecodeProblemCounter();
    for (long frame = 1; frame <= 30; frame++) {
      int status = frame % 3 == 0 ? DecodeStatus.TRUNCATED : frame % 5 == 0 ? DecodeStatus.MALFORMED
          : DecodeStatus.OK;
      problems.record(frame, status);
    }

    DecodeProblems snapshot = problems.snapshot();

    assertThat(snapshot.frames()).isEqualTo(14);
    assertThat(snapshot.reasons()).containsExactly(Map.entry("malformed", 4L), Map.entry("truncated", 10L));
    assertThat(snapshot.examples()).hasSize(10).startsWith(new DecodeExample(3, "truncated"),
        new DecodeExample(5, "malformed"), new DecodeExample(6, "truncated"));
    assertThat(snapshot.examples().get(9)).isEqualTo(new DecodeExample(21, "truncated"));
  }

  @Test
  void shouldShiftMergedExampleFrameNumbersByTheFramesBefore() {
    DecodeProblemCounter first = new DecodeProblemCounter();
    first.record(2, DecodeStatus.TRUNCATED);
    DecodeProblemCounter second = new DecodeProblemCounter();
    second.record(1, DecodeStatus.UNSUPPORTED_LINK_TYPE);

    first.merge(second, 7);

    assertThat(first.snapshot()).isEqualTo(new DecodeProblems(2,
        Map.of("truncated", 1L, "unsupportedLinkType", 1L),
        java.util.List.of(new DecodeExample(2, "truncated"), new DecodeExample(8, "unsupportedLinkType"))));
  }
}
