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

/**
 * The client side of server mode needs neither Chronicle's JVM flags nor a JDK compiler: a child
 * JVM started without the flags, limited to the java.se modules (no jdk.compiler) and without
 * Chronicle Map's or Calcite's jars on its class path talks to the shared server.
 */
class ThinClientTest {
  @Test
  void aClientWithoutFlagsCompilerOrEngineJarsWorks() throws Exception {
    String url = TestServer.shared().url("thin");
    List<String> classpath = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      String name = Path.of(entry).getFileName().toString();
      if (!name.startsWith("chronicle-") && !name.startsWith("calcite-core") && !name.startsWith("janino")
          && !name.startsWith("commons-compiler")) {
        classpath.add(entry);
      }
    }
    List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--limit-modules", "java.se", "-cp", String.join(File.pathSeparator, classpath),
        ThinClient.class.getName(), url, TestServer.ADMIN_PASSWORD);
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the client finished");
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), out);
    assertTrue(out.contains("key=1"), out);
    assertTrue(out.contains("name=remote"), out);
    assertTrue(out.contains("product=Marble"), out);
    assertTrue(!out.contains("present:"), out);
  }
}
