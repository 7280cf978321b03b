package io.netanal.stats;

import java.util.List;

/**
 * An immutable copy of everything a {@link StatisticsCollector} has counted: the statistics parts of the
 * report ({@code netanal.report/1}, DESIGN.md section 2). Tables are already sorted and cut to the requested top
 * N; {@code endpointsTotal}/{@code endpointsOmitted} say how many rows there were and how many the cut left out.
 */
public record StatisticsSnapshot(Summary summary, List<ProtocolCount> protocols, List<Endpoint> endpoints,
    long endpointsTotal, long endpointsOmitted, List<Conversation> conversations, long conversationsTotal,
    long conversationsOmitted, Bandwidth bandwidth, List<SizeBucket> sizes, TcpFlags tcpFlags,
    DecodeProblems decode) {}
