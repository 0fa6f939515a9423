package dev.marble.jdbc;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks, before any Chronicle Map class loads, that the JVM was started with the options Chronicle
 * Map needs on Java 17+, and that it is a full JDK (Chronicle loads javac when it starts; the engine
 * ships the class it would compile, but whatever Chronicle does compile needs the javac.file export).
 * Without this check a user sees an ExceptionInInitializerError or NoClassDefFoundError far from the
 * cause.
 */
public final class JvmFlags {
  /** The options every launcher passes; the driver checks each. */
  public static final List<String> REQUIRED = List.of(
      "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
      "--add-opens=java.base/java.lang=ALL-UNNAMED",
      "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
      "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED");

  private JvmFlags() {}

  /** What is missing from this JVM, as command-line options or module names; empty when all is set. */
  public static List<String> missing() {
    Module me = JvmFlags.class.getModule();
    Module base = Object.class.getModule();
    List<String> missing = new ArrayList<>();
    if (!base.isExported("sun.nio.ch", me)) {
      missing.add(REQUIRED.get(0));
    }
    if (!base.isOpen("java.lang", me)) {
      missing.add(REQUIRED.get(1));
    }
    if (!base.isOpen("java.lang.reflect", me)) {
      missing.add(REQUIRED.get(2));
    }
    Optional<Module> compiler = ModuleLayer.boot().findModule("jdk.compiler");
    if (compiler.isEmpty()) {
      missing.add("the jdk.compiler module (run Marble on a full JDK, not a JRE)");
    } else if (!compiler.get().isExported("com.sun.tools.javac.file", me)) {
      missing.add(REQUIRED.get(3));
    }
    if (ModuleLayer.boot().findModule("jdk.zipfs").isEmpty()) {
      missing.add("the jdk.zipfs module (run Marble on a full JDK, not a JRE)");
    }
    return missing;
  }

  /** Fails with an SQLException listing exactly what is missing. */
  static void check() throws SQLException {
    List<String> missing = missing();
    if (!missing.isEmpty()) {
      throw new SQLException("Marble's embedded engine (Chronicle Map) needs these JVM options, missing here: "
          + String.join(" ", missing) + " . Add them to the java command line (or JDK_JAVA_OPTIONS), or connect "
          + "to a Marble server with jdbc:marble:remote://..., which needs none.", "08001");
    }
  }
}
