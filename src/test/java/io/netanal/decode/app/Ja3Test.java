package io.netanal.decode.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Ja3Test {
  @Test
  void shouldWriteEveryValueInDecimalAsIntegerToStringDoes() {
    for (int value = 0; value < 200_000; value += value < 70_000 ? 1 : 97) {
      Ja3 ja3 = new Ja3();
      ja3.cipher(value); // GREASE values (0x0a0a, 0x1a1a, ...) are left out

      assertThat(ja3.server(value, value)).isEqualTo(value + "," + value + ",");
      assertThat(ja3.client(771)).isEqualTo("771," + (TlsVersions.isGrease(value) ? "" : value) + ",,,");
    }
  }

  @Test
  void shouldJoinListsWithDashesAndLeaveGreaseOut() {
    Ja3 ja3 = new Ja3();
    ja3.cipher(0x1a1a);
    ja3.cipher(4865);
    ja3.cipher(49195);
    ja3.extension(0);
    ja3.extension(43);
    ja3.group(29);
    ja3.pointFormat(0);

    String text = ja3.client(771);

    assertThat(text).isEqualTo("771,4865-49195,0-43,29,0");
    assertThat(ja3.md5Hex()).isEqualTo(Ja3.md5Hex(text)).hasSize(32).matches("[0-9a-f]+");
  }
}
