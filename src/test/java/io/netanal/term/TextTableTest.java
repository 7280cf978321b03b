package io.netanal.term;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextTableTest {

  @Test
  void shouldRightAlignNumbersAndLeftAlignText() {
    TextTable t = new TextTable("  ", "…").left("name").right("packets").row("tcp", "1,234").row("udp", "5");

    assertThat(t.lines(80)).containsExactly("  name  packets", "  tcp     1,234", "  udp         5");
  }

  @Test
  void shouldShrinkFlexibleColumnByCuttingItsMiddle() {
    TextTable t = new TextTable("", "…").flexible("address", 10).right("n")
        .row("2001:db8:85a3::8a2e:370:7334", "1");

    assertThat(t.lines(16)).containsExactly("address        n", "2001:d…0:7334  1");
  }

  @Test
  void shouldCutLinesWhenShrinkingIsNotEnough() {
    TextTable t = new TextTable("", "…").right("aaaaaaaaaa").right("bbbbbbbbbb").row("1", "2");

    assertThat(t.lines(15)).containsExactly("aaaaaaaaaa  bbb", "         1     ");
  }
}
