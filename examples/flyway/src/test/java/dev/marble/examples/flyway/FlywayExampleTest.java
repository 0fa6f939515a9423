package dev.marble.examples.flyway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example's migrations through Flyway 12 (this module's version), on a file and an in-memory database. */
class FlywayExampleTest {
  @TempDir
  Path tmp;

  @Test
  void runsOnFlywayTwelve() throws IOException {
    Properties pom = new Properties();
    try (InputStream in = Flyway.class.getResourceAsStream("/META-INF/maven/org.flywaydb/flyway-core/pom.properties")) {
      pom.load(in);
    }
    assertTrue(pom.getProperty("version").startsWith("12."), "flyway-core " + pom.getProperty("version"));
  }

  @Test
  void migrateInfoValidateCleanOnAFileDatabase() throws SQLException {
    String url = "jdbc:marble:" + tmp.resolve("notes");
    Flyway flyway = FlywayExample.flyway(url);
    assertEquals(3, flyway.migrate().migrationsExecuted);
    assertEquals(0, flyway.migrate().migrationsExecuted);
    flyway.validate();
    assertEquals("2", flyway.info().current().getVersion().getVersion());
    assertTrue(Arrays.stream(flyway.info().applied()).allMatch(i -> i.getState() == MigrationState.SUCCESS));
    try (Connection c = DriverManager.getConnection(url)) {
      assertEquals(1, one(c, "SELECT notes FROM notes_per_notebook WHERE name = 'ideas'"));
    }

    FluentConfiguration cleanable = Flyway.configure().dataSource(url, "", "").cleanDisabled(false);
    cleanable.load().clean();
    try (Connection c = DriverManager.getConnection(url);
        ResultSet rs = c.getMetaData().getTables(null, "PUBLIC", "%", new String[] {"TABLE", "VIEW"})) {
      assertFalse(rs.next(), "clean leaves nothing");
    }
    assertEquals(3, flyway.migrate().migrationsExecuted);
  }

  @Test
  void migratesAnInMemoryDatabaseWhileAConnectionKeepsItAlive() throws SQLException {
    String url = "jdbc:marble:mem:flyway-example";
    try (Connection keeper = DriverManager.getConnection(url)) {
      FlywayExample.main(new String[] {url});
      assertEquals(3, one(keeper, "SELECT COUNT(*) FROM \"flyway_schema_history\""));
    }
  }

  private static long one(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
