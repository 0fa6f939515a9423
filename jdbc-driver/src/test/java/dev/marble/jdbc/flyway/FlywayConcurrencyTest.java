package dev.marble.jdbc.flyway;

import static dev.marble.jdbc.flyway.FlywayMigrations.HISTORY;
import static dev.marble.jdbc.flyway.FlywayMigrations.count;
import static dev.marble.jdbc.flyway.FlywayMigrations.flyway;
import static dev.marble.jdbc.flyway.FlywayMigrations.write;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two Flyway instances migrating one database at the same moment (a file database is used by one
 * process, so both are in this JVM): every migration is applied exactly once, by one of them, and
 * the history holds each version once, all successful. The migrations insert into a table without
 * a key, so running one twice would leave two rows instead of failing.
 */
class FlywayConcurrencyTest {
  private static final int VERSIONS = 6;
  private static final int MIGRATORS = 2;

  @TempDir
  static Path tmp;

  private static ExecutorService pool;

  @BeforeAll
  static void scripts() {
    Path dir = tmp.resolve("migrations");
    write(dir, "V1__applied.sql", "CREATE TABLE applied (version INT NOT NULL);\nINSERT INTO applied VALUES (1);\n");
    for (int v = 2; v <= VERSIONS; v++) {
      // Each version also creates a table: DDL commits on the migration connection mid-lock.
      write(dir, "V" + v + "__step.sql",
          "CREATE TABLE step_" + v + " (id INT PRIMARY KEY);\nINSERT INTO applied VALUES (" + v + ");\n");
    }
    pool = Executors.newFixedThreadPool(MIGRATORS);
  }

  @AfterAll
  static void stop() {
    pool.shutdownNow();
  }

  @Test
  void concurrentMigratorsOnAMemoryDatabase() throws Exception {
    for (int round = 0; round < 6; round++) {
      String url = "jdbc:marble:mem:fw-race-" + UUID.randomUUID();
      try (Connection keeper = DriverManager.getConnection(url)) {
        race(url, keeper);
      }
    }
  }

  @Test
  void concurrentMigratorsOnAFileDatabase() throws Exception {
    for (int round = 0; round < 2; round++) {
      String url = "jdbc:marble:" + tmp.resolve("db-" + round);
      try (Connection keeper = DriverManager.getConnection(url)) {
        race(url, keeper);
      }
    }
  }

  /** Both migrators start at a barrier; afterwards the database must look as if one had run. */
  private static void race(String url, Connection keeper) throws Exception {
    CyclicBarrier start = new CyclicBarrier(MIGRATORS);
    List<Future<MigrateResult>> results = new ArrayList<>();
    for (int i = 0; i < MIGRATORS; i++) {
      results.add(pool.submit(() -> {
        var flyway = flyway(url, tmp.resolve("migrations")).load();
        start.await();
        return flyway.migrate();
      }));
    }
    int executed = 0;
    for (Future<MigrateResult> result : results) {
      executed += result.get(2, TimeUnit.MINUTES).migrationsExecuted;
    }
    assertEquals(VERSIONS, executed, "between them the migrators applied each version once");
    assertEquals(VERSIONS, count(keeper, "SELECT COUNT(*) FROM applied"));
    assertEquals(VERSIONS, count(keeper, "SELECT COUNT(DISTINCT version) FROM applied"));
    assertEquals(VERSIONS, count(keeper, "SELECT COUNT(*) FROM " + HISTORY));
    assertEquals(VERSIONS, count(keeper, "SELECT COUNT(DISTINCT \"version\") FROM " + HISTORY + " WHERE \"success\""));
    assertEquals(VERSIONS, count(keeper, "SELECT MAX(\"installed_rank\") FROM " + HISTORY));
  }
}
