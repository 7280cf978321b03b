package io.netanal.filter;

import io.netanal.frame.FrameSink;
import io.netanal.frame.LinkType;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * A {@link FrameSink} that passes on only the frames a BPF expression keeps, as libpcap's filter would: the
 * expression is compiled once per link type (lazily, when the first frame of that type arrives, since a pcapng
 * file may mix them) and each frame then runs through a {@link BpfInterpreter}, with no native call.
 *
 * <p>Owned by the thread that delivers frames, like any sink; {@link #kept()} and {@link #rejected()} are read by
 * that thread or after it finished. A link type for which libpcap cannot compile the expression ({@code ether
 * host} on raw IP) throws {@link io.netanal.FilterSyntaxException} at that type's first frame.
 */
public final class FilteringSink implements FrameSink {
  private final FilterExpression expression;
  private final FilterCompiler compiler;
  private final FrameSink next;
  private final Map<Integer, BpfInterpreter> byLinkType = new HashMap<>();
  private int lastLinkType = -1;
  private BpfInterpreter last;
  private long kept;
  private long rejected;

  public FilteringSink(FilterExpression expression, FilterCompiler compiler, FrameSink next) {
    this.expression = expression;
    this.compiler = compiler;
    this.next = next;
  }

  @Override
  public void frame(int linkType, long timestampNanos, int capturedLength, int originalLength, ByteBuffer buffer,
      int offset) {
    BpfInterpreter interpreter = linkType == lastLinkType ? last : interpreterFor(linkType);
    if (interpreter.run(buffer, offset, capturedLength, originalLength) != 0) {
      kept++;
      next.frame(linkType, timestampNanos, capturedLength, originalLength, buffer, offset);
    } else {
      rejected++;
    }
  }

  private BpfInterpreter interpreterFor(int linkType) {
    BpfInterpreter interpreter = byLinkType.computeIfAbsent(linkType,
        type -> new BpfInterpreter(compiler.compile(expression.text(), type, LinkType.MAX_SNAPLEN)));
    lastLinkType = linkType;
    last = interpreter;
    return interpreter;
  }

  /** The expression the frames are filtered by. */
  public FilterExpression expression() {
    return expression;
  }

  /** Frames passed on to the next sink. */
  public long kept() {
    return kept;
  }

  /** Frames the filter dropped. */
  public long rejected() {
    return rejected;
  }
}
