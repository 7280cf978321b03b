package io.netanal.filter;

/**
 * Compiles a BPF expression into a program for one link type; libpcap does the work (see
 * {@code io.netanal.capture.BpfCompiler}). Implementations say which threads may call them.
 */
@FunctionalInterface
public interface FilterCompiler {
  /**
   * @param linkType the LINKTYPE_ value of the frames the program will read
   * @param snaplen the value an accepting program returns
   * @throws io.netanal.FilterSyntaxException when libpcap does not compile the expression for that link type
   */
  BpfProgram compile(String expression, int linkType, int snaplen);
}
