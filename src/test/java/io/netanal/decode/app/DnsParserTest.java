package io.netanal.decode.app;

import static io.netanal.decode.app.Payloads.bytes;
import static io.netanal.decode.app.Payloads.cut;
import static io.netanal.decode.app.Payloads.dns;
import static io.netanal.decode.app.Payloads.hexOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DnsParserTest {
  /** A query for www.example.com A, as dig sends it. */
  static final byte[] QUERY = bytes(
      "1234", // ID
      "0100", // flags: query, opcode 0, RD
      "0001", // QDCOUNT 1
      "0000", // ANCOUNT
      "0000", // NSCOUNT
      "0000", // ARCOUNT
      name("www.example.com"), // QNAME
      "0001", // QTYPE A
      "0001"); // QCLASS IN

  /** The answer to {@link #QUERY} through a CNAME chain, every name after the question compressed. */
  static final byte[] CNAME_CHAIN_RESPONSE = bytes(
      "1234", // ID
      "8180", // flags: response, RD, RA, NOERROR
      "0001", // QDCOUNT 1
      "0003", // ANCOUNT 3
      "0000", // NSCOUNT
      "0000", // ARCOUNT
      name("www.example.com"), // QNAME at offset 12
      "0001", // QTYPE A
      "0001", // QCLASS IN
      "c00c", // NAME: pointer to offset 12 (www.example.com)
      "0005", // TYPE CNAME
      "0001", // CLASS IN
      "00000e10", // TTL 3600
      "000e", // RDLENGTH 14
      "03" + hexOf("cdn") + "07" + hexOf("example") + "c018", // RDATA at 45: cdn.example, pointer to "com" at 24
      "c02d", // NAME: pointer to offset 45 (the CNAME target above)
      "0005", // TYPE CNAME
      "0001", // CLASS IN
      "0000012c", // TTL 300
      "0007", // RDLENGTH 7
      "04" + hexOf("edge") + "c02d", // RDATA at 71: edge, pointer to offset 45
      "c047", // NAME: pointer to offset 71 (edge.cdn.example.com)
      "0001", // TYPE A
      "0001", // CLASS IN
      "0000003c", // TTL 60
      "0004", // RDLENGTH 4
      "5db8d822"); // 93.184.216.34

  @Test
  void shouldReadQuery() {
    DnsMessage message = dns(QUERY, false);

    assertThat(message).isEqualTo(new DnsMessage(0x1234, false, 0, 0, false, "www.example.com", 1,
        List.of("www.example.com"), List.of(), List.of(), true));
  }

  @Test
  void shouldFollowCompressionPointersThroughCnameChain() {
    DnsMessage message = dns(CNAME_CHAIN_RESPONSE, false);

    assertThat(message.response()).isTrue();
    assertThat(message.rcode()).isZero();
    assertThat(message.query()).isEqualTo("www.example.com");
    assertThat(message.answers()).containsExactly("cdn.example.com", "edge.cdn.example.com", "93.184.216.34");
    assertThat(message.addresses()).containsExactly("93.184.216.34");
    assertThat(message.complete()).isTrue();
  }

  @Test
  void shouldWriteAaaaAnswerAsRfc5952Text() {
    DnsMessage message = dns(bytes(
        "beef", // ID
        "8180", // flags: response, NOERROR
        "0001", // QDCOUNT
        "0001", // ANCOUNT
        "0000", // NSCOUNT
        "0000", // ARCOUNT
        name("IPv6.Example.COM"), // QNAME, mixed case
        "001c", // QTYPE AAAA
        "0001", // QCLASS IN
        "c00c", // NAME: pointer to the question
        "001c", // TYPE AAAA
        "0001", // CLASS IN
        "00000e10", // TTL
        "0010", // RDLENGTH 16
        "20010db8000000000000000000000001"), false); // 2001:db8::1

    assertThat(message.query()).isEqualTo("ipv6.example.com");
    assertThat(message.qtype()).isEqualTo(28);
    assertThat(message.answers()).containsExactly("2001:db8::1");
  }

  @Test
  void shouldReadNxdomainWithoutAnswers() {
    DnsMessage message = dns(bytes(
        "0042", // ID
        "8183", // flags: response, RD, RA, rcode 3 NXDOMAIN
        "0001", // QDCOUNT
        "0000", // ANCOUNT
        "0001", // NSCOUNT: an SOA record, not read
        "0000", // ARCOUNT
        name("nosuch.example"), // QNAME
        "0001", // QTYPE A
        "0001", // QCLASS IN
        "c013", // NAME: pointer to "example"
        "0006", // TYPE SOA
        "0001", // CLASS IN
        "00000384", // TTL
        "0002", // RDLENGTH (nonsense, never read)
        "0000"), false); // RDATA

    assertThat(message.rcode()).isEqualTo(3);
    assertThat(message.answers()).isEmpty();
    assertThat(message.complete()).isTrue();
  }

  @Test
  void shouldReadPtrAnswer() {
    DnsMessage message = dns(bytes(
        "0007", // ID
        "8400", // flags: response, AA
        "0001", // QDCOUNT
        "0001", // ANCOUNT
        "0000", // NSCOUNT
        "0000", // ARCOUNT
        name("1.2.0.192.in-addr.arpa"), // QNAME
        "000c", // QTYPE PTR
        "0001", // QCLASS IN
        "c00c", // NAME: pointer to the question
        "000c", // TYPE PTR
        "0001", // CLASS IN
        "00000e10", // TTL
        "000b", // RDLENGTH 11
        name("host.test")), false); // PTRDNAME

    assertThat(message.answers()).containsExactly("host.test");
    assertThat(message.addresses()).isEmpty();
  }

  @Test
  void shouldReadMessageAfterTcpLengthPrefix() {
    byte[] framed = new byte[QUERY.length + 2];
    framed[1] = (byte) QUERY.length; // 2-byte length prefix (RFC 1035 4.2.2)
    System.arraycopy(QUERY, 0, framed, 2, QUERY.length);

    DnsMessage message = dns(framed, true);

    assertThat(message.query()).isEqualTo("www.example.com");
    assertThat(message.complete()).isTrue();
  }

  @Test
  void shouldMarkTcpMessageLongerThanSegmentIncomplete() {
    byte[] framed = new byte[QUERY.length + 2];
    framed[0] = 0x01; // length 256 + QUERY.length: the rest is in the next segment
    framed[1] = (byte) QUERY.length;
    System.arraycopy(QUERY, 0, framed, 2, QUERY.length);

    DnsMessage message = dns(framed, true);

    assertThat(message.query()).isEqualTo("www.example.com");
    assertThat(message.complete()).isFalse();
  }

  @Test
  void shouldNotReadTcpLengthPrefixOverUdp() {
    byte[] framed = new byte[QUERY.length + 2];
    framed[1] = (byte) QUERY.length;
    System.arraycopy(QUERY, 0, framed, 2, QUERY.length);

    DnsMessage message = dns(framed, false);

    assertThat(message.id()).isEqualTo(QUERY.length); // the prefix read as the ID: garbage in, garbage out
    assertThat(message.complete()).isFalse();
  }

  @Test
  void shouldReturnNullWhenShorterThanHeader() {
    assertThat(dns(cut(QUERY, 11), false)).isNull();
    assertThat(dns(bytes("000b", "1234"), true)).isNull(); // length 11 < header
    assertThat(dns(bytes("0002", "1234", "0100", "0001", "0000", "0000", "0000"), true)).isNull(); // length 2
  }

  @Test
  void shouldKeepHeaderWhenQuestionCutByCapture() {
    DnsMessage message = dns(cut(QUERY, 20), false);

    assertThat(message.id()).isEqualTo(0x1234);
    assertThat(message.query()).isNull();
    assertThat(message.qtype()).isEqualTo(-1);
    assertThat(message.complete()).isFalse();
  }

  @Test
  void shouldKeepQuestionWhenAnswerCut() {
    DnsMessage message = dns(cut(CNAME_CHAIN_RESPONSE, CNAME_CHAIN_RESPONSE.length - 2), false);

    assertThat(message.query()).isEqualTo("www.example.com");
    assertThat(message.answers()).containsExactly("cdn.example.com", "edge.cdn.example.com");
    assertThat(message.complete()).isFalse();
  }

  @Test
  void shouldEndPointerLoopAsMalformed() {
    DnsMessage message = dns(bytes(
        "0001", // ID
        "0000", // flags
        "0001", // QDCOUNT
        "0000", "0000", "0000", // ANCOUNT, NSCOUNT, ARCOUNT
        "01" + hexOf("a"), // label "a" at offset 12
        "c00c"), false); // pointer back to offset 12: a loop

    assertThat(message.query()).isNull();
    assertThat(message.complete()).isFalse();
  }

  @Test
  void shouldEndPointerToItselfAsMalformed() {
    DnsMessage message = dns(bytes(
        "0001", "0000", "0001", "0000", "0000", "0000", // header, one question
        "c00c", // pointer at offset 12 to offset 12
        "00010001"), false); // QTYPE, QCLASS

    assertThat(message.questions()).isEmpty();
    assertThat(message.complete()).isFalse();
  }

  @Test
  void shouldRejectPointerPastMessage() {
    DnsMessage message = dns(bytes(
        "0001", "0000", "0001", "0000", "0000", "0000", // header, one question
        "c0ff", // pointer to offset 255, past the end
        "00010001"), false); // QTYPE, QCLASS

    assertThat(message.complete()).isFalse();
  }

  @Test
  void shouldRejectReservedLabelType() {
    DnsMessage message = dns(bytes(
        "0001", "0000", "0001", "0000", "0000", "0000", // header, one question
        "41" + "00".repeat(1), // label type 0x40 (extended, RFC 6891)
        "00010001"), false); // QTYPE, QCLASS

    assertThat(message.complete()).isFalse();
  }

  @Test
  void shouldRejectNameLongerThan255Bytes() {
    String label63 = "3f" + "61".repeat(63); // 64 bytes each
    DnsMessage longest = dns(bytes(
        "0001", "0000", "0001", "0000", "0000", "0000", // header, one question
        label63.repeat(3) + "3d" + "61".repeat(61) + "00", // 3 * 64 + 62 + root = 255 bytes: allowed
        "00010001"), false);
    DnsMessage tooLong = dns(bytes(
        "0001", "0000", "0001", "0000", "0000", "0000", // header, one question
        label63.repeat(3) + "3e" + "61".repeat(62) + "00", // 256 bytes
        "00010001"), false);

    assertThat(longest.query()).hasSize(253);
    assertThat(longest.complete()).isTrue();
    assertThat(tooLong.query()).isNull();
    assertThat(tooLong.complete()).isFalse();
  }

  @Test
  void shouldWriteNameTextAsTsharkDoes() {
    DnsMessage message = dns(bytes(
        "0001", "0000", "0001", "0000", "0000", "0000", // header, one question
        "0e", // a label of 14 bytes:
        "0a", "20", "2e", "5c", // LF, space, dot, backslash
        "7f", "c3a9", "ff", "41", // DEL, é (UTF-8), 0xff (not UTF-8), A
        "c389", "1f", "e4bd", // É (UTF-8), 0x1f, a cut 3-byte sequence
        "03" + hexOf("com"), // com
        "00", // root
        "00010001"), false); // QTYPE, QCLASS

    // tshark 4.0's dns.qry.name of these bytes, with A lowered
    assertThat(message.query()).isEqualTo("\\n .\\\\\\177\u00e9\ufffda\u00c9\\037\ufffd.com");
  }

  @Test
  void shouldReadRootNameAsEmpty() {
    DnsMessage message = dns(bytes(
        "0001", "0000", "0001", "0000", "0000", "0000", // header, one question
        "00", // the root
        "0002", "0001"), false); // QTYPE NS, QCLASS IN

    assertThat(message.query()).isEmpty();
    assertThat(message.qtype()).isEqualTo(2);
  }

  @Test
  void shouldReadMdnsAnnouncementWithoutQuestion() {
    DnsMessage message = dns(bytes(
        "0000", // ID 0 (mDNS)
        "8400", // flags: response, AA
        "0000", // QDCOUNT 0
        "0001", // ANCOUNT 1
        "0000", "0000", // NSCOUNT, ARCOUNT
        name("printer.local"), // NAME
        "0001", // TYPE A
        "8001", // CLASS IN with the cache-flush bit
        "00000078", // TTL
        "0004", // RDLENGTH
        "c0a80132"), false); // 192.168.1.50

    assertThat(message.query()).isNull();
    assertThat(message.qtype()).isEqualTo(-1);
    assertThat(message.answers()).containsExactly("192.168.1.50");
    assertThat(message.complete()).isTrue();
  }

  @Test
  void shouldKeepAtMostSixteenAnswers() {
    StringBuilder answers = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      answers.append("c00c" + "0001" + "0001" + "0000003c" + "0004" + String.format("0a0000%02x", i));
    }
    DnsMessage message = dns(bytes(
        "0001", "8180", "0001", "0014", "0000", "0000", // response, one question, 20 answers
        name("many.test"), "00010001", // the question
        answers.toString()), false); // 20 A records 10.0.0.0 ...

    assertThat(message.answers()).hasSize(DnsParser.MAX_ANSWERS).startsWith("10.0.0.0").endsWith("10.0.0.15");
    assertThat(message.complete()).isTrue();
  }

  @Test
  void shouldKeepFirstQuestionAloneForFlowDetail() {
    byte[] twoQuestions = bytes(
        "0001", "0000", "0002", "0000", "0000", "0000", // query, two questions
        name("first.test"), "000c0001", // PTR IN
        name("second.test"), "00010001"); // A IN

    DnsMessage all = dns(twoQuestions, false);
    DnsMessage flow = DnsParser.parse(twoQuestions, 0, twoQuestions.length, false, Detail.FLOW);

    assertThat(all.questions()).containsExactly("first.test", "second.test");
    assertThat(flow).isEqualTo(new DnsMessage(1, false, 0, 0, false, "first.test", 12, List.of("first.test"),
        List.of(), List.of(), true));
  }

  @Test
  void shouldSkipAddressRecordOfWrongLength() {
    DnsMessage message = dns(bytes(
        "0001", "8180", "0001", "0002", "0000", "0000", // response, one question, 2 answers
        name("odd.test"), "00010001", // the question
        "c00c", "0001", "0001", "0000003c", "0003", "0a0000", // A with 3 bytes: skipped
        "c00c", "0001", "0001", "0000003c", "0004", "0a000001"), false); // A 10.0.0.1

    assertThat(message.answers()).containsExactly("10.0.0.1");
    assertThat(message.complete()).isTrue();
  }

  @Test
  void shouldReadFlagsAndOpcode() {
    DnsMessage message = dns(bytes(
        "abcd", // ID
        "2a05", // flags: query, opcode 5 UPDATE, TC, rcode 5
        "0000", "0000", "0000", "0000"), false); // no sections

    assertThat(message.opcode()).isEqualTo(5);
    assertThat(message.truncated()).isTrue();
    assertThat(message.rcode()).isEqualTo(5);
    assertThat(message.response()).isFalse();
    assertThat(message.complete()).isTrue();
  }

  /** The wire form of a name: each label after its length byte, then the root's zero byte. */
  static String name(String dotted) {
    StringBuilder hex = new StringBuilder();
    for (String label : dotted.split("\\.")) {
      hex.append(String.format("%02x", label.length())).append(hexOf(label));
    }
    return hex.append("00").toString();
  }
}
