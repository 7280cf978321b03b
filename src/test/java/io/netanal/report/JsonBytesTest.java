package io.netanal.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.netanal.frame.AddressFormat;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class JsonBytesTest {
  @Test
  void shouldWriteAnIpv4AddressAsTheStringOfItsDottedQuad() {
    SplittableRandom random = new SplittableRandom(7);
    int[] edges = {0, -1, 0x7f000001, 0xC0000201, 0x0A09630A, 0x64C8FF00, 0x01020304, 0xC8C7C6C5};
    for (int i = 0; i < 100_000 + edges.length; i++) {
      int address = i < edges.length ? edges[i] : random.nextInt();
      JsonBytes fromNumber = new JsonBytes(4);
      JsonBytes fromText = new JsonBytes(4);

      fromNumber.ipv4(address);
      fromText.string(AddressFormat.ipv4(address));

      assertThat(text(fromNumber)).as("%08x", address).isEqualTo(text(fromText));
    }
  }

  @Test
  void shouldWriteEveryOctetValue() {
    for (int v = 0; v < 256; v++) {
      JsonBytes text = new JsonBytes(4);

      text.ipv4(v << 24 | v << 16 | v << 8 | v);

      assertThat(text(text)).isEqualTo("\"" + v + "." + v + "." + v + "." + v + "\"");
    }
  }

  @Test
  void shouldDivideByTenAndAHundredExactlyForEveryNonNegativeInt() {
    SplittableRandom random = new SplittableRandom(11);
    for (long i = 0; i < 2_000_000; i++) {
      int v = i < 1_000_000 ? (int) i : i < 1_000_100 ? Integer.MAX_VALUE - (int) (i - 1_000_000)
          : random.nextInt(Integer.MAX_VALUE);

      assertThat(JsonBytes.tenth(v)).as("%d", v).isEqualTo(v / 10);
      assertThat(JsonBytes.hundredth(v)).as("%d", v).isEqualTo(v / 100);
    }
  }

  @Test
  void shouldWriteNumbersAndZeroPaddedDigitsAsTheirDecimalText() {
    SplittableRandom random = new SplittableRandom(13);
    for (int i = 0; i < 200_000; i++) {
      long v = i < 1_000 ? i : i % 3 == 0 ? random.nextLong() : random.nextInt(Integer.MAX_VALUE);
      int fraction = random.nextInt(1_000_000_000);
      JsonBytes text = new JsonBytes(4);

      text.number(v).raw('.').digits(fraction, 9);

      assertThat(text(text)).isEqualTo(v + "." + String.format("%09d", fraction));
    }
  }

  private static String text(JsonBytes bytes) {
    return new String(bytes.array(), 0, bytes.length(), StandardCharsets.UTF_8);
  }
}
