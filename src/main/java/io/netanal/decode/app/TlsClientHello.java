package io.netanal.decode.app;

import java.util.List;

/**
 * A TLS ClientHello (RFC 8446 4.1.2) as {@link TlsHelloParser} read it.
 *
 * @param legacyVersion the {@code legacy_version} field (0x0303 for TLS 1.2 and 1.3 hellos)
 * @param supportedVersions the {@code supported_versions} extension (RFC 8446 4.2.1) in the client's order,
 *     GREASE values included; empty without the extension
 * @param sni the first {@code host_name} of the {@code server_name} extension (RFC 6066 3), ASCII capitals
 *     lowered, as {@link DisplayText} writes it, or null
 * @param alpn the {@code application_layer_protocol_negotiation} protocols (RFC 7301) in order; empty without it
 * @param ja3 the JA3 string ({@code SSLVersion,Ciphers,Extensions,EllipticCurves,EllipticCurvePointFormats},
 *     GREASE values dropped) as tshark 4.0's {@code tls.handshake.ja3_full}, or null when not {@code complete}
 * @param ja3Hash the MD5 of {@code ja3} in lowercase hex, as tshark's {@code tls.handshake.ja3}, or null (also
 *     when parsed for {@link Detail#FLOW})
 * @param complete see {@link TlsHello#complete()}
 */
public record TlsClientHello(int legacyVersion, List<Integer> supportedVersions, String sni, List<String> alpn,
    String ja3, String ja3Hash, boolean complete) implements TlsHello {

  public TlsClientHello {
    supportedVersions = List.copyOf(supportedVersions);
    alpn = List.copyOf(alpn);
  }

  /** The highest version offered: the largest non-GREASE {@code supported_versions} entry, else the legacy one. */
  public int version() {
    int highest = -1;
    for (int v : supportedVersions) {
      if (!TlsVersions.isGrease(v) && v > highest) {
        highest = v;
      }
    }
    return highest >= 0 ? highest : legacyVersion;
  }

  /** {@link #version()} as {@link TlsVersions#name} writes it ({@code "TLSv1.3"}). */
  public String versionName() {
    return TlsVersions.name(version());
  }
}
