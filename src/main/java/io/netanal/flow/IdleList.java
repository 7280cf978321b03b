package io.netanal.flow;

/**
 * Flows with one idle timeout, least recently active first: a packet moves its flow to the tail, so the head is
 * always the next to time out and, over all lists, the longest idle is one of the heads.
 *
 * <p>Intrusive (the links live in {@link Flow}), so moving a flow allocates nothing. Owned by the flow table's thread.
 */
final class IdleList {
  final int id;
  final long timeoutNanos;
  Flow head;
  private Flow tail;

  IdleList(int id, long timeoutNanos) {
    this.id = id;
    this.timeoutNanos = timeoutNanos;
  }

  void addLast(Flow flow) {
    flow.list = id;
    flow.previous = tail;
    flow.next = null;
    if (tail == null) {
      head = flow;
    } else {
      tail.next = flow;
    }
    tail = flow;
  }

  void remove(Flow flow) {
    if (flow.previous == null) {
      head = flow.next;
    } else {
      flow.previous.next = flow.next;
    }
    if (flow.next == null) {
      tail = flow.previous;
    } else {
      flow.next.previous = flow.previous;
    }
    flow.previous = null;
    flow.next = null;
  }

  void touch(Flow flow) {
    if (tail != flow) {
      remove(flow);
      addLast(flow);
    }
  }

  /** The head, when it has been idle longer than the timeout at {@code now}; else null. */
  Flow expired(long now) {
    Flow h = head;
    return h != null && now - h.lastTs > timeoutNanos ? h : null;
  }
}
