package io.netanal.stats;

import java.util.List;
import java.util.Map;

/**
 * The report's {@code decode} block: frames that could not be fully decoded, counted by reason
 * ({@code truncated}, {@code malformed}, {@code unsupportedLinkType}, ...), with the first few examples.
 */
public record DecodeProblems(long frames, Map<String, Long> reasons, List<DecodeExample> examples) {}
