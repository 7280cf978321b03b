package io.netanal;

/** A BPF expression that libpcap will not compile, or a filter flag whose value is not valid. */
public class FilterSyntaxException extends NetanalException {
  private static final long serialVersionUID = 1L;

  public FilterSyntaxException(String message) {
    super(message);
  }
}
