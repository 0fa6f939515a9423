package dev.marble.jdbc.process;

import dev.marble.jdbc.JvmFlags;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Starts {@link ChildProcess} in a separate JVM and reads its output line by line. */
final class Children implements AutoCloseable {
  private final Process process;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final Thread reader;

  private Children(Process process) {
    this.process = process;
    reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = in.readLine()) != null) {
          lines.add(line);
        }
      } catch (IOException ignored) {
        // the child was killed: no more lines
      }
    }, "child-output");
    reader.setDaemon(true);
    reader.start();
  }

  /** A child JVM with the JVM options Marble needs, or without them. */
  static Children start(boolean withFlags, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    if (withFlags) {
      command.addAll(JvmFlags.REQUIRED);
    }
    command.add("-Dchronicle.analytics.disable=true");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(ChildProcess.class.getName());
    command.addAll(List.of(args));
    return new Children(new ProcessBuilder(command).redirectErrorStream(true).start());
  }

  /** The next output line starting with {@code prefix}, waiting up to {@code seconds}; null if none came. */
  String await(String prefix, int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      String line = lines.poll(100, TimeUnit.MILLISECONDS);
      if (line != null && line.startsWith(prefix)) {
        return line;
      }
      if (line == null && !process.isAlive() && lines.isEmpty()) {
        return null;
      }
    }
    return null;
  }

  /** The next output line of any kind, waiting up to {@code seconds}; null if none came or the child died. */
  String next(int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      String line = lines.poll(100, TimeUnit.MILLISECONDS);
      if (line != null) {
        return line;
      }
      if (!reader.isAlive() && lines.isEmpty()) {
        return null;
      }
    }
    return null;
  }

  /** Lines printed so far that start with {@code prefix}. */
  List<String> drain(String prefix) {
    List<String> out = new ArrayList<>();
    for (String line : lines) {
      if (line.startsWith(prefix)) {
        out.add(line);
      }
    }
    lines.clear();
    return out;
  }

  /** SIGKILL: no shutdown hooks, no clean close, like a crash. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /**
   * SIGKILL, then every line the child wrote and nobody has taken yet, up to the last one it wrote
   * before it died (read to the end of its output, so nothing still in the pipe is missed).
   */
  List<String> killAndCollect() throws InterruptedException {
    kill();
    reader.join(TimeUnit.SECONDS.toMillis(30));
    List<String> out = new ArrayList<>();
    lines.drainTo(out);
    return out;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  long pid() {
    return process.pid();
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      try {
        kill();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
