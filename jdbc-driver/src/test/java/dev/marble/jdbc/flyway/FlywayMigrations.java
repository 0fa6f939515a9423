package dev.marble.jdbc.flyway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/** Shared pieces of the Flyway tests: a migrations folder, a configured Flyway, one-value queries. */
final class FlywayMigrations {
  private FlywayMigrations() {}

  static final String HISTORY = "\"flyway_schema_history\"";

  /** Writes a migration script into {@code dir} (the folder Flyway reads with a filesystem: location). */
  static void write(Path dir, String fileName, String sql) {
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(fileName), sql);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Flyway on {@code url} with the scripts of {@code dir}, clean allowed; nothing but the URL tells it the database. */
  static FluentConfiguration flyway(String url, Path dir) {
    return Flyway.configure().dataSource(url, "", "").locations("filesystem:" + dir).cleanDisabled(false);
  }

  static long count(String url, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url)) {
      return count(c, sql);
    }
  }

  static long count(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
