package dev.marble.jdbc.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base of the contract suites: a fresh database per test (from {@link #backend(Path)}), one open
 * connection {@link #c} and statement {@link #s}, and assertion helpers.
 */
public abstract class ContractBase {
  @TempDir
  Path tmp;

  protected Backend backend;
  protected Connection c;
  protected Statement s;

  protected abstract Backend backend(Path dir);

  @BeforeEach
  void open() throws SQLException {
    backend = backend(tmp);
    c = backend.connect();
    s = c.createStatement();
  }

  @AfterEach
  void closeAll() throws SQLException {
    if (c != null && !c.isClosed()) {
      c.close();
    }
    backend.close();
  }

  protected void exec(String... sql) throws SQLException {
    for (String q : sql) {
      s.execute(q);
    }
  }

  /** All rows of a query, each row's values joined by "|", rows in result order. */
  protected List<String> rows(String sql) throws SQLException {
    return rows(c, sql);
  }

  protected static List<String> rows(Connection conn, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= n; i++) {
          row.append(i > 1 ? "|" : "").append(rs.getString(i));
        }
        out.add(row.toString());
      }
    }
    return out;
  }

  protected String one(String sql) throws SQLException {
    List<String> r = rows(sql);
    assertEquals(1, r.size(), () -> sql + " returned " + r);
    return r.get(0);
  }

  /** Runs {@code sql}, expects an SQLException with {@code state} whose message contains each word. */
  protected SQLException fails(String state, String sql, String... words) {
    SQLException e = assertThrows(SQLException.class, () -> s.execute(sql), sql);
    assertEquals(state, e.getSQLState(), () -> "SQLState of " + sql + ": " + e.getMessage());
    for (String w : words) {
      assertTrue(e.getMessage().toUpperCase().contains(w.toUpperCase()),
          () -> "message of " + sql + " should name " + w + ": " + e.getMessage());
    }
    return e;
  }
}
