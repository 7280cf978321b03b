package io.netanal.decode.app;

/**
 * A TLS ServerHello (RFC 8446 4.1.3) as {@link TlsHelloParser} read it. A TLS 1.3 HelloRetryRequest has the
 * same layout and is read as a ServerHello.
 *
 * @param legacyVersion the {@code legacy_version} field
 * @param version the version the server selected: its {@code supported_versions} extension (TLS 1.3), else
 *     {@code legacyVersion}
 * @param cipher the selected cipher suite, or -1 when the segment ended before it
 * @param alpn the selected ALPN protocol, or null
 * @param ja3s the JA3S string ({@code SSLVersion,Cipher,Extensions}) as tshark 4.0's
 *     {@code tls.handshake.ja3s_full}, or null when not {@code complete} (or parsed for {@link Detail#FLOW})
 * @param ja3sHash the MD5 of {@code ja3s} in lowercase hex, or null
 * @param complete see {@link TlsHello#complete()}
 */
public record TlsServerHello(int legacyVersion, int version, int cipher, String alpn, String ja3s,
    String ja3sHash, boolean complete) implements TlsHello {

  /** {@link #version()} as {@link TlsVersions#name} writes it. */
  public String versionName() {
    return TlsVersions.name(version);
  }
}
