package io.netanal.decode.app;

/** Names of TLS protocol versions and the GREASE rule (RFC 8701). Stateless; any thread may call it. */
public final class TlsVersions {
  public static final int SSL_3_0 = 0x0300;
  public static final int TLS_1_0 = 0x0301;
  public static final int TLS_1_1 = 0x0302;
  public static final int TLS_1_2 = 0x0303;
  public static final int TLS_1_3 = 0x0304;
  /** Drafts of TLS 1.3 were numbered 0x7f00 + draft. */
  static final int TLS_1_3_DRAFT = 0x7f00;

  private TlsVersions() {}

  /** {@code "SSLv3"}, {@code "TLSv1.0"} ... {@code "TLSv1.3"}, {@code "TLSv1.3-draft23"}, else {@code "0x..."}. */
  public static String name(int version) {
    switch (version) {
      case SSL_3_0:
        return "SSLv3";
      case TLS_1_0:
        return "TLSv1.0";
      case TLS_1_1:
        return "TLSv1.1";
      case TLS_1_2:
        return "TLSv1.2";
      case TLS_1_3:
        return "TLSv1.3";
      default:
        if ((version & 0xff00) == TLS_1_3_DRAFT) {
          return "TLSv1.3-draft" + (version & 0xff);
        }
        return String.format("0x%04x", version & 0xffff);
    }
  }

  /**
   * True for the GREASE values of RFC 8701 ({@code 0x0a0a}, {@code 0x1a1a} ... {@code 0xfafa}), which JA3
   * leaves out: both bytes equal, low nibble 0xa. Tested the way tshark tests it (for 16-bit values).
   */
  public static boolean isGrease(int value) {
    return (value & 0x0f0f) == 0x0a0a && (value & 0xff) == ((value >>> 8) & 0xff);
  }
}
