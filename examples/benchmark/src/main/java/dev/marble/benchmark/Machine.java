package dev.marble.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the numbers were measured on, for the report: they mean little without it. */
final class Machine {
  private Machine() {}

  static Map<String, String> describe(Path scratch) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("CPU", cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " cores available to the JVM");
    m.put("Memory", memory());
    m.put("OS", System.getProperty("os.name") + " " + System.getProperty("os.version") + " ("
        + System.getProperty("os.arch") + ")");
    m.put("JVM", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + " ("
        + System.getProperty("java.vm.vendor") + "), max heap " + (Runtime.getRuntime().maxMemory() >> 20) + " MB, "
        + String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
            .filter(a -> a.startsWith("-X")).toList()));
    m.put("Scratch file system", fileSystem(scratch));
    return m;
  }

  /** The model name from /proc/cpuinfo where there is one (Linux), else the architecture. */
  private static String cpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException | RuntimeException ignored) {
      // not Linux: fall through
    }
    return System.getProperty("os.arch");
  }

  private static String memory() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      return String.format("%.1f GB total, %.1f GB free at start", os.getTotalMemorySize() / 1e9,
          os.getFreeMemorySize() / 1e9);
    }
    return "unknown";
  }

  private static String fileSystem(Path dir) {
    try {
      FileStore store = Files.getFileStore(dir);
      return store.type() + " (" + store.name() + "), " + store.getUsableSpace() / 1_000_000_000 + " GB free";
    } catch (IOException | RuntimeException e) {
      return "unknown (" + e.getMessage() + ")";
    }
  }
}
