package io.netanal.decode.app;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Builds JA3 and JA3S fingerprints (Salesforce, 2017) while a hello is read, the way tshark 4.0 builds
 * {@code tls.handshake.ja3_full} and {@code ja3s_full}: decimal values joined by {@code -} within a field,
 * fields joined by {@code ,}, GREASE values (RFC 8701) left out of the cipher, extension and group lists.
 *
 * <p>One instance per hello, used by one thread; {@link #md5Hex} may be called from any thread.
 */
final class Ja3 {
  /**
   * One digest per parsing thread: looking MD5 up among the security providers cost more than the rest of a hello.
   * {@code digest()} resets it, so each use starts afresh.
   */
  private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(Ja3::md5);
  private static final HexFormat HEX = HexFormat.of();

  private final StringBuilder ciphers = new StringBuilder(64);
  private final StringBuilder extensions = new StringBuilder(64);
  private final StringBuilder groups = new StringBuilder(32);
  private final StringBuilder pointFormats = new StringBuilder(8);

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
    return legacyVersion + "," + ciphers + "," + extensions + "," + groups + "," + pointFormats;
  }

  /** {@code SSLVersion,Cipher,Extensions}: the server's single cipher is not a list. */
  String server(int legacyVersion, int cipher) {
    return legacyVersion + "," + cipher + "," + extensions;
  }

  /** The MD5 of {@code fingerprint}'s ASCII bytes, as 32 lowercase hex digits. */
  static String md5Hex(String fingerprint) {
    return HEX.formatHex(MD5.get().digest(fingerprint.getBytes(StandardCharsets.US_ASCII)));
  }

  private static MessageDigest md5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5: missing (every Java platform must provide it)", e);
    }
  }

  private static void add(StringBuilder list, int value) {
    if (TlsVersions.isGrease(value)) {
      return;
    }
    if (list.length() > 0) {
      list.append('-');
    }
    list.append(value);
  }
}
