package dev.marble.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.marble.storage.Database;
import dev.marble.storage.TableSize;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The internal hook {@code unwrap(Database.class)}: the engine database behind an embedded connection. */
class UnwrapDatabaseTest {
  @TempDir Path dir;

  @Test
  void aConnectionUnwrapsToItsDatabaseUntilClosed() throws SQLException {
    Connection c = DriverManager.getConnection("jdbc:marble:" + dir.resolve("db"));
    Database db;
    try (Connection other = DriverManager.getConnection("jdbc:marble:" + dir.resolve("db"))) {
      c.createStatement().execute("CREATE TABLE w (id INT PRIMARY KEY)");
      c.createStatement().execute("INSERT INTO w VALUES (1), (2)");
      assertTrue(c.isWrapperFor(Database.class));
      db = c.unwrap(Database.class);
      assertSame(db, other.unwrap(Database.class), "connections of one JVM share the database");
      assertEquals(List.of(new TableSize("PUBLIC", "W", 2, db.tableSizes().get(0).bytes(), 0)), db.tableSizes());
      assertThrows(SQLException.class, () -> c.unwrap(String.class));
      c.close();
      assertEquals("08003", assertThrows(SQLException.class, () -> c.unwrap(Database.class)).getSQLState());
    }
  }

  @Test
  void aPooledConnectionPassesItThrough() throws SQLException {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:marble:mem:unwrap");
    config.setMaximumPoolSize(1);
    try (HikariDataSource pool = new HikariDataSource(config); Connection c = pool.getConnection()) {
      assertTrue(c.isWrapperFor(Database.class));
      assertEquals("mem:unwrap", c.unwrap(Database.class).name());
    }
  }
}
