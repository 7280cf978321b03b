package io.netanal.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A small tmpfs mounted by a test over a directory of its own, so that a disk fills up for real (ENOSPC). Needs
 * root (or CAP_SYS_ADMIN); skips the test without it, or fails it under -Dnetanal.requireAllTests=true.
 */
public final class TmpfsMount implements AutoCloseable {
  private final Path dir;

  private TmpfsMount(Path dir) {
    this.dir = dir;
  }

  public static TmpfsMount mount(Path dir, int kilobytes) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    String output;
    int code;
    try {
      Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + kilobytes + "k", "netanal-test",
          dir.toString()).redirectErrorStream(true).start();
      output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      code = p.waitFor(10, TimeUnit.SECONDS) ? p.exitValue() : -1;
    } catch (IOException e) {
      output = e.getMessage();
      code = -1;
    }
    TestData.require(code == 0, "a full disk is simulated with a tmpfs mount, which needs root: mount exited "
        + code + " (" + output + ")");
    return new TmpfsMount(dir);
  }

  public Path dir() {
    return dir;
  }

  @Override
  public void close() throws IOException, InterruptedException {
    new ProcessBuilder("umount", "-l", dir.toString()).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
  }
}
