package dev.marble.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/marble server}'s Java side, in a child JVM as the launcher runs it. */
class ServerCommandTest {
  @TempDir
  Path dir;

  private Process start(List<String> args, String adminPasswordEnv) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(dev.marble.jdbc.JvmFlags.REQUIRED);
    command.add("-Dchronicle.analytics.disable=true");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("dev.marble.server.ServerCommand");
    command.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().remove("MARBLE_ADMIN_PASSWORD");
    if (adminPasswordEnv != null) {
      pb.environment().put("MARBLE_ADMIN_PASSWORD", adminPasswordEnv);
    }
    return pb.start();
  }

  @Test
  void withoutAnAdminPasswordItRefusesToStart() throws Exception {
    Process p = start(List.of("--dir", dir.toString(), "--port", "0"), null);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(2, p.exitValue(), out);
    assertTrue(out.contains("MARBLE_ADMIN_PASSWORD"), out);
  }

  @Test
  void itServesUntilSigtermThenStopsCleanly() throws Exception {
    Process p = start(List.of("--dir", dir.toString(), "--port", "0"), "from-env");
    StringBuilder out = new StringBuilder();
    var reader = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line;
    String url = null;
    while (url == null && (line = reader.readLine()) != null) {
      out.append(line).append('\n');
      int at = line.indexOf("jdbc:marble:remote://");
      if (at >= 0) {
        url = line.substring(at).replace("<database>", "shop").trim();
      }
    }
    assertTrue(url != null, out.toString());
    try (var c = java.sql.DriverManager.getConnection(url, "admin", "from-env")) {
      c.createStatement().execute("CREATE TABLE t (id INT PRIMARY KEY)");
    }
    // SIGTERM as a service manager sends it (Process.destroy would also close our end of its output).
    assertEquals(0, new ProcessBuilder("kill", "-TERM", Long.toString(p.pid())).start().waitFor());
    String rest = String.join("\n", reader.lines().toList());
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "stopped after SIGTERM");
    assertTrue((out + rest).contains("stopping"), out + rest);
    assertTrue(dir.resolve("shop").toFile().isDirectory());
    assertTrue(new File(dir.toFile(), "shop").list().length > 0);
  }
}
