package dev.marble.seed.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.Map;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * The documents table: {@value #DEFAULT_COUNT} generated texts of 1-8 KB (Flyway placeholder
 * {@code documents} to change), the same on every run. Rows go in batches inside the one
 * transaction Flyway runs the migration in; the table is sized up front for the count.
 */
public final class V3__Documents extends BaseJavaMigration {
  public static final int DEFAULT_COUNT = 10_000;
  /** Seed of the generator: changing it changes every document. */
  static final long SEED = 20_240_101L;
  private static final int BATCH = 500;
  /** Average stored row: the 4.6 KB average body plus title, keys and timestamp. */
  private static final int AVERAGE_ROW_SIZE = 4_700;

  @Override
  public void migrate(Context context) throws Exception {
    int count = count(context.getConfiguration().getPlaceholders());
    Connection connection = context.getConnection();
    try (Statement s = connection.createStatement()) {
      s.execute("CREATE TABLE documents ("
          + " id INT PRIMARY KEY,"
          + " customer_id INT NOT NULL,"
          + " title VARCHAR(200) NOT NULL,"
          + " body CLOB NOT NULL,"
          + " created_at TIMESTAMP NOT NULL,"
          + " word_count INT NOT NULL CHECK (word_count > 0)"
          + ") WITH (initial_entries = " + Math.max(count + count / 10, 1_000)
          + ", average_row_size = " + AVERAGE_ROW_SIZE + ")");
      s.execute("CREATE INDEX documents_customer ON documents (customer_id, created_at)");
    }
    DocumentGenerator generator = new DocumentGenerator(SEED);
    try (PreparedStatement insert = connection.prepareStatement(
        "INSERT INTO documents (id, customer_id, title, body, created_at, word_count) VALUES (?, ?, ?, ?, ?, ?)")) {
      for (int id = 1; id <= count; id++) {
        DocumentGenerator.Document d = generator.next();
        insert.setInt(1, id);
        insert.setInt(2, d.customerId());
        insert.setString(3, d.title());
        insert.setString(4, d.body());
        insert.setTimestamp(5, Timestamp.valueOf(d.createdAt()));
        insert.setInt(6, d.words());
        insert.addBatch();
        if (id % BATCH == 0) {
          insert.executeBatch();
        }
      }
      insert.executeBatch();
    }
  }

  private static int count(Map<String, String> placeholders) {
    String value = placeholders.get("documents");
    if (value == null) {
      return DEFAULT_COUNT;
    }
    try {
      int count = Integer.parseInt(value.trim());
      if (count >= 0) {
        return count;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("documents must be a whole number of 0 or more, not '" + value + "'");
  }
}
