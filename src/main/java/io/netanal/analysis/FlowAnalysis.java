package io.netanal.analysis;

import io.netanal.decode.DecodedFrameConsumer;
import io.netanal.flow.AppMetadata;
import io.netanal.flow.EndedFlow;
import io.netanal.flow.FlowListener;
import io.netanal.flow.FlowRecord;
import io.netanal.flow.FlowSummary;
import io.netanal.flow.FlowTable;
import io.netanal.flow.FlowTableOptions;
import io.netanal.flow.NameTable;
import io.netanal.report.FlowRow;
import io.netanal.report.FlowsSection;
import io.netanal.report.NameRow;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The report's flows and names for one analysis: a {@link FlowTable} whose records are counted into the
 * {@code flows} section and, unless names are off, learnt into the {@code names} section; further listeners
 * (windows, detection) may be added before the first frame.
 *
 * <p>Owned by the thread that feeds the pipeline; {@link #flows()} and {@link #names()} are read by that thread or
 * after it finished.
 */
public final class FlowAnalysis implements FlowListener {
  private final FlowTable table;
  private final FlowSummary summary;
  private final NameTable names;
  /** Further listeners, as an array: a loop over a list makes an iterator per record (a flood's every packet). */
  private FlowListener[] listeners = new FlowListener[0];

  /**
   * @param top largest flows kept for the report
   * @param learnNames false for {@code --no-names}
   */
  public FlowAnalysis(FlowTableOptions options, int top, boolean learnNames, AppMetadata app) {
    this.summary = new FlowSummary(top);
    this.names = learnNames ? new NameTable() : null;
    this.table = new FlowTable(options, this, app);
  }

  /** Also hands every record to {@code listener}, after the report's own counting. */
  public FlowAnalysis listen(FlowListener listener) {
    listeners = Arrays.copyOf(listeners, listeners.length + 1);
    listeners[listeners.length - 1] = listener;
    return this;
  }

  /** The consumer to put in the frame pipeline. */
  public DecodedFrameConsumer consumer() {
    return table;
  }

  public FlowTable table() {
    return table;
  }

  @Override
  public void flowEnded(FlowRecord flow) {
    summary.flowEnded(flow);
    if (names != null) {
      names.flowEnded(flow);
    }
    for (int i = 0; i < listeners.length; i++) {
      listeners[i].flowEnded(flow);
    }
  }

  /**
   * As {@link #flowEnded(FlowRecord)}, from the flow table's view: the flow's record is made only when one of
   * them needs it (a flow the top list takes, one with names to learn, a listener that reads records).
   */
  @Override
  public void flowEnded(EndedFlow flow) {
    summary.flowEnded(flow);
    if (names != null && flow.hasApplicationMetadata()) {
      names.flowEnded(flow.record()); // names are learnt only from DNS, TLS and HTTP
    }
    for (int i = 0; i < listeners.length; i++) {
      listeners[i].flowEnded(flow);
    }
  }

  /** The report's {@code flows} so far. */
  public FlowsSection flows() {
    FlowSummary.Snapshot s = summary.snapshot(table.evicted());
    List<FlowRow> top = new ArrayList<>(s.top().size());
    for (FlowRecord f : s.top()) {
      top.add(FlowRow.of(f));
    }
    return new FlowsSection(s.total(), s.byState(), s.byService(), s.byEnd(), s.evicted(), top,
        table.openFlows());
  }

  /** The report's {@code names}, or null when names are off. */
  public List<NameRow> names() {
    if (names == null) {
      return null;
    }
    List<NameRow> rows = new ArrayList<>();
    for (NameTable.Entry e : names.entries()) {
      rows.add(new NameRow(e.address(), e.name(), e.source()));
    }
    return rows;
  }

  /** The learnt name of {@code address}, or null. */
  public String name(String address) {
    return names == null ? null : names.name(address);
  }
}
