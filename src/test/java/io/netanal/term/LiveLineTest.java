package io.netanal.term;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LiveLineTest {

  @Test
  void shouldDrawNothingWhenStandardErrorIsNotATerminal() throws InterruptedException {
    StringWriter err = new StringWriter();
    CountDownLatch asked = new CountDownLatch(1);
    LiveLine line = new LiveLine(new PrintWriter(err), () -> "text", 5, 0, () -> {
      asked.countDown();
      return false;
    });

    line.start();
    assertThat(asked.await(5, TimeUnit.SECONDS)).isTrue();
    Thread.sleep(20);
    line.stop();

    assertThat(err.toString()).isEmpty();
  }

  @Test
  void shouldRedrawInPlaceAndEraseTheLineWhenStopped() throws InterruptedException {
    StringWriter err = new StringWriter();
    AtomicInteger calls = new AtomicInteger();
    CountDownLatch drawnTwice = new CountDownLatch(2);
    LiveLine line = new LiveLine(new PrintWriter(err), () -> {
      drawnTwice.countDown();
      return calls.incrementAndGet() == 1 ? "first line" : "second";
    }, 5, 0, () -> true);

    line.start();
    assertThat(drawnTwice.await(5, TimeUnit.SECONDS)).isTrue();
    line.stop();
    String written = err.toString();

    // the shorter second text is padded over the first, and the last drawn text ("second") is blanked out
    assertThat(written).matches("\rfirst line\rsecond    (\rsecond)*\r {6}\r");
    int length = written.length();
    Thread.sleep(30);
    assertThat(err.toString()).hasSize(length); // nothing drawn after stop()
  }

  @Test
  void shouldPrintALineAboveTheLiveLineAndRedrawItNeverInsideIt() throws InterruptedException {
    StringWriter err = new StringWriter();
    CountDownLatch drawn = new CountDownLatch(2); // asked for the second text: the first is drawn
    LiveLine line = new LiveLine(new PrintWriter(err), () -> {
      drawn.countDown();
      return "0:01  42 pkts";
    }, 5, 0, () -> true);

    line.start();
    assertThat(drawn.await(5, TimeUnit.SECONDS)).isTrue();
    line.printAbove(new PrintWriter(err), "netanal: alert: high port-scan\n");
    line.stop();

    // the status is blanked, the alert takes a line of its own, the status comes back below it, then is erased
    assertThat(err.toString()).matches("(\r0:01  42 pkts)+\r {13}\rnetanal: alert: high port-scan\n"
        + "0:01  42 pkts(\r0:01  42 pkts)*\r {13}\r");
  }

  @Test
  void shouldKeepOtherOutputApartFromTheLiveLineWhenBothWriteToTheSameTerminal() throws Exception {
    StringWriter terminal = new StringWriter();
    PrintWriter err = new PrintWriter(terminal);
    LiveLine line = new LiveLine(err, () -> "status", 1, 0, () -> true);

    line.start();
    Thread printer = new Thread(() -> {
      for (int i = 0; i < 200; i++) {
        line.printAbove(err, "alert " + i + "\n");
      }
    });
    printer.start();
    printer.join(10_000);
    line.stop();

    // every alert starts a line of its own and is whole: the status line never shares a line with one
    String[] lines = terminal.toString().split("\n", -1);
    for (int i = 0; i < 200; i++) {
      assertThat(lines[i]).matches("((\\r?status)+\\r {6}\\r)?alert " + i);
    }
  }
}
