package dev.marble.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * One Marble server per test JVM, on a free loopback port, serving databases in a temporary
 * directory; the remote contract tests and the server tests share it (starting one takes a while).
 */
public final class TestServer {
  public static final String ADMIN_PASSWORD = "admin-secret";
  private static MarbleServer server;

  private TestServer() {}

  public static synchronized MarbleServer shared() {
    if (server == null) {
      try {
        Path dir = Files.createTempDirectory("marble-server");
        server = MarbleServer.builder(dir).port(0).adminPassword(ADMIN_PASSWORD).start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    return server;
  }

  /** A connection to database {@code name} on the shared server, as ADMIN. */
  public static Connection admin(String name) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", "admin");
    p.setProperty("password", ADMIN_PASSWORD);
    return DriverManager.getConnection(shared().url(name), p);
  }
}
