package dev.marble.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Plain statements have their literals lifted into parameters so that statements differing only
 * in their values share a plan. Each statement here runs twice, on two databases built alike: as a
 * plain Statement (lifted) and as a PreparedStatement of the same text (never lifted, the literals
 * stay); results, update counts, errors and finally the tables must be the same.
 */
class LiteralLiftingTest {
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static final String[] SCHEMA = {
      "CREATE TABLE t (id INT PRIMARY KEY, i INT, b BIGINT, s SMALLINT, ti TINYINT, d DECIMAL(10,2), "
          + "d0 DECIMAL(5,0), f DOUBLE, r REAL, v VARCHAR(5), vu VARCHAR(100), c CHAR(5), dt DATE, "
          + "ts TIMESTAMP, bo BOOLEAN, CHECK (i IS NULL OR i >= -100))",
      "CREATE TABLE g (k INT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name VARCHAR(20) NOT NULL UNIQUE)",
      "INSERT INTO t VALUES (1, 1, 5, 7, 3, 1.50, 2, 0.1, 0.1, 'abc', 'ünï', 'ab', DATE '2024-01-01', "
          + "TIMESTAMP '2024-01-01 10:00:00', TRUE)",
      "INSERT INTO t VALUES (2, -5, 3000000000, -7, -3, -2.25, 9, 1e1, 1, 'abc  ', 'x', 'ab   ', "
          + "DATE '2024-02-01', TIMESTAMP '2024-02-01 00:00:00', FALSE)",
      "INSERT INTO t (id, i) VALUES (3, 2)"};

  private Connection lifted;
  private Connection literal;

  @BeforeEach
  void open() throws SQLException {
    lifted = DriverManager.getConnection("jdbc:marble:mem:lift" + COUNTER.incrementAndGet());
    literal = DriverManager.getConnection("jdbc:marble:mem:lift" + COUNTER.incrementAndGet());
    for (String sql : SCHEMA) {
      try (Statement s = lifted.createStatement(); PreparedStatement ps = literal.prepareStatement(sql)) {
        s.execute(sql);
        ps.execute();
      }
    }
  }

  @AfterEach
  void close() throws SQLException {
    lifted.close();
    literal.close();
  }

  private long plans() throws SQLException {
    return lifted.unwrap(MarbleConnection.class).plansBuilt();
  }

  /** What a statement did: its rows with their column labels and types, its update count, or its error. */
  private static String outcome(Statement s, boolean query) throws SQLException {
    if (!query) {
      return "count " + s.getUpdateCount();
    }
    StringBuilder out = new StringBuilder();
    try (ResultSet rs = s.getResultSet()) {
      ResultSetMetaData md = rs.getMetaData();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        out.append(md.getColumnLabel(i)).append(' ').append(md.getColumnTypeName(i)).append(';');
      }
      while (rs.next()) {
        out.append('\n');
        for (int i = 1; i <= md.getColumnCount(); i++) {
          out.append(rs.getString(i)).append('|');
        }
      }
    }
    return out.toString();
  }

  private String runLifted(String sql) {
    try (Statement s = lifted.createStatement()) {
      return outcome(s, s.execute(sql));
    } catch (SQLException e) {
      return "error " + e.getSQLState() + " " + e.getMessage();
    }
  }

  private String runLiteral(String sql) {
    try (PreparedStatement ps = literal.prepareStatement(sql)) {
      return outcome(ps, ps.execute());
    } catch (SQLException e) {
      return "error " + e.getSQLState() + " " + e.getMessage();
    }
  }

  /** Runs each statement both ways; returns the outcomes, which must agree. */
  private List<String> same(String... statements) {
    List<String> outcomes = new ArrayList<>();
    for (String sql : statements) {
      String expected = runLiteral(sql);
      assertEquals(expected, runLifted(sql), sql);
      outcomes.add(expected);
    }
    return outcomes;
  }

  private void sameTables() {
    same("SELECT * FROM t ORDER BY id", "SELECT * FROM g ORDER BY k");
  }

  @Test
  void pointSelectsShareOnePlan() throws SQLException {
    runLifted("SELECT v FROM t WHERE id = 1");
    long built = plans();
    assertEquals(List.of("V VARCHAR;\nabc  |"), same("SELECT v FROM t WHERE id = 2"));
    assertEquals(List.of("V VARCHAR;"), same("SELECT v FROM t WHERE id = 99"));
    assertEquals(List.of("V VARCHAR;\nabc|"), same("select v from t where id = 1"), "other text: its own plan");
    assertEquals(built + 1, plans(), "id = 2 and id = 99 reuse the plan of id = 1");
  }

  @Test
  void writesByKeyShareOnePlan() throws SQLException {
    runLifted("INSERT INTO t (id, i, v) VALUES (10, 1, 'a')");
    runLifted("UPSERT INTO t (id, i) VALUES (10, 2)");
    runLifted("UPDATE t SET v = 'b', d = 1.5 WHERE id = 10");
    runLifted("DELETE FROM t WHERE id = 10");
    long built = plans();
    for (int id = 11; id < 20; id++) {
      assertEquals(List.of("count 1", "count 1", "count 1", "count 1"), same(
          "INSERT INTO t (id, i, v) VALUES (" + id + ", " + -id + ", 'v" + id + "')",
          "UPSERT INTO t (id, i) VALUES (" + id + ", " + id * 2 + ")",
          "UPDATE t SET v = 'w" + id + "', d = " + id + ".25 WHERE id = " + id,
          "DELETE FROM t WHERE id = " + id));
    }
    assertEquals(built, plans(), "new values, no new plans");
    sameTables();
  }

  @Test
  void generatedKeys() throws SQLException {
    try (Statement s = lifted.createStatement()) {
      s.executeUpdate("INSERT INTO g (name) VALUES ('a')", Statement.RETURN_GENERATED_KEYS);
      s.executeUpdate("INSERT INTO g (name) VALUES ('b')", Statement.RETURN_GENERATED_KEYS);
      try (ResultSet keys = s.getGeneratedKeys()) {
        keys.next();
        assertEquals(2, keys.getInt(1));
      }
    }
  }

  @Test
  void numbersCompareAsTheLiteralDid() {
    same("SELECT id FROM t WHERE i > 1.5", "SELECT id FROM t WHERE i = 1.0", "SELECT id FROM t WHERE i < 2.5e0",
        "SELECT id FROM t WHERE i = 3000000000", "SELECT id FROM t WHERE i = -5", "SELECT id FROM t WHERE i > -2147483649",
        "SELECT id FROM t WHERE b = 3000000000", "SELECT id FROM t WHERE b < 9223372036854775808",
        "SELECT id FROM t WHERE s = 40000", "SELECT id FROM t WHERE ti = 200", "SELECT id FROM t WHERE ti = -3",
        "SELECT id FROM t WHERE d = 1.5", "SELECT id FROM t WHERE d = -2.250", "SELECT id FROM t WHERE d < 1.555",
        "SELECT id FROM t WHERE d > 123456789012", "SELECT id FROM t WHERE d0 > 1.5", "SELECT id FROM t WHERE d0 = 2",
        "SELECT id FROM t WHERE f = 0.1", "SELECT id FROM t WHERE f > 0.1", "SELECT id FROM t WHERE f <= 0.1",
        "SELECT id FROM t WHERE f < 0.10000000000000001", "SELECT id FROM t WHERE d0 >= 2.000", "SELECT id FROM t WHERE f = 1e1", "SELECT id FROM t WHERE f = 10",
        "SELECT id FROM t WHERE f > -0e0", "SELECT id FROM t WHERE r = 0.1", "SELECT id FROM t WHERE r = 1",
        "SELECT id FROM t WHERE r < 1e0", "SELECT id FROM t WHERE id IN (1, 3, 2.5)",
        "SELECT id FROM t WHERE id BETWEEN 2 AND 3", "SELECT id FROM t WHERE i BETWEEN -5 AND 1.5",
        "SELECT id FROM t WHERE 1 = 1", "SELECT id FROM t WHERE 2 = id", "SELECT id FROM t WHERE i*2 = -10");
  }

  @Test
  void stringsCompareAsTheLiteralDid() {
    same("SELECT id FROM t WHERE v = 'abc'", "SELECT id FROM t WHERE v = 'abc  '", "SELECT id FROM t WHERE v = 'abc '",
        "SELECT id FROM t WHERE v = 'abcdefgh'", "SELECT id FROM t WHERE v > ''", "SELECT id FROM t WHERE v = 5",
        "SELECT id FROM t WHERE vu = 'ünï'", "SELECT id FROM t WHERE vu = '€'", "SELECT id FROM t WHERE vu = 'ü'",
        "SELECT id FROM t WHERE c = 'ab'", "SELECT id FROM t WHERE c = 'ab   '", "SELECT id FROM t WHERE c = 'ab '",
        "SELECT id FROM t WHERE c IN ('ab', 'x')", "SELECT id FROM t WHERE i = '1'", "SELECT id FROM t WHERE i = 'abc'",
        "SELECT id FROM t WHERE dt = '2024-01-01'", "SELECT id FROM t WHERE ts > '2024-01-15 00:00:00'",
        "SELECT id FROM t WHERE dt = '2024-02-30'", "SELECT id FROM t WHERE bo = 'true'", "SELECT id FROM t WHERE bo = 1",
        "SELECT id FROM t WHERE v LIKE 'ab%'", "SELECT id FROM t WHERE v = 'it''s'");
  }

  @Test
  void joinsSubqueriesAndLongInLists() {
    StringBuilder in = new StringBuilder("0");
    for (int i = 1; i < 30; i++) {
      in.append(", ").append(i % 2 == 0 ? i : -i);
    }
    same("INSERT INTO g (name) VALUES ('abc'), ('x'), ('y')",
        "SELECT t.id, g.k FROM t JOIN g ON g.name = t.v AND g.k > 0 WHERE t.id = 1",
        "SELECT t.id, count(*) FROM t LEFT JOIN g ON g.k = 2 WHERE t.i >= -5 GROUP BY t.id HAVING count(*) >= 1 "
            + "ORDER BY t.id",
        "SELECT id FROM t WHERE id IN (" + in + ") ORDER BY id",
        "SELECT id FROM t WHERE i NOT IN (" + in + ") ORDER BY id",
        "SELECT id FROM t WHERE id IN (SELECT k FROM g WHERE name = 'x') OR v = 'abc' ORDER BY id",
        "SELECT (SELECT max(k) FROM g WHERE k < 3) AS m, id FROM t WHERE id = 2",
        "SELECT id FROM t WHERE EXISTS (SELECT 1 FROM g WHERE g.k = t.id AND g.name <> 'zz') ORDER BY id",
        "SELECT id FROM t WHERE CASE WHEN i = 1 THEN 'a' ELSE 'b' END = 'a'",
        "SELECT id FROM t WHERE i BETWEEN -10 AND 1 AND NOT (b < 4) ORDER BY id",
        "SELECT id FROM t /* a comment */ WHERE v = 'abc' -- trailing\n",
        "SELECT id FROM t WHERE id = 1;");
  }

  @Test
  void nothingIsLiftedWhereValuesShapeTheResult() {
    same("SELECT 1", "SELECT 1.50, 'x', -5 FROM t WHERE id = 1", "SELECT id FROM t ORDER BY 1 LIMIT 2",
        "SELECT id FROM t ORDER BY id OFFSET 1 ROWS FETCH NEXT 1 ROWS ONLY", "SELECT SUBSTRING(v FROM 2 FOR 1) FROM t",
        "SELECT i, count(*) FROM t GROUP BY i HAVING count(*) > 0 ORDER BY 1",
        "SELECT CASE WHEN i = 1 THEN 'one' ELSE 'other' END FROM t WHERE id < 3 ORDER BY id");
  }

  @Test
  void writesStoreAndFailAsTheLiteralsDid() {
    same("INSERT INTO t (id, i, v) VALUES (10, 1, 'abc'), (11, -2, 'de')",
        "INSERT INTO t (id, v) VALUES (12, 'toolongvalue')",
        "INSERT INTO t (id, d) VALUES (13, 1.5)", "INSERT INTO t (id, d) VALUES (14, 99999999.99)",
        "INSERT INTO t (id, d) VALUES (15, 1.555)", "INSERT INTO t (id, d) VALUES (16, 123456789.5)",
        "INSERT INTO t (id, d, d0) VALUES (17, 7, 7)", "INSERT INTO t (id, s) VALUES (18, 40000)",
        "INSERT INTO t (id, i) VALUES (1, 1)", "INSERT INTO t (id, i) VALUES (19, -101)",
        "INSERT INTO t (id, c) VALUES (20, 'ab')", "INSERT INTO t (id, c) VALUES (21, 'abcdefg')",
        "INSERT INTO t (id, f, r) VALUES (22, 0.1, 0.1)", "INSERT INTO t (id, f, r) VALUES (23, -0e0, 5)",
        "INSERT INTO t (id, i) VALUES (24, 'abc')", "INSERT INTO t (id, dt) VALUES (25, '2024-02-30')",
        "INSERT INTO t (id, vu) VALUES (26, 'ünï€ '), (27, '')", "INSERT INTO t (id, ts) VALUES (28, '2024-01-01 10:00:00')",
        "INSERT INTO t (id, b) VALUES (29, 9223372036854775807)", "INSERT INTO t (id, b) VALUES (30, 9223372036854775808)",
        "INSERT INTO t (id, i) VALUES (31, NULL)", "INSERT INTO t (id) VALUES (32, 1)",
        "INSERT INTO t (id, nosuch) VALUES (33, 1)", "INSERT INTO nosuch VALUES (1)",
        "INSERT INTO g (name) VALUES ('a')", "INSERT INTO g (name) VALUES ('a')", "INSERT INTO g (k, name) VALUES (9, 'b')",
        "INSERT INTO g (name) VALUES (NULL)", "UPSERT INTO t (id, v, d) VALUES (10, 'up', 3.5)",
        "UPSERT INTO t (id, v) VALUES (40, 'new')",
        "UPDATE t SET v = 'zz', d = 2.5 WHERE id = 10", "UPDATE t SET d = 2.555 WHERE id = 10",
        "UPDATE t SET v = 'muchtoolong' WHERE id = 10", "UPDATE t SET i = -1000 WHERE id = 10",
        "UPDATE t SET i = 1.5 WHERE id = 11", "UPDATE t SET id = 1 WHERE id = 11", "UPDATE t SET c = 'x' WHERE id = 11",
        "DELETE FROM t WHERE id = 12", "DELETE FROM t WHERE v = 'de'", "DELETE FROM t WHERE d > 99999999.98");
    sameTables();
  }

  @Test
  void errorsNameWhatFailed() {
    List<String> errors = same("SELECT nosuch FROM t WHERE id = 1", "SELECT * FROM nosuch WHERE id = 1",
        "SELECT id FROM t WHERE i = 'abc'", "SELECT id FROM t WHERE id = 1 AND", "SELECT id FROM t WHERE 10 / i = 0");
    assertEquals(true, errors.get(0).contains("NOSUCH"), errors.get(0));
    assertEquals(true, errors.get(2).contains("abc"), errors.get(2));
    assertEquals(true, errors.get(3).startsWith("error 42000"), errors.get(3));
  }

  @Test
  void ddlInvalidates() throws SQLException {
    runLifted("SELECT v FROM t WHERE id = 1");
    long built = plans();
    runLifted("ALTER TABLE t ADD COLUMN extra INT");
    assertEquals(List.of("V VARCHAR;\nabc  |"), same("SELECT v FROM t WHERE id = 2"));
    assertEquals(built + 2, plans(), "the ALTER, and the SELECT planned again");
    runLifted("DROP TABLE t");
    assertEquals("error 42S02 At line 1, column 15: Table or view 'T' not found", runLifted("SELECT v FROM t WHERE id = 3"));
  }

  @Test
  void batchesOfPlainStatementsShareOnePlan() throws SQLException {
    try (Statement s = lifted.createStatement()) {
      s.executeUpdate("DELETE FROM t WHERE id = 1");
      long built = plans();
      for (int i = 100; i < 150; i++) {
        s.addBatch("DELETE FROM t WHERE id = " + i);
      }
      assertEquals(50, s.executeBatch().length);
      assertEquals(built, plans());
    }
  }
}
