package io.netanal.serve;

import io.netanal.flow.FlowListener;
import io.netanal.flow.FlowRecord;
import io.netanal.store.FlowRow;
import java.util.ArrayList;
import java.util.List;

/**
 * The flow records of one upload as store rows, at most {@code cap} of them (the memory one request may hold);
 * the records past the cap are counted, not kept. Owned by the thread that decodes the upload.
 */
final class FlowRows implements FlowListener {
  private final int cap;
  private final List<FlowRow> rows = new ArrayList<>();
  private long omitted;

  FlowRows(int cap) {
    this.cap = cap;
  }

  @Override
  public void flowEnded(FlowRecord flow) {
    if (rows.size() >= cap) {
      omitted++;
      return;
    }
    rows.add(new FlowRow(flow.tsNanos(), flow.lastTsNanos(), flow.proto(), flow.origAddress(), flow.origPort(),
        flow.respAddress(), flow.respPort(), flow.packets(), flow.ipBytes(), flow.state()));
  }

  List<FlowRow> rows() {
    return rows;
  }

  long omitted() {
    return omitted;
  }
}
