package io.netanal.window;

import static io.netanal.window.TrafficTable.*;

import io.netanal.frame.TimestampFormat;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A window that just closed, read in place: its table's rows by index, with the values of the
 * {@code netanal.window/1} record of each row as primitives, and the {@link ClosedWindow} of records built only
 * when someone asks for it. Detectors read a few numbers of every row of every window; records and address text
 * are for the rows and windows that are printed or stored.
 *
 * <p>A flyweight owned by the aggregator's thread, valid only during {@link WindowRowsListener#windowClosed}: the
 * aggregator reuses it and clears its table afterwards. {@link #closedWindow()} is an immutable value that may be
 * kept. Each accessor returns exactly the field of the same name in the row's {@link WindowRecord}.
 */
public final class WindowRows {
  private static final String OTHER = "other";

  private final AddressNames names;
  private TrafficTable table;
  /** Set instead of {@link #table} for a view of records already made ({@link #of(ClosedWindow)}). */
  private List<WindowRecord> records;
  /** The records' addresses as the table's two longs, made once with the view. */
  private long[] recordHigh;
  private long[] recordLow;
  private String label;
  private long startNanos;
  private long sizeNanos;
  private ClosedWindow closed;
  private int[] scratch = new int[0];
  /** The rows of {@link #closedWindow()} in record order, reused. */
  private int[] order = new int[0];
  /** Per row being sorted, its packets sent and received (the sort's keys). */
  private long[] sentKey = new long[0];
  private long[] receivedKey = new long[0];

  WindowRows(AddressNames names) {
    this.names = names;
  }

  /**
   * A view of a closed window's records, for code that has records rather than a live table: the collector,
   * which merges what several sensors' windows saw of one victim and runs the detectors on the merged records.
   * Row {@code r} is record {@code r}, so the rows are already in the records' order.
   */
  public static WindowRows of(ClosedWindow window) {
    WindowRows view = new WindowRows(null);
    view.records = window.records();
    view.recordHigh = new long[view.records.size()];
    view.recordLow = new long[view.records.size()];
    for (int r = 0; r < view.records.size(); r++) {
      view.recordKey(r);
    }
    view.closed = window;
    view.label = window.window();
    view.startNanos = window.startNanos();
    view.sizeNanos = window.endNanos() - window.startNanos();
    return view;
  }

  /** Points this view at a table that has just closed. */
  void reset(TrafficTable table, long sizeNanos, long startNanos) {
    this.table = table;
    this.sizeNanos = sizeNanos;
    this.startNanos = startNanos;
    this.label = WindowSizes.label(sizeNanos);
    this.closed = null;
  }

  /** The window's records, built (and sorted) on the first call for this window. */
  public ClosedWindow closedWindow() {
    if (closed == null) {
      if (!table.keepsRecords()) {
        throw new IllegalStateException("window records: the aggregator keeps only what detection reads "
            + "(expected: WindowAggregator.inPlace for records)");
      }
      String startText = TimestampFormat.format(startNanos);
      String endText = TimestampFormat.format(endNanos());
      double seconds = seconds();
      // Rows sorted by their numbers (the text only for ties), then made into records in that order: a comparator
      // over records would read each record's fields through calls, and compare texts more often.
      int n = table.rows();
      if (order.length < n) {
        order = new int[Math.max(n, 2 * order.length)];
      }
      for (int r = 0; r < n; r++) {
        order[r] = r;
      }
      sortInRecordOrder(order, n);
      List<WindowRecord> records = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        records.add(WindowRecords.of(table, order[i], label, startText, endText, seconds, names));
      }
      closed = new ClosedWindow(label, startNanos, endNanos(), records, table.overflowPackets(),
          table.saturatedCounts());
    }
    return closed;
  }

  /**
   * Sorts {@code rows[0, count)} (row indices) into the order of {@link ClosedWindow#records()}: packets sent,
   * then received (both descending), then address text. Stable merge sort; addresses are unique, so the order is
   * total and the same as the records'.
   */
  public void sortInRecordOrder(int[] rows, int count) {
    if (records != null) {
      Arrays.sort(rows, 0, count);
      return;
    }
    if (scratch.length < count) {
      scratch = new int[Math.max(count, 2 * scratch.length)];
    }
    int n = table.rows();
    if (sentKey.length < n) {
      sentKey = new long[Math.max(n, 2 * sentKey.length)];
      receivedKey = new long[sentKey.length];
    }
    for (int i = 0; i < count; i++) { // the numbers compared, read from the table once per row, not per comparison
      int r = rows[i];
      sentKey[r] = table.get(PACKETS, r);
      receivedKey[r] = table.get(R_PACKETS, r);
    }
    mergeSort(rows, scratch, 0, count);
  }

  private void mergeSort(int[] a, int[] tmp, int from, int to) {
    if (to - from < 2) {
      return;
    }
    int mid = (from + to) >>> 1;
    mergeSort(a, tmp, from, mid);
    mergeSort(a, tmp, mid, to);
    if (compare(a[mid - 1], a[mid]) <= 0) {
      return;
    }
    System.arraycopy(a, from, tmp, from, to - from);
    int i = from;
    int j = mid;
    for (int k = from; k < to; k++) {
      if (j >= to || (i < mid && compare(tmp[i], tmp[j]) <= 0)) {
        a[k] = tmp[i++];
      } else {
        a[k] = tmp[j++];
      }
    }
  }

  private int compare(int a, int b) {
    long sa = sentKey[a];
    long sb = sentKey[b];
    if (sa != sb) {
      return sa > sb ? -1 : 1;
    }
    long ra = receivedKey[a];
    long rb = receivedKey[b];
    if (ra != rb) {
      return ra > rb ? -1 : 1;
    }
    return address(a).compareTo(address(b));
  }

  public String window() {
    return label;
  }

  public long startNanos() {
    return startNanos;
  }

  public long endNanos() {
    return startNanos + sizeNanos;
  }

  public double seconds() {
    return sizeNanos / 1e9;
  }

  public int rows() {
    return records != null ? records.size() : table.rows();
  }

  /** Whether row {@code r} is the {@code other} row of the addresses past the table's cap. */
  public boolean isOther(int r) {
    return records != null ? OTHER.equals(records.get(r).address()) : table.isOther(r);
  }

  public String address(int r) {
    if (records != null) {
      return records.get(r).address();
    }
    return table.isOther(r) ? OTHER : table.addressText(r, names);
  }

  /** The row's address as two longs (IPv4 as {@code ::ffff:a.b.c.d}); zeros for the {@code other} row. */
  public long addressHigh(int r) {
    return records != null ? recordHigh[r] : table.high(r);
  }

  public long addressLow(int r) {
    return records != null ? recordLow[r] : table.low(r);
  }

  /**
   * A record's address as the table's two longs: parsed when it is an address literal (IPv4 mapped as the table
   * maps it), else (a name the record was written with) two independent hashes of its text, which keep distinct
   * texts apart as the table's keys keep distinct addresses apart.
   */
  private void recordKey(int r) {
    String text = records.get(r).address();
    if (OTHER.equals(text)) {
      return; // zeros, as the table's 'other' row
    }
    if (text.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':')) {
      try {
        byte[] b = InetAddress.getByName(text).getAddress(); // a literal: no lookup
        ByteBuffer bb = ByteBuffer.wrap(b);
        if (b.length == 4) {
          recordLow[r] = AddressKeys.ipv4(bb.getInt());
        } else {
          recordHigh[r] = bb.getLong();
          recordLow[r] = bb.getLong();
        }
        return;
      } catch (UnknownHostException e) {
        // not a literal after all: hashed below
      }
    }
    long h = 1125899906842597L;
    for (int i = 0; i < text.length(); i++) {
      h = 31 * h + text.charAt(i);
    }
    recordHigh[r] = Long.MIN_VALUE | text.hashCode();
    recordLow[r] = h;
  }

  public long packets(int r) {
    return records != null ? records.get(r).packets() : table.get(PACKETS, r);
  }

  public long bytes(int r) {
    return records != null ? records.get(r).bytes() : table.get(BYTES, r);
  }

  public long flowsStarted(int r) {
    return records != null ? records.get(r).flowsStarted() : table.get(FLOWS, r);
  }

  public long tcpSyn(int r) {
    return records != null ? records.get(r).tcpSyn() : table.get(TCP_SYN, r);
  }

  public long udpPackets(int r) {
    return records != null ? records.get(r).udpPackets() : table.get(UDP, r);
  }

  public long icmpPackets(int r) {
    return records != null ? records.get(r).icmpPackets() : table.get(ICMP, r);
  }

  public long dnsQueries(int r) {
    return records != null ? records.get(r).dnsQueries() : table.get(DNS_QUERIES, r);
  }

  public long dnsQueryBytes(int r) {
    return records != null ? records.get(r).dnsQueryBytes() : table.get(DNS_QUERY_BYTES, r);
  }

  public long icmpEchoRequests(int r) {
    return records != null ? records.get(r).icmpEchoRequests() : table.get(ICMP_ECHO, r);
  }

  public long probes(int r) {
    return records != null ? records.get(r).probes() : table.get(PROBES, r);
  }

  public long packetsReceived(int r) {
    return records != null ? records.get(r).packetsReceived() : table.get(R_PACKETS, r);
  }

  public long tcpSynReceived(int r) {
    return records != null ? records.get(r).tcpSynReceived() : table.get(R_SYN, r);
  }

  public long tcpSynAckReceived(int r) {
    return records != null ? records.get(r).tcpSynAckReceived() : table.get(R_SYN_ACK, r);
  }

  public long tcpRstReceived(int r) {
    return records != null ? records.get(r).tcpRstReceived() : table.get(R_RST, r);
  }

  public long tcpAckReceived(int r) {
    return records != null ? records.get(r).tcpAckReceived() : table.get(R_ACK, r);
  }

  public long udpReceived(int r) {
    return records != null ? records.get(r).udpReceived() : table.get(R_UDP, r);
  }

  public long icmpReceived(int r) {
    return records != null ? records.get(r).icmpReceived() : table.get(R_ICMP, r);
  }

  public long icmpErrorsReceived(int r) {
    return records != null ? records.get(r).icmpErrorsReceived() : table.get(R_ICMP_ERRORS, r);
  }

  public long icmpUnreachableReceived(int r) {
    return records != null ? records.get(r).icmpUnreachableReceived() : table.get(R_ICMP_UNREACHABLE, r);
  }

  public long icmpEchoRepliesReceived(int r) {
    return records != null ? records.get(r).icmpEchoRepliesReceived() : table.get(R_ICMP_ECHO_REPLY, r);
  }

  public long dnsResponsesReceived(int r) {
    return records != null ? records.get(r).dnsResponsesReceived() : table.get(R_DNS_RESPONSES, r);
  }

  public long dnsResponseBytesReceived(int r) {
    return records != null ? records.get(r).dnsResponseBytesReceived() : table.get(R_DNS_RESPONSE_BYTES, r);
  }

  public long distinctSources(int r) {
    return records != null ? records.get(r).distinctSources() : table.distinctCount(SOURCES, r);
  }

  public long distinctProbeAddresses(int r) {
    return records != null ? records.get(r).distinctProbeAddresses() : table.distinctCount(PROBE_ADDRESSES, r);
  }

  public long distinctProbePorts(int r) {
    return records != null ? records.get(r).distinctProbePorts() : table.distinctCount(PROBE_PORTS, r);
  }

  public long distinctRespondents(int r) {
    return records != null ? records.get(r).distinctRespondents() : table.distinctCount(RESPONDENTS, r);
  }

  /** The majority candidate among the row's probe targets, or null when it probed nothing. */
  public String topProbeTarget(int r) {
    if (records != null) {
      return records.get(r).topProbeTarget();
    }
    return topProbeTargetVotes(r) == 0 ? null
        : names.format(table.get(TOP_TARGET_HIGH, r), table.get(TOP_TARGET_LOW, r));
  }

  public long topProbeTargetVotes(int r) {
    return records != null ? records.get(r).topProbeTargetVotes() : table.get(TOP_TARGET_VOTES, r);
  }

  /** The majority candidate among the row's probed ports; -1 for ICMP or when it probed nothing. */
  public int topProbePort(int r) {
    if (records != null) {
      return records.get(r).topProbePort();
    }
    return table.get(TOP_PORT_VOTES, r) == 0 ? -1 : (int) table.get(TOP_PORT, r);
  }

  /** The majority candidate among the senders of what the row's address received, or null. */
  public String topSource(int r) {
    if (records != null) {
      return records.get(r).topSource();
    }
    return table.get(TOP_SOURCE_VOTES, r) == 0 ? null
        : names.format(table.get(TOP_SOURCE_HIGH, r), table.get(TOP_SOURCE_LOW, r));
  }

  /** As {@link WindowRecord#unansweredProbes()}. */
  public long unansweredProbes(int r) {
    return Math.max(0, probes(r) - tcpSynAckReceived(r) - icmpEchoRepliesReceived(r) - udpReceived(r));
  }

  /** As {@link WindowRecord#unansweredTargets()}. */
  public long unansweredTargets(int r) {
    return Math.max(0, distinctProbeAddresses(r) - distinctRespondents(r));
  }

  /** As {@link WindowRecord#refusals()}. */
  public long refusals(int r) {
    return tcpRstReceived(r) + icmpUnreachableReceived(r);
  }

  @Override
  public String toString() {
    return label + " window at " + startNanos + ": " + (table == null && records == null ? 0 : rows()) + " rows";
  }
}
