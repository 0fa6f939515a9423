package dev.marble.benchmark;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;

/**
 * One database under test: how to connect to a directory of its own, the closest column types to
 * Marble's, the settings that make its durability comparable, and how to close it cleanly. Everything
 * the workload does differently per database is here, so the workload itself is plain JDBC.
 */
enum Database {
  MARBLE("marble", "Marble", "BIGINT", "VARBINARY(8192)", "VARCHAR(8192)", "CREATE TABLE", List.of(),
      "`sync=full` (the default): the redo log is fsynced before `commit()` returns",
      "jdbc:marble:<dir>/db") {
    @Override
    String url(Path dir) {
      return "jdbc:marble:" + dir.resolve("db");
    }
  },

  H2("h2", "H2", "BIGINT", "VARBINARY(8192)", "VARCHAR(8192)", "CREATE TABLE", List.of(),
      "default settings (`WRITE_DELAY` 500 ms): a commit is written to the file by a background "
          + "thread within about 0.5 s and H2 never fsyncs on commit (only at `CHECKPOINT SYNC` and "
          + "close), so a killed process may lose the last ~0.5 s of commits and a power cut more",
      "jdbc:h2:file:<dir>/db") {
    @Override
    String url(Path dir) {
      return "jdbc:h2:file:" + dir.resolve("db");
    }

    @Override
    void shutdown(Connection c) throws SQLException {
      // The last connection's close would also close it; SHUTDOWN says so explicitly.
      try (Statement s = c.createStatement()) {
        s.execute("SHUTDOWN");
      }
    }

    @Override
    String settingsInEffect(Connection c) throws SQLException {
      return "WRITE_DELAY=" + query(c, "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS "
          + "WHERE SETTING_NAME = 'WRITE_DELAY'");
    }
  },

  // "INTEGER PRIMARY KEY" is SQLite's 64-bit rowid; BIGINT PRIMARY KEY would add a second B-tree
  // beside the table for the key, which no SQLite user would choose.
  SQLITE("sqlite", "SQLite", "INTEGER", "BLOB", "TEXT", "CREATE TABLE", List.of(),
      "`journal_mode=WAL`, `synchronous=FULL`: the WAL is fsynced at every commit",
      "jdbc:sqlite:<dir>/db.sqlite (journal_mode=WAL, synchronous=FULL)") {
    @Override
    String url(Path dir) {
      return "jdbc:sqlite:" + dir.resolve("db.sqlite");
    }

    @Override
    Properties properties() {
      // Applied by the driver on every connection: synchronous is per connection, not stored.
      Properties p = new Properties();
      p.setProperty("journal_mode", "WAL");
      p.setProperty("synchronous", "FULL");
      return p;
    }

    @Override
    String settingsInEffect(Connection c) throws SQLException {
      return "journal_mode=" + query(c, "PRAGMA journal_mode") + ", synchronous="
          + query(c, "PRAGMA synchronous") + " (2 = FULL)";
    }
  },

  HSQLDB("hsqldb", "HSQLDB", "BIGINT", "VARBINARY(8192)", "VARCHAR(8192)", "CREATE CACHED TABLE",
      // WRITE DELAY FALSE: the log is fsynced at each commit (the default syncs every 0.5 s).
      // RESULT MEMORY ROWS: by default a result is held whole in the heap, and the full scan of 1M
      // rows of 1-8 KB would not fit in it; larger results go to disk instead.
      List.of("SET FILES WRITE DELAY FALSE", "SET DATABASE DEFAULT RESULT MEMORY ROWS 10000"),
      "CACHED tables, `SET FILES WRITE DELAY FALSE`: the log is fsynced at every commit "
          + "(the default would fsync every 0.5 s)",
      "jdbc:hsqldb:file:<dir>/db") {
    @Override
    String url(Path dir) {
      return "jdbc:hsqldb:file:" + dir.resolve("db");
    }

    @Override
    void shutdown(Connection c) throws SQLException {
      // A file database stays open after its last connection closes; SHUTDOWN checkpoints and closes.
      try (Statement s = c.createStatement()) {
        s.execute("SHUTDOWN");
      }
    }

    @Override
    String settingsInEffect(Connection c) throws SQLException {
      String property = "SELECT PROPERTY_VALUE FROM INFORMATION_SCHEMA.SYSTEM_PROPERTIES WHERE PROPERTY_NAME = ";
      return "table type " + query(c, "SELECT HSQLDB_TYPE FROM INFORMATION_SCHEMA.SYSTEM_TABLES "
          + "WHERE TABLE_NAME = 'T'") + ", hsqldb.write_delay=" + query(c, property + "'hsqldb.write_delay'")
          + ", hsqldb.result_max_memory_rows=" + query(c, property + "'hsqldb.result_max_memory_rows'");
    }
  };

  final String key;
  final String label;
  final String idType;
  final String binaryType;
  final String textType;
  final String createTable;
  final List<String> setup;
  final String durability;
  final String urlPattern;

  Database(String key, String label, String idType, String binaryType, String textType,
      String createTable, List<String> setup, String durability, String urlPattern) {
    this.key = key;
    this.label = label;
    this.idType = idType;
    this.binaryType = binaryType;
    this.textType = textType;
    this.createTable = createTable;
    this.setup = setup;
    this.durability = durability;
    this.urlPattern = urlPattern;
  }

  abstract String url(Path dir);

  Properties properties() {
    return new Properties();
  }

  /**
   * The durability-related settings as the database reports them, read back after the reopen so the
   * report states what was in effect rather than what was asked for. Marble has no SQL to read its
   * sync mode; it is the default of the URL used.
   */
  String settingsInEffect(Connection c) throws SQLException {
    return "";
  }

  private static String query(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); java.sql.ResultSet rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : "?";
    }
  }

  /** Before the last connection closes: whatever makes the close clean and complete. */
  void shutdown(Connection c) throws SQLException {}

  Connection connect(Path dir) throws SQLException {
    return DriverManager.getConnection(url(dir), properties());
  }

  /** Statements run once on a new database (settings that the database stores). */
  void configure(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      for (String sql : setup) {
        s.execute(sql);
      }
    }
  }

  String createTableSql(String table, boolean text) {
    return createTable + " " + table + " (id " + idType + " PRIMARY KEY, category INT, "
        + "title VARCHAR(200), payload " + (text ? textType : binaryType) + ")";
  }

  boolean isPeer() {
    return this != MARBLE;
  }

  static Database byKey(String key) {
    for (Database d : values()) {
      if (d.key.equalsIgnoreCase(key.trim())) {
        return d;
      }
    }
    throw new IllegalArgumentException("unknown database '" + key + "' (known: marble, h2, sqlite, hsqldb)");
  }
}
