package io.netanal.decode.app;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a TLS ClientHello or ServerHello from a TCP payload that starts with a TLS record (RFC 8446 5.1, 4.1.2,
 * 4.1.3): server name, versions, ALPN, cipher and the JA3/JA3S fingerprints.
 *
 * <pre>
 * record:     | type 22 (1) | version 3.x (2) | length (2) |
 * handshake:  | msg_type 1 or 2 (1) | length (3) |
 * ClientHello: legacy_version (2) | random (32) | session_id (1 + 0..32) | cipher_suites (2 + n) |
 *              compression_methods (1 + n) | extensions (2 + n): { type (2) | length (2) | data }*
 * ServerHello: legacy_version (2) | random (32) | session_id (1 + 0..32) | cipher_suite (2) |
 *              compression_method (1) | extensions (2 + n)
 * </pre>
 *
 * <p>A hello that spans several handshake records (RFC 8446 5.1 allows it; some clients split the ClientHello
 * to hide the server name from middleboxes) is joined from the records within the segment. A hello that
 * continues past the segment (in the next TCP segment) is read as far as it goes and comes back with
 * {@code complete()} false: fields fully present before the cut are kept (the server name usually is, being near
 * the start of the extensions), the fingerprints, which need the whole hello, are null. Malformed lengths end
 * reading the same way. Extensions inside are framed by their own length, so a malformed extension body is
 * skipped without ending the hello, as tshark does.
 *
 * <p>Not read: SSLv2-format hellos (no record header of type 22; obsolete since RFC 6176), DTLS, and QUIC
 * Initial packets (their hello is encrypted with keys derived from the connection ID, out of scope here).
 *
 * <p>Stateless; any thread may call it. It allocates the result, so it is meant for a flow's first payloads.
 */
public final class TlsHelloParser {
  static final int RECORD_HEADER_SIZE = 5;
  static final int RECORD_LENGTH_OFFSET = 3;
  static final int HANDSHAKE_HEADER_SIZE = 4;
  static final int CONTENT_TYPE_HANDSHAKE = 22;
  static final int MAJOR_VERSION = 3;
  static final int MAX_MINOR_VERSION = 4;
  /** RFC 5246 6.2.3: a record's fragment is at most 2^14 bytes plus 2048 of expansion. */
  static final int MAX_RECORD_LENGTH = (1 << 14) + 2048;
  static final int CLIENT_HELLO = 1;
  static final int SERVER_HELLO = 2;
  static final int VERSION_SIZE = 2;
  static final int RANDOM_SIZE = 32;
  static final int MAX_SESSION_ID_SIZE = 32;
  static final int EXTENSION_HEADER_SIZE = 4;
  static final int EXT_SERVER_NAME = 0;
  static final int EXT_SUPPORTED_GROUPS = 10;
  static final int EXT_EC_POINT_FORMATS = 11;
  static final int EXT_ALPN = 16;
  static final int EXT_SUPPORTED_VERSIONS = 43;
  static final int HOST_NAME = 0;
  /** ALPN protocols and supported versions kept per hello. */
  static final int MAX_LIST = 16;

  private TlsHelloParser() {}

  /**
   * Reads the hello at the start of {@code buffer[offset, end)}. Returns null unless the payload starts with a
   * handshake record (type 22, version 3.0 to 3.4, a plausible length) holding a ClientHello or ServerHello whose
   * legacy version is 3.x.
   */
  public static TlsHello parse(ByteBuffer buffer, int offset, int end) {
    return ArrayView.parse(buffer, offset, end, TlsHelloParser::parse);
  }

  /** As {@link #parse(ByteBuffer, int, int)}, from {@code bytes[offset, end)}. */
  public static TlsHello parse(byte[] buffer, int offset, int end) {
    return parse(buffer, offset, end, Detail.ALL);
  }

  /** As {@link #parse(byte[], int, int)}, building the fingerprints {@code detail} asks for. */
  public static TlsHello parse(byte[] buffer, int offset, int end, Detail detail) {
    end = Math.min(end, buffer.length);
    if (offset < 0 || end - offset < RECORD_HEADER_SIZE + HANDSHAKE_HEADER_SIZE + VERSION_SIZE) {
      return null;
    }
    int recordLength = u16(buffer, offset + RECORD_LENGTH_OFFSET);
    if (buffer[offset] != CONTENT_TYPE_HANDSHAKE || buffer[offset + 1] != MAJOR_VERSION
        || (buffer[offset + 2] & 0xFF) > MAX_MINOR_VERSION
        || recordLength < HANDSHAKE_HEADER_SIZE + VERSION_SIZE || recordLength > MAX_RECORD_LENGTH) {
      return null;
    }
    int type = buffer[offset + RECORD_HEADER_SIZE];
    int body = offset + RECORD_HEADER_SIZE + HANDSHAKE_HEADER_SIZE;
    int legacyVersion = u16(buffer, body);
    if ((type != CLIENT_HELLO && type != SERVER_HELLO) || legacyVersion >>> 8 != MAJOR_VERSION) {
      return null;
    }
    int handshakeLength = HANDSHAKE_HEADER_SIZE
        + (BigEndian.int32(buffer, offset + RECORD_HEADER_SIZE) & 0xFFFFFF);
    int recordEnd = offset + RECORD_HEADER_SIZE + recordLength;
    int handshakeEnd = offset + RECORD_HEADER_SIZE + handshakeLength;
    if (handshakeEnd > recordEnd && recordEnd < end) {
      // The message goes on in the next record, and that record is in this segment: join the fragments (as many
      // bytes as the segment holds, whatever the length says).
      byte[] joined = new byte[Math.min(handshakeLength, end - offset)];
      int filled = joinFragments(buffer, offset, end, joined);
      return hello(type, legacyVersion, new Cursor(joined, HANDSHAKE_HEADER_SIZE + VERSION_SIZE, filled),
          filled == handshakeLength, detail);
    }
    Cursor in = new Cursor(buffer, body + VERSION_SIZE, Math.min(handshakeEnd, Math.min(recordEnd, end)));
    return hello(type, legacyVersion, in, handshakeEnd <= recordEnd && handshakeEnd <= end, detail);
  }

  /** The MD5 of a JA3 or JA3S string's ASCII bytes, as 32 lowercase hex digits (its {@code ja3Hash}). */
  public static String md5Hex(String fingerprint) {
    return Ja3.md5Hex(fingerprint);
  }

  private static TlsHello hello(int type, int legacyVersion, Cursor in, boolean whole, Detail detail) {
    return type == CLIENT_HELLO ? clientHello(in, legacyVersion, whole, detail)
        : serverHello(in, legacyVersion, whole, detail);
  }

  /**
   * Fills {@code joined} with the handshake data carried by the consecutive handshake records at {@code offset}
   * (RFC 8446 5.1: a message may span records), as far as the segment holds it; returns the bytes filled.
   */
  private static int joinFragments(byte[] buffer, int offset, int end, byte[] joined) {
    int filled = 0;
    int record = offset;
    while (filled < joined.length && end - record >= RECORD_HEADER_SIZE
        && buffer[record] == CONTENT_TYPE_HANDSHAKE) {
      int fragmentLength = u16(buffer, record + RECORD_LENGTH_OFFSET);
      int fragment = record + RECORD_HEADER_SIZE;
      int copied = Math.min(Math.min(fragmentLength, end - fragment), joined.length - filled);
      System.arraycopy(buffer, fragment, joined, filled, copied);
      filled += copied;
      record = fragment + fragmentLength;
    }
    return filled;
  }

  private static TlsClientHello clientHello(Cursor in, int legacyVersion, boolean whole, Detail detail) {
    ClientFields f = new ClientFields();
    boolean complete = readClientHello(in, f) && whole;
    String ja3 = complete ? f.ja3.client(legacyVersion) : null;
    return new TlsClientHello(legacyVersion, f.supportedVersions, f.sni, f.alpn, ja3,
        ja3 == null || detail == Detail.FLOW ? null : f.ja3.md5Hex(), complete);
  }

  private static TlsServerHello serverHello(Cursor in, int legacyVersion, boolean whole, Detail detail) {
    ServerFields f = new ServerFields(legacyVersion);
    boolean complete = readServerHello(in, f) && whole;
    String ja3s = complete && detail == Detail.ALL ? f.ja3.server(legacyVersion, f.cipher) : null;
    return new TlsServerHello(legacyVersion, f.version, f.cipher, f.alpn, ja3s,
        ja3s == null ? null : f.ja3.md5Hex(), complete);
  }

  /** False when the hello ends early; what was read is in {@code f}. */
  private static boolean readClientHello(Cursor in, ClientFields f) {
    if (!skipRandomAndSessionId(in) || !in.has(2)) {
      return false;
    }
    int suitesLength = in.u16();
    if (suitesLength % 2 != 0 || !in.has(suitesLength)) {
      return false;
    }
    for (int i = 0; i < suitesLength; i += 2) {
      f.ja3.cipher(in.u16());
    }
    if (!in.has(1)) {
      return false;
    }
    int compressionLength = in.u8();
    if (!in.has(compressionLength)) {
      return false;
    }
    in.pos += compressionLength;
    return readExtensions(in, f.ja3, (type, from, to) -> clientExtension(in.buffer, type, from, to, f));
  }

  private static boolean readServerHello(Cursor in, ServerFields f) {
    if (!skipRandomAndSessionId(in) || !in.has(3)) {
      return false;
    }
    f.cipher = in.u16();
    in.pos++; // compression_method
    return readExtensions(in, f.ja3, (type, from, to) -> serverExtension(in.buffer, type, from, to, f));
  }

  private static boolean skipRandomAndSessionId(Cursor in) {
    if (!in.has(RANDOM_SIZE + 1)) {
      return false;
    }
    in.pos += RANDOM_SIZE;
    int sessionIdLength = in.u8();
    if (sessionIdLength > MAX_SESSION_ID_SIZE || !in.has(sessionIdLength)) {
      return false;
    }
    in.pos += sessionIdLength;
    return true;
  }

  /** What one extension's body means to a hello. */
  private interface ExtensionReader {
    void read(int type, int from, int to);
  }

  /**
   * Reads the extensions block, or nothing when the hello ends before it (SSLv3 hellos have none); false when
   * it runs past the hello or an extension is cut.
   */
  private static boolean readExtensions(Cursor in, Ja3 ja3, ExtensionReader reader) {
    if (in.pos == in.limit) {
      return true;
    }
    if (!in.has(2)) {
      return false;
    }
    int length = in.u16();
    boolean all = in.has(length);
    int end = all ? in.pos + length : in.limit;
    while (end - in.pos >= EXTENSION_HEADER_SIZE) {
      int type = in.u16();
      int extensionLength = in.u16();
      if (end - in.pos < extensionLength) {
        return false;
      }
      ja3.extension(type);
      reader.read(type, in.pos, in.pos + extensionLength);
      in.pos += extensionLength;
    }
    return all && in.pos == end;
  }

  private static void clientExtension(byte[] buffer, int type, int from, int to, ClientFields f) {
    switch (type) {
      case EXT_SERVER_NAME:
        if (f.sni == null) {
          f.sni = serverName(buffer, from, to);
        }
        break;
      case EXT_ALPN:
        readAlpn(buffer, from, to, f.alpn, MAX_LIST);
        break;
      case EXT_SUPPORTED_GROUPS:
        for (int p = from + 2, end = listEnd(from, 2, to, buffer); p + 2 <= end; p += 2) {
          f.ja3.group(u16(buffer, p));
        }
        break;
      case EXT_EC_POINT_FORMATS:
        for (int p = from + 1, end = listEnd(from, 1, to, buffer); p < end; p++) {
          f.ja3.pointFormat(buffer[p] & 0xFF);
        }
        break;
      case EXT_SUPPORTED_VERSIONS:
        for (int p = from + 1, end = listEnd(from, 1, to, buffer); p + 2 <= end
            && f.supportedVersions.size() < MAX_LIST; p += 2) {
          f.supportedVersions.add(u16(buffer, p));
        }
        break;
      default:
        break;
    }
  }

  private static void serverExtension(byte[] buffer, int type, int from, int to, ServerFields f) {
    if (type == EXT_SUPPORTED_VERSIONS && to - from >= 2) {
      f.version = u16(buffer, from);
    } else if (type == EXT_ALPN && f.alpn == null) {
      List<String> selected = new ArrayList<>(1);
      readAlpn(buffer, from, to, selected, 1);
      f.alpn = selected.isEmpty() ? null : selected.get(0);
    }
  }

  /** The first host_name of a server_name list (RFC 6066 3), lowercase, or null. */
  private static String serverName(byte[] buffer, int from, int to) {
    int end = listEnd(from, 2, to, buffer);
    for (int p = from + 2; end - p >= 3; ) {
      int nameType = buffer[p] & 0xFF;
      int length = u16(buffer, p + 1);
      if (length > end - p - 3) {
        return null;
      }
      if (nameType == HOST_NAME) {
        return text(buffer, p + 3, length, true);
      }
      p += 3 + length;
    }
    return null;
  }

  /** Adds up to {@code max} protocol names of an ALPN list (RFC 7301 3.1) to {@code out}. */
  private static void readAlpn(byte[] buffer, int from, int to, List<String> out, int max) {
    int end = listEnd(from, 2, to, buffer);
    for (int p = from + 2; p < end && out.size() < max; ) {
      int length = buffer[p] & 0xFF;
      if (length > end - p - 1) {
        return;
      }
      out.add(text(buffer, p + 1, length, false));
      p += 1 + length;
    }
  }

  /** The end of a list whose {@code prefix}-byte length starts at {@code from}, kept within {@code to}. */
  private static int listEnd(int from, int prefix, int to, byte[] buffer) {
    if (to - from < prefix) {
      return from; // no list: every loop over it ends at once
    }
    int length = prefix == 1 ? buffer[from] & 0xFF : u16(buffer, from);
    return Math.min(from + prefix + length, to);
  }

  /** The bytes as {@link DisplayText} writes them. */
  private static String text(byte[] buffer, int from, int length, boolean lowercase) {
    byte[] bytes = new byte[length];
    System.arraycopy(buffer, from, bytes, 0, length);
    return DisplayText.of(bytes, length, lowercase);
  }

  private static int u16(byte[] buffer, int at) {
    return BigEndian.u16(buffer, at);
  }

  /** Reads forward through a hello; every read is preceded by a {@link #has} check. */
  private static final class Cursor {
    final byte[] buffer;
    final int limit;
    int pos;

    Cursor(byte[] buffer, int pos, int limit) {
      this.buffer = buffer;
      this.pos = pos;
      this.limit = limit;
    }

    boolean has(int bytes) {
      return limit - pos >= bytes;
    }

    int u8() {
      return buffer[pos++] & 0xFF;
    }

    int u16() {
      int value = TlsHelloParser.u16(buffer, pos);
      pos += 2;
      return value;
    }
  }

  private static final class ClientFields {
    final Ja3 ja3 = new Ja3();
    final List<Integer> supportedVersions = new ArrayList<>(4);
    final List<String> alpn = new ArrayList<>(2);
    String sni;
  }

  private static final class ServerFields {
    final Ja3 ja3 = new Ja3();
    int version;
    int cipher = -1;
    String alpn;

    ServerFields(int legacyVersion) {
      this.version = legacyVersion;
    }
  }
}
