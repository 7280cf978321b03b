package io.netanal.window;

/**
 * One address's traffic in one window, {@code netanal.window/1} (DESIGN.md section 6): what the address sent, what
 * it received (for victim-side detectors), and its probes. The component names are the JSON and CSV contract.
 *
 * <p>An immutable value made when a window closes, off the per-packet path. Definitions where they are not
 * obvious:
 * <ul>
 *   <li>{@code bytes} are wire (original) lengths, as in the report; sizes and rates follow from them.
 *   <li>{@code interArrival*} are over the gaps between this address's packets inside the window (a 30 s window
 *       adds up its 5 s windows' gaps, without the gaps across their boundaries).
 *   <li>{@code flowsStarted} counts TCP connection attempts opened (SYN without ACK, each retry again), and
 *       {@code flowsFailed} those not answered by a SYN-ACK in the window (refused or unanswered), as Zeek's
 *       scan policy counts failed attempts; {@code rttMeanMillis} (null when unknown) and {@code retransmissions}
 *       come from the flow records the aggregator is fed, attributed to the window of each flow's start.
 *   <li>{@code probes}: TCP SYNs without ACK, UDP datagrams to a lower port than their source port (client to
 *       service), ICMP/ICMPv6 echo requests; {@code topProbeTarget} and {@code topProbePort} are the majority
 *       candidates of a Boyer-Moore vote (exactly the majority when one exists), {@code -1} as port for ICMP; {@code topSource} is the same vote
 *       over the senders of what the address received.
 *   <li>{@code distinctRespondents}: addresses that answered this one (SYN-ACK, echo reply, UDP from a lower
 *       port), so {@link #unansweredTargets()} estimates the probed addresses that never answered.
 *   <li>Distinct counts are exact up to 16 and HyperLogLog estimates (about 3.3% standard error) beyond.
 *   <li>{@code address} is {@code "other"} for the row that holds addresses past the table's cap.
 * </ul>
 */
public record WindowRecord(String schema, String window, String start, String end, String address,
    long packets, long bytes, double packetsPerSecond, double bitsPerSecond, double meanSize, double stdSize,
    double interArrivalMeanMillis, double interArrivalStdMillis, long distinctDstAddresses, long distinctDstPorts,
    long flowsStarted, long flowsFailed, long tcpSyn, long tcpSynAck, long tcpRst, long tcpFin, long udpPackets,
    long icmpPackets, long icmpUnreachable, long dnsQueries, long dnsResponses, long dnsResponseBytes,
    Double rttMeanMillis, long retransmissions,
    long packetsReceived, long bytesReceived, long distinctSources, long tcpSynReceived, long tcpSynAckReceived,
    long tcpRstReceived, long tcpAckReceived, long udpReceived, long icmpReceived, long icmpErrorsReceived, long icmpUnreachableReceived,
    long icmpEchoRepliesReceived, long dnsResponsesReceived, long dnsResponseBytesReceived,
    long dnsQueryBytes, long icmpEchoRequests, long probes, long distinctProbeAddresses, long distinctProbePorts,
    long distinctRespondents, String topProbeTarget, long topProbeTargetVotes, int topProbePort, long topProbePortVotes, String topSource,
    long topSourceVotes) {

  public static final String SCHEMA = "netanal.window/1";

  /** Probes that got no sign of an open service back: SYNs without a SYN-ACK, echo requests without a reply. */
  public long unansweredProbes() {
    return Math.max(0, probes - tcpSynAckReceived - icmpEchoRepliesReceived - udpReceived);
  }

  /** Probed addresses that never answered in the window (Zeek counts failed attempts per victim). */
  public long unansweredTargets() {
    return Math.max(0, distinctProbeAddresses - distinctRespondents);
  }

  /** Refusals received: TCP resets and ICMP unreachables. */
  public long refusals() {
    return tcpRstReceived + icmpUnreachableReceived;
  }
}
