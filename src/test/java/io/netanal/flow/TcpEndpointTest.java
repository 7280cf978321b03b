package io.netanal.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TcpEndpointTest {
  @Test
  void shouldScaleHistoryLettersAtTheFirstTenthAndHundredthEventAsZeekDoes() {
    List<Integer> letters = new ArrayList<>();
    for (int events = 1; events <= 100_000; events++) {
      if (TcpEndpoint.scaled(events)) {
        letters.add(events);
      }
    }
    assertThat(letters).containsExactly(1, 10, 100, 1000, 10_000, 100_000);
    assertThat(TcpEndpoint.scaled(1_000_000_000)).isTrue();
    assertThat(TcpEndpoint.scaled(Integer.MAX_VALUE)).isFalse();
  }

  @Test
  void shouldBeAsNewAfterClear() {
    TcpEndpoint used = new TcpEndpoint();
    used.initSequence(12345, true);
    used.state(TcpEndpoint.ESTABLISHED);
    used.relative(20000);
    used.finSeen = true;
    used.retransmissions = 3;
    used.retransmissionEvents = 3;
    used.gapEvents = 2;
    used.zeroWindowEvents = 1;
    used.lastSynSequence = 0;
    used.clear();
    TcpEndpoint fresh = new TcpEndpoint();
    assertThat(used).usingRecursiveComparison().isEqualTo(fresh);
  }
}
