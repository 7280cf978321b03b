package io.netanal.flow;

/**
 * Receives each flow record as its flow ends (or, in live mode, at each active-timeout interim record), in the order
 * the flow table ends them; called on the thread that feeds the flow table.
 */
@FunctionalInterface
public interface FlowListener {
  void flowEnded(FlowRecord flow);
}
