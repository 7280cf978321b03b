package io.netanal.cli;

/**
 * The main class of the small jar {@link LauncherTest} puts behind the launcher: prints its arguments and exits
 * with the code the {@code exit=N} argument names, or kills its own JVM with {@code kill=9}; says when the launcher
 * asked it to train the archive (as {@link ArchiveTraining} does in netanal).
 */
public final class LauncherProbe {
  private LauncherProbe() {}

  public static void main(String[] args) throws Exception {
    System.out.println("probe " + String.join(" ", args));
    if (Boolean.getBoolean("netanal.train")) {
      System.out.println("probe trains the archive");
    }
    for (String arg : args) {
      if (arg.startsWith("exit=")) {
        System.exit(Integer.parseInt(arg.substring(5)));
      }
      if (arg.startsWith("kill=")) {
        new ProcessBuilder("kill", "-" + arg.substring(5), Long.toString(ProcessHandle.current().pid()))
            .inheritIO().start().waitFor();
        Thread.sleep(10_000); // the signal ends this JVM first
      }
    }
  }
}
