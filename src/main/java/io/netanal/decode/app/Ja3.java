package io.netanal.decode.app;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * Builds JA3 and JA3S fingerprints (Salesforce, 2017) while a hello is read, the way tshark 4.0 builds
 * {@code tls.handshake.ja3_full} and {@code ja3s_full}: decimal values joined by {@code -} within a field,
 * fields joined by {@code ,}, GREASE values (RFC 8701) left out of the cipher, extension and group lists.
 *
 * <p>The fields are written as ASCII digits into byte arrays, and the MD5 is taken of those bytes: a hello adds a
 * hundred values, and StringBuilders with their int formatting and the String's encoding back to bytes cost more
 * than the rest of the hello.
 *
 * <p>One instance per hello, used by one thread; {@link #md5Hex(String)} may be called from any thread.
 */
final class Ja3 {
  /**
   * One digest per parsing thread: looking MD5 up among the security providers cost more than the rest of a hello.
   * {@code digest()} resets it, so each use starts afresh.
   */
  private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(Ja3::md5);
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private final Field ciphers = new Field(64);
  private final Field extensions = new Field(64);
  private final Field groups = new Field(32);
  private final Field pointFormats = new Field(8);
  /** The fingerprint made last by {@link #client} or {@link #server}. */
  private final Field text = new Field(128);

  void cipher(int suite) {
    add(ciphers, suite);
  }

  void extension(int type) {
    add(extensions, type);
  }

  void group(int group) {
    add(groups, group);
  }

  /** Point formats are single bytes, which GREASE never matches. */
  void pointFormat(int format) {
    add(pointFormats, format);
  }

  /** {@code SSLVersion,Ciphers,Extensions,EllipticCurves,EllipticCurvePointFormats}. */
  String client(int legacyVersion) {
    text.length = 0;
    text.number(legacyVersion);
    text.append(',').append(ciphers).append(',').append(extensions).append(',').append(groups).append(',')
        .append(pointFormats);
    return text.toString();
  }

  /** {@code SSLVersion,Cipher,Extensions}: the server's single cipher is not a list. */
  String server(int legacyVersion, int cipher) {
    text.length = 0;
    text.number(legacyVersion);
    text.append(',').number(cipher);
    text.append(',').append(extensions);
    return text.toString();
  }

  /** The MD5 of the fingerprint made last, as {@link #md5Hex(String)} gives it. */
  String md5Hex() {
    MessageDigest md5 = MD5.get();
    md5.update(text.bytes, 0, text.length);
    return hex(md5.digest());
  }

  /** The MD5 of {@code fingerprint}'s ASCII bytes, as 32 lowercase hex digits. */
  static String md5Hex(String fingerprint) {
    return hex(MD5.get().digest(fingerprint.getBytes(StandardCharsets.US_ASCII)));
  }

  private static String hex(byte[] digest) {
    byte[] hex = new byte[2 * digest.length];
    for (int i = 0; i < digest.length; i++) {
      hex[2 * i] = HEX[(digest[i] >> 4) & 0xF];
      hex[2 * i + 1] = HEX[digest[i] & 0xF];
    }
    return new String(hex, StandardCharsets.US_ASCII);
  }

  private static MessageDigest md5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5: missing (every Java platform must provide it)", e);
    }
  }

  private static void add(Field list, int value) {
    if (TlsVersions.isGrease(value)) {
      return;
    }
    if (list.length > 0) {
      list.append('-');
    }
    list.number(value);
  }

  /** ASCII text in a growable byte array. */
  private static final class Field {
    byte[] bytes;
    int length;

    Field(int capacity) {
      bytes = new byte[capacity];
    }

    Field append(char c) {
      ensure(1);
      bytes[length++] = (byte) c;
      return this;
    }

    Field append(Field other) {
      ensure(other.length);
      System.arraycopy(other.bytes, 0, bytes, length, other.length);
      length += other.length;
      return this;
    }

    /** An int in decimal, as {@link Integer#toString(int)} (the fields are 16-bit values, the sign never shows). */
    Field number(int value) {
      if (value < 0) {
        for (char c : Integer.toString(value).toCharArray()) {
          append(c);
        }
        return this;
      }
      ensure(10);
      int digits = 1;
      for (int bound = 10; digits < 10 && value >= bound; bound *= 10) {
        digits++;
      }
      for (int i = length + digits - 1; i >= length; i--) {
        int tenth = tenth(value);
        bytes[i] = (byte) ('0' + value - 10 * tenth);
        value = tenth;
      }
      length += digits;
      return this;
    }

    /** {@code value / 10}: by a multiply and a shift for the 16-bit values of a hello (exact below 81,920). */
    private static int tenth(int value) {
      return value < 65_536 ? (int) ((value * 52_429L) >>> 19) : value / 10;
    }

    private void ensure(int more) {
      if (length + more > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(2 * bytes.length, length + more));
      }
    }

    @Override
    public String toString() {
      return new String(bytes, 0, length, StandardCharsets.US_ASCII);
    }
  }
}
