package io.netanal.decode;

/**
 * Outcomes of decoding one frame. {@link #OK} means every header the decoder looked for was complete and
 * consistent; the others name why decoding stopped early. The statistics count frames by these reasons.
 */
public final class DecodeStatus {
  public static final int OK = 0;
  /** A header the frame announces is cut short by the captured length (snaplen or a damaged file). */
  public static final int TRUNCATED = 1;
  /** A header is present but inconsistent: an IPv4 IHL below 5, a TCP data offset past the frame, ... */
  public static final int MALFORMED = 2;
  /** The capture's link type is one the decoder does not read; the frame still counts in the summary. */
  public static final int UNSUPPORTED_LINK_TYPE = 3;

  public static final int COUNT = 4;

  private static final String[] NAMES = {"ok", "truncated", "malformed", "unsupportedLinkType"};

  private DecodeStatus() {}

  /** The reason's name as the report's {@code decode} block spells it. */
  public static String name(int status) {
    return NAMES[status];
  }
}
