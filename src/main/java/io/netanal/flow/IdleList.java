package io.netanal.flow;

/**
 * Flows with one idle timeout, least recently active first: a packet moves its flow to the tail, so the head is
 * always the next to time out and, over all lists, the longest idle is one of the heads.
 *
 * <p>Intrusive (the links live in {@link Flow}), so moving a flow allocates nothing. The links are the flows'
 * {@link FlowIndex} ids, not references: the flows live long (in the old generation), and every reference stored
 * into one marks its card dirty, which the next young collection then scans. Under a flood every flow of the
 * table moves between two young collections, and with reference links each collection scanned the whole table
 * (about 50 MB). The head's last activity is kept here too: the table asks every list whether its head expired on
 * each new timestamp, and the head is the coldest flow of all, whose object would mostly be a cache miss. Owned
 * by the flow table's thread.
 */
final class IdleList {
  final int id;
  final long timeoutNanos;
  Flow head;
  private Flow tail;
  /** Resolves the links. */
  private final FlowIndex index;
  /** {@code head.lastTs}, as of the last change of the head or its activity. */
  private long headLastTs;
  private final Deadlines deadlines;

  /**
   * The earliest time at which any of a table's lists may hold an expired head: a lower bound the lists lower
   * whenever a head or its activity changes, and the table resets to the exact value each time it asks them. Until
   * the clock passes it, no list need be asked (the table would ask all of them on every new timestamp).
   */
  static final class Deadlines {
    private long earliest = Long.MAX_VALUE;

    /** Whether a list may hold an expired head at {@code now}. */
    boolean passed(long now) {
      return now > earliest;
    }

    /** After asking every list: the exact earliest deadline of their heads. */
    void reset(IdleList[] lists) {
      long min = Long.MAX_VALUE;
      for (IdleList list : lists) {
        if (list.head != null) {
          min = Math.min(min, list.deadline());
        }
      }
      earliest = min;
    }

    void atMost(long deadline) {
      if (deadline < earliest) {
        earliest = deadline;
      }
    }
  }

  IdleList(int id, long timeoutNanos, Deadlines deadlines, FlowIndex index) {
    this.id = id;
    this.index = index;
    this.timeoutNanos = timeoutNanos;
    this.deadlines = deadlines;
  }

  /**
   * When the head expires (the lists' test is {@code now - headLastTs > timeout}); a sum past {@code Long.MAX_VALUE}
   * wraps to a small value, which only makes the table ask sooner.
   */
  private long deadline() {
    return headLastTs + timeoutNanos;
  }

  private void headLastTs(long lastTs) {
    headLastTs = lastTs;
    deadlines.atMost(deadline());
  }

  void addLast(Flow flow) {
    flow.list = id;
    flow.previous = tail == null ? Flow.NO_LINK : tail.id;
    flow.next = Flow.NO_LINK;
    if (tail == null) {
      head = flow;
      headLastTs(flow.lastTs);
    } else {
      tail.next = flow.id;
    }
    tail = flow;
  }

  void remove(Flow flow) {
    Flow previous = flow.previous == Flow.NO_LINK ? null : index.flow(flow.previous);
    Flow next = flow.next == Flow.NO_LINK ? null : index.flow(flow.next);
    if (previous == null) {
      head = next;
      if (head != null) {
        headLastTs(head.lastTs);
      }
    } else {
      previous.next = flow.next;
    }
    if (next == null) {
      tail = previous;
    } else {
      next.previous = flow.previous;
    }
    flow.previous = Flow.NO_LINK;
    flow.next = Flow.NO_LINK;
  }

  /** The flow after {@code flow} in its list, or null. */
  Flow next(Flow flow) {
    return flow.next == Flow.NO_LINK ? null : index.flow(flow.next);
  }

  /** Moves a flow whose {@code lastTs} just advanced to the tail. */
  void touch(Flow flow) {
    if (tail != flow) {
      remove(flow);
      addLast(flow);
    } else if (head == flow) {
      headLastTs(flow.lastTs); // alone in the list: it stays the head, with a new time
    }
  }

  /** The head, when it has been idle longer than the timeout at {@code now}; else null. */
  Flow expired(long now) {
    return head != null && now - headLastTs > timeoutNanos ? head : null;
  }
}
