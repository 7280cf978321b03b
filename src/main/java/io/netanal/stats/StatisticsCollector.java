package io.netanal.stats;

import java.util.List;

import io.netanal.decode.DecodedFrame;

/**
 * Counts decoded frames into every table of the report: summary, protocols, endpoints, conversations, bandwidth,
 * sizes, TCP flags and decode problems.
 *
 * <p>One thread records; {@link #snapshot(int)} copies the tables into immutable records and is called by the
 * recording thread (which publishes snapshots for other threads to read) or after recording has ended.
 * {@link #merge(StatisticsCollector)} is called by the owner of both collectors once the other has stopped
 * recording.
 *
 * <p>{@link #record} allocates nothing except when a table grows (amortised, and bounded: see
 * {@link EndpointTable}, {@link ConversationTable} and {@link BandwidthSeries} for the caps: about 67 MB of
 * tables, 2 MB of filters and heavy-hitter sketches, and at most 32 MB of bandwidth series when every table is
 * full). A full table keeps counting its rows exactly and costs about as much per frame as one with room: see
 * {@link CounterTable} and {@link HeavyHitters}.
 */
public final class StatisticsCollector {
  /** The endpoint and conversation tables' default cap, per address family. */
  public static final int DEFAULT_TABLE_ENTRIES = EndpointTable.DEFAULT_MAX_ENTRIES;

  private final SummaryCounter summary = new SummaryCounter();
  private final ProtocolCounter protocols = new ProtocolCounter();
  private final EndpointTable endpoints;
  private final ConversationTable conversations;
  private final Ipv4PairCache ipv4Pairs;
  private final BandwidthSeries bandwidth;
  private final SizeHistogram sizes = new SizeHistogram();
  private final TcpFlagCounter tcpFlags = new TcpFlagCounter();
  private final DecodeProblemCounter decodeProblems = new DecodeProblemCounter();

  /** Bandwidth at an automatic interval (one second, widened for long captures). */
  public StatisticsCollector() {
    this(BandwidthSeries.automatic(), EndpointTable.DEFAULT_MAX_ENTRIES, ConversationTable.DEFAULT_MAX_ENTRIES);
  }

  /**
   * Bandwidth every {@code intervalSeconds} (the CLI's {@code --interval}).
   *
   * @throws io.netanal.InvalidInputException when the interval is not a positive number of seconds
   */
  public StatisticsCollector(double intervalSeconds) {
    this(BandwidthSeries.every(intervalSeconds), EndpointTable.DEFAULT_MAX_ENTRIES,
        ConversationTable.DEFAULT_MAX_ENTRIES);
  }

  /**
   * A collector whose endpoint and conversation tables hold at most {@code maxEntriesPerFamily} rows per address
   * family ({@link #DEFAULT_TABLE_ENTRIES} by default): parallel workers take a share of the default so that
   * their tables together stay within the memory budget. Bandwidth every {@code intervalSeconds}, or at the
   * automatic interval when it is 0.
   *
   * @throws io.netanal.InvalidInputException when the interval is negative or not a number
   */
  public static StatisticsCollector bounded(double intervalSeconds, int maxEntriesPerFamily) {
    BandwidthSeries bandwidth = intervalSeconds == 0 ? BandwidthSeries.automatic()
        : BandwidthSeries.every(intervalSeconds);
    return new StatisticsCollector(bandwidth, maxEntriesPerFamily, maxEntriesPerFamily);
  }

  StatisticsCollector(BandwidthSeries bandwidth, int maxEndpointsPerFamily, int maxConversationsPerFamily) {
    this.bandwidth = bandwidth;
    this.endpoints = new EndpointTable(maxEndpointsPerFamily);
    this.conversations = new ConversationTable(maxConversationsPerFamily);
    this.ipv4Pairs = new Ipv4PairCache(endpoints, conversations);
  }

  /**
   * Counts one frame. {@code decoded} is read during the call only. Both lengths are unsigned 32-bit values, as
   * in pcap and pcapng: an original length of {@code 0x80000000} or more is a large length, not a negative one.
   */
  public void record(long timestampNanos, int capturedLength, int originalLength, DecodedFrame decoded) {
    long wireBytes = Integer.toUnsignedLong(originalLength);
    summary.record(timestampNanos, capturedLength, wireBytes);
    protocols.record(decoded.protocols(), wireBytes);
    if (decoded.ipCount() == 1 && decoded.ipVersion(0) == 4) {
      ipv4Pairs.record(decoded.ipv4Source(0), decoded.ipv4Destination(0), timestampNanos, wireBytes);
    } else if (decoded.ipCount() > 0) {
      endpoints.record(decoded, wireBytes);
      conversations.record(decoded, timestampNanos, wireBytes);
    }
    bandwidth.record(timestampNanos, wireBytes);
    sizes.record(wireBytes);
    tcpFlags.record(decoded.tcpFlags());
    decodeProblems.record(summary.packets(), decoded.status());
  }

  /**
   * Adds everything {@code other} counted, as if its frames had been recorded here after this one's: exactly so
   * when {@link #canAbsorb} says it is; otherwise totals stay exact, but which addresses get rows of full tables
   * (and the sketches' rows) may differ from one collector recording every frame.
   */
  public void merge(StatisticsCollector other) {
    decodeProblems.merge(other.decodeProblems, summary.packets());
    summary.merge(other.summary);
    protocols.merge(other.protocols);
    endpoints.merge(other.endpoints);
    conversations.merge(other.conversations);
    bandwidth.merge(other.bandwidth);
    sizes.merge(other.sizes);
    tcpFlags.merge(other.tcpFlags);
  }

  /**
   * Whether {@link #merge} of {@code other} gives exactly what one collector recording both collectors' frames
   * would: neither has turned an address or pair away into {@code other}, and {@code other}'s fit in the room
   * this one's tables have left. Otherwise the caller should record {@code other}'s frames here instead.
   */
  public boolean canAbsorb(StatisticsCollector other) {
    return endpoints.canAbsorb(other.endpoints) && conversations.canAbsorb(other.conversations);
  }

  /** Whether a table was full and counted an address or pair in {@code other} (cheap; for the recording thread). */
  public boolean overflowed() {
    return endpoints.overflowed() || conversations.overflowed();
  }

  /**
   * The tables without the endpoint and conversation rows (their totals say how many there are, all counted as
   * omitted): what a live status line needs, at a cost that does not grow with the number of addresses, so a
   * flood of spoofed addresses cannot make the recording thread fall behind while it publishes status.
   */
  public StatisticsSnapshot statusSnapshot() {
    long endpointRows = endpoints.rowCount();
    long conversationRows = conversations.rowCount();
    return new StatisticsSnapshot(summary.snapshot(), protocols.snapshot(), List.of(), endpointRows, endpointRows,
        List.of(), conversationRows, conversationRows, bandwidth.snapshot(), sizes.snapshot(),
        tcpFlags.snapshot(), decodeProblems.snapshot());
  }

  /** The tables so far, endpoints and conversations cut to the {@code top} first rows ({@code top <= 0}: all). */
  public StatisticsSnapshot snapshot(int top) {
    TopRows<Endpoint> endpointRows = endpoints.snapshot(top);
    TopRows<Conversation> conversationRows = conversations.snapshot(top);
    return new StatisticsSnapshot(summary.snapshot(), protocols.snapshot(), endpointRows.rows(),
        endpointRows.total(), endpointRows.omitted(), conversationRows.rows(), conversationRows.total(),
        conversationRows.omitted(), bandwidth.snapshot(), sizes.snapshot(), tcpFlags.snapshot(),
        decodeProblems.snapshot());
  }

  /** Bytes held by the endpoint and conversation tables, for benchmarks and memory checks. */
  long tableMemoryBytes() {
    return endpoints.memoryBytes() + conversations.memoryBytes();
  }
}
