package dev.marble.seed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seed applied once to a file database (2,000 documents instead of 10,000, for speed), then examined. */
class SeedTest {
  @TempDir
  static Path tmp;

  private static final int DOCUMENTS = 2_000;

  private static String url;
  private static Connection connection;
  private static MigrateResult first;

  @BeforeAll
  static void seed() throws SQLException {
    url = "jdbc:marble:" + tmp.resolve("seeded");
    long start = System.nanoTime();
    first = Seed.migrate(url, DOCUMENTS);
    System.out.printf("seeded in %d ms%n", (System.nanoTime() - start) / 1_000_000);
    connection = DriverManager.getConnection(url);
  }

  @AfterAll
  static void close() throws SQLException {
    connection.close();
  }

  private static long one(String sql) throws SQLException {
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      assertTrue(rs.next(), sql);
      return rs.getLong(1);
    }
  }

  private static SQLException refused(String sql) {
    return assertThrows(SQLException.class, () -> {
      try (Statement s = connection.createStatement()) {
        s.executeUpdate(sql);
      }
    }, sql);
  }

  @Test
  void everyMigrationIsAppliedAndTheRowsAreThere() throws SQLException {
    assertEquals(4, first.migrationsExecuted);
    assertEquals(24, one("SELECT COUNT(*) FROM customers"));
    assertEquals(5, one("SELECT COUNT(*) FROM categories"));
    assertEquals(22, one("SELECT COUNT(*) FROM products"));
    assertEquals(60, one("SELECT COUNT(*) FROM orders"));
    assertEquals(one("SELECT COUNT(*) FROM order_items"), one("SELECT SUM(lines) FROM order_totals"));
    assertEquals(DOCUMENTS, one("SELECT COUNT(*) FROM documents"));
  }

  @Test
  void theViewTotalsEachOrder() throws SQLException {
    assertEquals(60, one("SELECT COUNT(*) FROM order_totals"));
    assertEquals(0, one("SELECT COUNT(*) FROM order_totals t WHERE t.total <> "
        + "(SELECT SUM(quantity * unit_price) FROM order_items i WHERE i.order_id = t.order_id)"));
  }

  @Test
  void constraintsHold() {
    assertEquals("23514", refused("INSERT INTO products VALUES (99, 'SKU-X', 'Free stone', 1, 0, 1)").getSQLState());
    assertEquals("23514", refused("UPDATE orders SET status = 'LOST' WHERE id = 1").getSQLState());
    assertEquals("23505", refused("INSERT INTO customers SELECT 99, email, name, country, joined_on "
        + "FROM customers WHERE id = 1").getSQLState());
    assertEquals("23502", refused("INSERT INTO categories (id) VALUES (99)").getSQLState());
  }

  @Test
  void foreignKeysHold() throws SQLException {
    assertEquals("23503", refused("INSERT INTO orders VALUES (99, 999, CURRENT_TIMESTAMP, 'NEW')").getSQLState());
    assertEquals("23503", refused("INSERT INTO documents (id, customer_id, title, body, created_at, word_count) "
        + "SELECT 999999, 999, title, body, created_at, word_count FROM documents WHERE id = 1").getSQLState());
    assertEquals("23503", refused("DELETE FROM categories WHERE id = 1").getSQLState());
    try (ResultSet rs = connection.getMetaData().getImportedKeys(null, "PUBLIC", "ORDER_ITEMS")) {
      int keys = 0;
      while (rs.next()) {
        keys++;
      }
      assertEquals(2, keys, "order_items references orders and products");
    }
  }

  @Test
  void documentsAreOneToEightKilobytes() throws SQLException {
    assertTrue(one("SELECT MIN(CHAR_LENGTH(body)) FROM documents") >= 1024);
    assertTrue(one("SELECT MAX(CHAR_LENGTH(body)) FROM documents") <= 8192);
    assertEquals(0, one("SELECT COUNT(*) FROM documents WHERE customer_id NOT IN (SELECT id FROM customers)"));
  }

  /** A topic word is in a few percent of the documents: a search finds some, not all. */
  @Test
  void keywordSearchFindsSomeDocuments() throws SQLException {
    long granite = one("SELECT COUNT(*) FROM documents WHERE body LIKE '%granite%'");
    assertTrue(granite > DOCUMENTS / 100 && granite < DOCUMENTS / 5, "documents about granite: " + granite);
    assertEquals(granite, one("SELECT COUNT(*) FROM documents WHERE POSITION('granite' IN body) > 0"));
  }

  @Test
  void seedingAgainChangesNothing() throws SQLException {
    assertEquals(0, Seed.migrate(url, DOCUMENTS).migrationsExecuted);
    assertEquals(DOCUMENTS, one("SELECT COUNT(*) FROM documents"));
  }
}
