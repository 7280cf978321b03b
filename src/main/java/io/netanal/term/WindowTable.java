package io.netanal.term;

import io.netanal.window.ClosedWindow;
import io.netanal.window.WindowRecord;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;

/**
 * A closed window on the console: a heading with its size and UTC bounds, then one row per address (packets and
 * bytes sent, rate, distinct peers and ports, SYNs, probes, packets received). Used by {@code netanal windows}
 * without {@code --json}/{@code --csv}. One thread at a time.
 */
public final class WindowTable {
  private final ConsoleStyle style;
  private final Paint paint;
  private final String ellipsis;

  public WindowTable(ConsoleStyle style) {
    this.style = style;
    this.paint = new Paint(style.colour());
    this.ellipsis = style.unicode() ? "…" : "~";
  }

  public void render(ClosedWindow w, PrintWriter out) {
    out.println(paint.heading(w.window() + " window " + Instant.ofEpochSecond(w.startNanos() / 1_000_000_000L)
        + " - " + Instant.ofEpochSecond(w.endNanos() / 1_000_000_000L) + ": " + Units.count(w.records().size())
        + " addresses"));
    TextTable t = new TextTable("  ", ellipsis).flexible("address", 15).right("packets").right("bytes")
        .right("rate").right("peers").right("ports").right("SYN").right("probes").right("received");
    List<WindowRecord> records = w.records();
    for (WindowRecord r : records) {
      t.row(r.address(), Units.count(r.packets()), Units.bytes(r.bytes()), Units.bitRate(r.bitsPerSecond()),
          Units.count(r.distinctDstAddresses()), Units.count(r.distinctDstPorts()), Units.count(r.tcpSyn()),
          Units.count(r.probes()), Units.count(r.packetsReceived()));
    }
    List<String> lines = t.lines(style.width());
    out.println(paint.tableHeader(lines.get(0).stripTrailing()));
    for (int i = 1; i < lines.size(); i++) {
      out.println(lines.get(i).stripTrailing());
    }
    if (w.overflowPackets() > 0) {
      out.println("  " + Units.count(w.overflowPackets()) + " packets of addresses past the table's cap are in 'other'");
    }
    out.flush();
  }
}
