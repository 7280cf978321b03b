package io.netanal.flow;

/**
 * Receives each flow record as its flow ends (or, in live mode, at each active-timeout interim record), in the order
 * the flow table ends them; called on the thread that feeds the flow table.
 */
@FunctionalInterface
public interface FlowListener {
  void flowEnded(FlowRecord flow);

  /**
   * How the {@link FlowTable} hands on an ended flow: a view valid only during this call. By default its record;
   * a listener that reads only a few numbers of most flows overrides this, so that their records are never made.
   */
  default void flowEnded(EndedFlow flow) {
    flowEnded(flow.record());
  }
}
