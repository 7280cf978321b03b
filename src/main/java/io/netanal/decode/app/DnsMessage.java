package io.netanal.decode.app;

import java.util.List;

/**
 * One DNS message (RFC 1035; mDNS and LLMNR share the format) as {@link DnsParser} read it.
 *
 * @param id the transaction ID
 * @param response the QR bit
 * @param opcode 0 QUERY, 4 NOTIFY, 5 UPDATE, ...
 * @param rcode the header's response code (0 NOERROR, 2 SERVFAIL, 3 NXDOMAIN, ...)
 * @param truncated the TC bit: the sender cut the message to fit (not that the capture cut it; see
 *     {@code complete})
 * @param query the first question's name, lowercase, without the trailing dot ({@code ""} for the root), or
 *     null when the message has no readable question (an mDNS announcement, say)
 * @param qtype the first question's type (1 A, 28 AAAA, 12 PTR, ...), or -1 without a question
 * @param questions every question's name in order (the first is {@code query}), at most
 *     {@link DnsParser#MAX_QUESTIONS} (the first alone when parsed for {@link Detail#FLOW})
 * @param answers the answer section's A and AAAA addresses as text, and CNAME and PTR target names, in order,
 *     at most {@link DnsParser#MAX_ANSWERS}; other record types are skipped
 * @param addresses the A and AAAA answers alone (also in {@code answers}): the addresses {@code query} resolves
 *     to, which is what a map from addresses to names needs
 * @param complete false when the question or answer section ended early: cut by the end of the segment (or the
 *     TCP length prefix's message not all in this segment) or malformed (a bad name); what came before is kept
 */
public record DnsMessage(int id, boolean response, int opcode, int rcode, boolean truncated, String query,
    int qtype, List<String> questions, List<String> answers, List<String> addresses, boolean complete)
    implements AppMessage {

  public DnsMessage {
    questions = List.copyOf(questions);
    answers = List.copyOf(answers);
    addresses = List.copyOf(addresses);
  }
}
