package io.netanal.decode.app;

import io.netanal.frame.AddressFormat;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the header, questions and answers of a DNS message (RFC 1035 4.1) from one UDP or TCP payload; mDNS
 * (RFC 6762) and LLMNR (RFC 4795) use the same format and are read the same way.
 *
 * <pre>
 *                                 1  1  1  1  1  1
 *   0  1  2  3  4  5  6  7  8  9  0  1  2  3  4  5
 * +--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+
 * |                      ID                       |
 * +--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+
 * |QR|   Opcode  |AA|TC|RD|RA|   Z    |   RCODE   |
 * +--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+
 * |        QDCOUNT, ANCOUNT, NSCOUNT, ARCOUNT     |  four 16-bit counts
 * +--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+
 * question: QNAME, QTYPE (16), QCLASS (16)
 * resource record: NAME, TYPE (16), CLASS (16), TTL (32), RDLENGTH (16), RDATA
 * </pre>
 *
 * <p>Over TCP a message follows a 2-byte length (RFC 1035 4.2.2); only the first message of a segment is read,
 * and a message longer than the segment is read as far as it goes ({@code complete} false). A segment holding
 * the length alone gives null, and the next one starts without a length: this parser keeps no state, so a
 * caller that saw the 2-byte segment should read the next with {@code overTcp} false. The authority and
 * additional sections are not read.
 *
 * <p>Names are bounded as RFC 1035 bounds them: labels of at most 63 bytes, at most 255 bytes in all, and at
 * most {@link #MAX_POINTERS} compression pointers per name, so a pointer loop ends (as malformed) instead of
 * spinning. Label types 0x40 and 0x80 are malformed. Name text is the labels joined by dots, without the
 * trailing dot, ASCII capitals lowered, as tshark shows it otherwise (see {@link DisplayText}: UTF-8, control
 * characters escaped); a dot inside a label is not escaped, as tshark does not.
 *
 * <p>Stateless; any thread may call it. It allocates the result, so it is meant for a flow's first payloads,
 * not for every frame.
 */
public final class DnsParser {
  /** Question names kept per message (mDNS queries often ask for 20 services at once); later ones are skipped. */
  public static final int MAX_QUESTIONS = 32;
  /** Answers kept per message; the rest of the answer section is not read. */
  public static final int MAX_ANSWERS = 16;
  static final int HEADER_SIZE = 12;
  static final int TCP_LENGTH_SIZE = 2;
  static final int FLAGS_OFFSET = 2;
  static final int QDCOUNT_OFFSET = 4;
  static final int ANCOUNT_OFFSET = 6;
  static final int QUESTION_FIXED_SIZE = 4; // QTYPE, QCLASS
  static final int RECORD_FIXED_SIZE = 10; // TYPE, CLASS, TTL, RDLENGTH
  static final int RDLENGTH_OFFSET = 8;
  /** RFC 1035 2.3.4: a name is at most 255 bytes on the wire, length bytes and the root included. */
  static final int MAX_NAME_LENGTH = 255;
  /** More pointers than a 255-byte name could ever need means a loop. */
  static final int MAX_POINTERS = 64;
  static final int TYPE_A = 1;
  static final int TYPE_CNAME = 5;
  static final int TYPE_PTR = 12;
  static final int TYPE_AAAA = 28;
  static final int POINTER = 0xC0;
  static final int BAD_NAME = -1;

  private DnsParser() {}

  /**
   * Reads the DNS message in {@code buffer[offset, end)}, after a 2-byte length when {@code overTcp}. Returns
   * null when the payload is too short for a DNS header (over TCP: for the length and a header, or the length is
   * below 12); otherwise a message, {@code complete} false when its sections ended early.
   */
  public static DnsMessage parse(ByteBuffer buffer, int offset, int end, boolean overTcp) {
    return ArrayView.parse(buffer, offset, end, (bytes, from, to) -> parse(bytes, from, to, overTcp));
  }

  /** As {@link #parse(ByteBuffer, int, int, boolean)}, from {@code bytes[offset, end)}. */
  public static DnsMessage parse(byte[] buffer, int offset, int end, boolean overTcp) {
    return parse(buffer, offset, end, overTcp, Detail.ALL);
  }

  /** As {@link #parse(byte[], int, int, boolean)}, with the question names {@code detail} asks for. */
  public static DnsMessage parse(byte[] buffer, int offset, int end, boolean overTcp, Detail detail) {
    end = Math.min(end, buffer.length);
    if (offset < 0 || end - offset < HEADER_SIZE + (overTcp ? TCP_LENGTH_SIZE : 0)) {
      return null;
    }
    int message = offset;
    int messageEnd = end;
    boolean cut = false;
    if (overTcp) {
      int length = BigEndian.u16(buffer, offset);
      if (length < HEADER_SIZE) {
        return null;
      }
      message = offset + TCP_LENGTH_SIZE;
      cut = length > end - message;
      messageEnd = cut ? end : message + length;
    }
    int flags = BigEndian.u16(buffer, message + FLAGS_OFFSET);
    Sections sections = new Sections(detail == Detail.ALL ? MAX_QUESTIONS : 1);
    int next = readQuestions(buffer, message, messageEnd, BigEndian.u16(buffer, message + QDCOUNT_OFFSET),
        sections);
    boolean complete = next >= 0
        && readAnswers(buffer, message, messageEnd, next, BigEndian.u16(buffer, message + ANCOUNT_OFFSET),
            sections);
    return new DnsMessage(BigEndian.u16(buffer, message), (flags & 0x8000) != 0, (flags >>> 11) & 0xF,
        flags & 0xF, (flags & 0x0200) != 0, sections.questions.isEmpty() ? null : sections.questions.get(0),
        sections.qtype, sections.questions, sections.answers, sections.addresses, complete && !cut);
  }

  /** What the question and answer sections hold, filled as they are read. */
  private static final class Sections {
    final List<String> questions = new ArrayList<>(1);
    final List<String> answers = new ArrayList<>(4);
    final List<String> addresses = new ArrayList<>(4);
    /** Question names kept: later ones are skipped, their text never made. */
    final int maxQuestions;
    int qtype = -1;

    Sections(int maxQuestions) {
      this.maxQuestions = maxQuestions;
    }

    void address(String text) {
      answers.add(text);
      addresses.add(text);
    }
  }

  /** Reads {@code count} questions from {@code pos}; returns the offset after them, or -1 when they end early. */
  private static int readQuestions(byte[] buffer, int message, int end, int count, Sections out) {
    int pos = message + HEADER_SIZE;
    NameBytes name = new NameBytes();
    for (int i = 0; i < count; i++) {
      name.length = 0;
      boolean keep = out.questions.size() < out.maxQuestions;
      int next = readName(buffer, message, end, pos, keep ? name : null);
      if (next == BAD_NAME || end - next < QUESTION_FIXED_SIZE) {
        return -1;
      }
      if (i == 0) {
        out.qtype = BigEndian.u16(buffer, next);
      }
      if (keep) {
        out.questions.add(name.text());
      }
      pos = next + QUESTION_FIXED_SIZE;
    }
    return pos;
  }

  /** Reads up to {@link #MAX_ANSWERS} answers; false when the section ends early or holds a bad name. */
  private static boolean readAnswers(byte[] buffer, int message, int end, int pos, int count,
      Sections out) {
    for (int i = 0; i < count && out.answers.size() < MAX_ANSWERS; i++) {
      int fixed = readName(buffer, message, end, pos, null);
      if (fixed == BAD_NAME || end - fixed < RECORD_FIXED_SIZE) {
        return false;
      }
      int type = BigEndian.u16(buffer, fixed);
      int rdata = fixed + RECORD_FIXED_SIZE;
      int rdlength = BigEndian.u16(buffer, fixed + RDLENGTH_OFFSET);
      if (rdlength > end - rdata) {
        return false;
      }
      if (!readAnswer(buffer, message, end, type, rdata, rdlength, out)) {
        return false;
      }
      pos = rdata + rdlength;
    }
    return true;
  }

  /** Adds the answer's address or target name; false when a name in it is malformed. */
  private static boolean readAnswer(byte[] buffer, int message, int end, int type, int rdata, int rdlength,
      Sections out) {
    switch (type) {
      case TYPE_A:
        if (rdlength == 4) {
          out.address(AddressFormat.ipv4(BigEndian.int32(buffer, rdata)));
        }
        return true; // a wrong length is skipped: the record's extent is still known
      case TYPE_AAAA:
        if (rdlength == 16) {
          out.address(AddressFormat.ipv6(BigEndian.int64(buffer, rdata), BigEndian.int64(buffer, rdata + 8)));
        }
        return true;
      case TYPE_CNAME:
      case TYPE_PTR: {
        NameBytes name = new NameBytes();
        int after = readName(buffer, message, end, rdata, name);
        if (after == BAD_NAME || after > rdata + rdlength) {
          return false;
        }
        out.answers.add(name.text());
        return true;
      }
      default:
        return true;
    }
  }

  /**
   * Reads the name at {@code pos}, appending its bytes to {@code name} unless that is null; returns the offset
   * after the name's bytes at {@code pos} (after its first pointer, if any), or {@link #BAD_NAME} when the name
   * runs past {@code end}, is too long, loops or uses a reserved label type. Pointers are offsets from
   * {@code message}.
   */
  static int readName(byte[] buffer, int message, int end, int pos, NameBytes name) {
    int after = -1;
    int wireLength = 1; // the root's zero byte
    int pointers = 0;
    while (pos < end) {
      int length = buffer[pos] & 0xFF;
      if (length == 0) {
        return after >= 0 ? after : pos + 1;
      }
      if ((length & POINTER) == POINTER) {
        if (end - pos < 2 || ++pointers > MAX_POINTERS) {
          return BAD_NAME;
        }
        if (after < 0) {
          after = pos + 2;
        }
        pos = message + (((length & ~POINTER) << 8) | (buffer[pos + 1] & 0xFF));
        continue;
      }
      wireLength += length + 1;
      if ((length & POINTER) != 0 || wireLength > MAX_NAME_LENGTH || end - pos - 1 < length) {
        return BAD_NAME; // 0x40 and 0x80 are reserved label types (RFC 6891 5)
      }
      if (name != null) {
        name.addLabel(buffer, pos + 1, length);
      }
      pos += 1 + length;
    }
    return BAD_NAME;
  }

  /** A name's labels joined by dots; {@link #MAX_NAME_LENGTH} bounds what a valid name can add. */
  static final class NameBytes {
    final byte[] bytes = new byte[MAX_NAME_LENGTH];
    int length;

    void addLabel(byte[] buffer, int from, int labelLength) {
      if (length > 0) {
        bytes[length++] = '.';
      }
      System.arraycopy(buffer, from, bytes, length, labelLength);
      length += labelLength;
    }

    String text() {
      return DisplayText.of(bytes, length, true);
    }
  }
}
