package dev.marble.jdbc.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.marble.jdbc.MarbleConnection;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The JDBC API around statements: types, parameters, keys, batches, transactions, the plan cache. */
public abstract class JdbcApiContract extends ContractBase {
  private static final String ALL_TYPES = "CREATE TABLE all_types (id INT PRIMARY KEY, b BOOLEAN, ti TINYINT, "
      + "si SMALLINT, i INTEGER, bi BIGINT, r REAL, d DOUBLE, dc DECIMAL(12,3), ch CHAR(4), vc VARCHAR(30), "
      + "cl CLOB, bin BINARY(3), vb VARBINARY(10), bl BLOB, dt DATE, tm TIME, ts TIMESTAMP, u UUID)";

  @Test
  void everyTypeRoundTripsThroughParameters() throws SQLException {
    exec(ALL_TYPES);
    UUID uuid = UUID.randomUUID();
    String clob = "long text ".repeat(2000);
    byte[] blob = new byte[50_000];
    new java.util.Random(7).nextBytes(blob);
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO all_types VALUES "
        + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setInt(1, 1);
      ps.setBoolean(2, true);
      ps.setByte(3, (byte) -7);
      ps.setShort(4, (short) 300);
      ps.setInt(5, 123456);
      ps.setLong(6, 1L << 40);
      ps.setFloat(7, 1.5f);
      ps.setDouble(8, Math.PI);
      ps.setBigDecimal(9, new BigDecimal("123456789.125"));
      ps.setString(10, "ab");
      ps.setString(11, "héllo wörld ✓");
      ps.setCharacterStream(12, new StringReader(clob));
      ps.setBytes(13, new byte[] {1, 2, 3});
      ps.setBytes(14, new byte[] {0, -1, 127});
      ps.setBinaryStream(15, new ByteArrayInputStream(blob));
      ps.setObject(16, LocalDate.of(1969, 7, 20));
      ps.setObject(17, LocalTime.of(20, 17, 40));
      ps.setObject(18, LocalDateTime.of(2024, 2, 29, 23, 59, 58, 123_000_000));
      ps.setObject(19, uuid);
      assertEquals(1, ps.executeUpdate());
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT * FROM all_types WHERE id = ?")) {
      ps.setInt(1, 1);
      try (ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next());
        assertTrue(rs.getBoolean("b"));
        assertEquals(-7, rs.getByte("ti"));
        assertEquals(300, rs.getShort("si"));
        assertEquals(123456, rs.getInt("i"));
        assertEquals(1L << 40, rs.getLong("bi"));
        assertEquals(1.5f, rs.getFloat("r"));
        assertEquals(Math.PI, rs.getDouble("d"));
        assertEquals(new BigDecimal("123456789.125"), rs.getBigDecimal("dc"));
        assertEquals("ab  ", rs.getString("ch"));
        assertEquals("héllo wörld ✓", rs.getString("vc"));
        assertEquals(clob, rs.getString("cl"));
        assertEquals(clob.length(), rs.getClob("cl").length());
        assertArrayEquals(new byte[] {1, 2, 3}, rs.getBytes("bin"));
        assertArrayEquals(new byte[] {0, -1, 127}, rs.getBytes("vb"));
        assertArrayEquals(blob, rs.getBlob("bl").getBytes(1, blob.length));
        assertEquals(LocalDate.of(1969, 7, 20), rs.getObject("dt", LocalDate.class));
        assertEquals(LocalTime.of(20, 17, 40), rs.getObject("tm", LocalTime.class));
        assertEquals(LocalDateTime.of(2024, 2, 29, 23, 59, 58, 123_000_000), rs.getObject("ts", LocalDateTime.class));
        assertEquals(java.sql.Date.valueOf("1969-07-20"), rs.getDate("dt"));
        assertEquals(uuid, rs.getObject("u"));
        assertFalse(rs.next());
      }
    }
  }

  @Test
  void nullsOfEveryType() throws SQLException {
    exec(ALL_TYPES);
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO all_types (id, b, i, dc, vc, bl, dt, ts, u) "
        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setInt(1, 1);
      int[] types = {Types.BOOLEAN, Types.INTEGER, Types.DECIMAL, Types.VARCHAR, Types.BLOB, Types.DATE,
          Types.TIMESTAMP, Types.OTHER};
      for (int i = 0; i < types.length; i++) {
        ps.setNull(i + 2, types[i]);
      }
      ps.executeUpdate();
    }
    try (ResultSet rs = s.executeQuery("SELECT b, i, dc, vc, bl, dt, ts, u FROM all_types")) {
      assertTrue(rs.next());
      for (int i = 1; i <= 8; i++) {
        assertNull(rs.getObject(i));
      }
      assertEquals(0, rs.getInt(2));
      assertTrue(rs.wasNull());
    }
  }

  @Test
  void resultSetMetaDataDescribesColumns() throws SQLException {
    exec(ALL_TYPES);
    try (ResultSet rs = s.executeQuery("SELECT id, vc AS label, dc, cl, u, bi + 1 AS computed FROM all_types")) {
      ResultSetMetaData md = rs.getMetaData();
      assertEquals(6, md.getColumnCount());
      assertEquals("ID", md.getColumnName(1));
      assertEquals("LABEL", md.getColumnLabel(2));
      assertEquals("VC", md.getColumnName(2));
      assertEquals("ALL_TYPES", md.getTableName(2));
      assertEquals("PUBLIC", md.getSchemaName(2));
      assertEquals(Types.VARCHAR, md.getColumnType(2));
      assertEquals(30, md.getPrecision(2));
      assertEquals(Types.DECIMAL, md.getColumnType(3));
      assertEquals(12, md.getPrecision(3));
      assertEquals(3, md.getScale(3));
      assertEquals(Types.CLOB, md.getColumnType(4));
      assertEquals("UUID", md.getColumnTypeName(5));
      assertEquals(ResultSetMetaData.columnNoNulls, md.isNullable(1));
      assertEquals(ResultSetMetaData.columnNullable, md.isNullable(2));
      assertEquals(Types.BIGINT, md.getColumnType(6));
    }
  }

  @Test
  void executeProtocol() throws SQLException {
    assertFalse(s.execute("CREATE TABLE t (id INT PRIMARY KEY)"));
    assertEquals(0, s.getUpdateCount());
    assertFalse(s.execute("INSERT INTO t VALUES (1), (2)"));
    assertEquals(2, s.getUpdateCount());
    assertNull(s.getResultSet());
    assertFalse(s.getMoreResults());
    assertEquals(-1, s.getUpdateCount());
    assertTrue(s.execute("SELECT * FROM t"));
    assertEquals(-1, s.getUpdateCount());
    ResultSet rs = s.getResultSet();
    assertTrue(rs.next());
    assertFalse(s.getMoreResults());
    assertTrue(rs.isClosed());
    assertEquals(-1, s.getUpdateCount());
    assertThrows(SQLException.class, () -> s.executeQuery("DELETE FROM t"));
    assertThrows(SQLException.class, () -> s.executeUpdate("SELECT * FROM t"));
    s.setMaxRows(1);
    assertEquals(1, countRows(s.executeQuery("SELECT * FROM t")), "setMaxRows(1) caps the result");
  }

  private static int countRows(ResultSet rs) throws SQLException {
    int n = 0;
    while (rs.next()) {
      n++;
    }
    return n;
  }

  @Test
  void closeOnCompletionClosesTheStatement() throws SQLException {
    Statement st = c.createStatement();
    st.closeOnCompletion();
    ResultSet rs = st.executeQuery("VALUES 1");
    assertFalse(st.isClosed());
    rs.close();
    assertTrue(st.isClosed());
  }

  @Test
  void generatedKeysForIdentityColumns() throws SQLException {
    exec("CREATE TABLE t (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, name VARCHAR(10))");
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO t (name) VALUES (?)", Statement.RETURN_GENERATED_KEYS)) {
      ps.setString(1, "a");
      ps.executeUpdate();
      try (ResultSet keys = ps.getGeneratedKeys()) {
        assertTrue(keys.next());
        assertEquals(1, keys.getLong(1));
        assertEquals("ID", keys.getMetaData().getColumnName(1));
        assertFalse(keys.next());
      }
    }
    assertEquals(2, s.executeUpdate("INSERT INTO t (name) VALUES ('b'), ('c')", Statement.RETURN_GENERATED_KEYS));
    List<Long> ids = new java.util.ArrayList<>();
    try (ResultSet keys = s.getGeneratedKeys()) {
      while (keys.next()) {
        ids.add(keys.getLong(1));
      }
    }
    assertEquals(List.of(2L, 3L), ids);
    s.executeUpdate("INSERT INTO t (name) VALUES ('d')", new String[] {"id", "name"});
    try (ResultSet keys = s.getGeneratedKeys()) {
      assertTrue(keys.next());
      assertEquals("4|d", keys.getLong(1) + "|" + keys.getString(2));
    }
  }

  @Test
  void batchesReportEachCountAndStopAtAFailure() throws SQLException {
    exec("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(10))");
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO t VALUES (?, ?)")) {
      for (int i = 1; i <= 3; i++) {
        ps.setInt(1, i);
        ps.setString(2, "v" + i);
        ps.addBatch();
      }
      assertArrayEquals(new int[] {1, 1, 1}, ps.executeBatch());
      ps.setInt(1, 4);
      ps.setString(2, "ok");
      ps.addBatch();
      ps.setInt(1, 1);
      ps.setString(2, "dup");
      ps.addBatch();
      BatchUpdateException e = assertThrows(BatchUpdateException.class, ps::executeBatch);
      assertEquals("23505", e.getSQLState());
      assertArrayEquals(new int[] {1}, e.getUpdateCounts());
    }
    s.addBatch("UPDATE t SET v = 'x' WHERE id <= 2");
    s.addBatch("DELETE FROM t WHERE id = 3");
    assertArrayEquals(new int[] {2, 1}, s.executeBatch());
    assertEquals("3", one("SELECT COUNT(*) FROM t"));
  }

  @Test
  void parameterErrorsNameTheParameter() throws SQLException {
    exec("CREATE TABLE t (id INT PRIMARY KEY, d DATE)");
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO t VALUES (?, ?)")) {
      SQLException e = assertThrows(SQLException.class, () -> ps.setString(1, "twelve"));
      assertEquals("22018", e.getSQLState());
      assertTrue(e.getMessage().contains("parameter 1"), e.getMessage());
      ps.setInt(1, 1);
      SQLException missing = assertThrows(SQLException.class, ps::executeUpdate);
      assertEquals("07001", missing.getSQLState());
      assertEquals(2, ps.getParameterMetaData().getParameterCount());
      assertEquals(Types.DATE, ps.getParameterMetaData().getParameterType(2));
    }
  }

  @Test
  void transactionsCommitRollbackAndSavepoints() throws SQLException {
    exec("CREATE TABLE t (id INT PRIMARY KEY, v INT)");
    c.setAutoCommit(false);
    exec("INSERT INTO t VALUES (1, 1)");
    try (Connection other = backend.connect()) {
      assertEquals(List.of(), rows(other, "SELECT * FROM t"));
      assertEquals(List.of("1|1"), rows("SELECT * FROM t"));
      c.commit();
      assertEquals(List.of("1|1"), rows(other, "SELECT * FROM t"));
    }
    exec("INSERT INTO t VALUES (2, 2)");
    Savepoint sp = c.setSavepoint("before3");
    exec("INSERT INTO t VALUES (3, 3)", "UPDATE t SET v = 10 WHERE id = 1");
    assertEquals(List.of("1|10", "2|2", "3|3"), rows("SELECT * FROM t ORDER BY id"));
    c.rollback(sp);
    assertEquals(List.of("1|1", "2|2"), rows("SELECT * FROM t ORDER BY id"));
    SQLException dup = assertThrows(SQLException.class, () -> s.execute("INSERT INTO t VALUES (4, 4), (1, 1)"));
    assertEquals("23505", dup.getSQLState());
    assertEquals(List.of("1|1", "2|2"), rows("SELECT * FROM t ORDER BY id"), "the failed statement alone is undone");
    c.rollback();
    assertEquals(List.of("1|1"), rows("SELECT * FROM t ORDER BY id"));
    exec("DELETE FROM t");
    c.setAutoCommit(true);
    assertEquals(List.of(), rows("SELECT * FROM t"));
  }

  @Test
  void multiRowInsertsRunOneRowPlanPerRow() throws SQLException {
    exec("CREATE TABLE g (id INT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, v VARCHAR(10), n INT CHECK (n > 0))");
    // Plans are counted by the embedded connection; a remote client cannot see the server's.
    MarbleConnection marble = backend.isRemote() ? null : c.unwrap(MarbleConnection.class);
    assertEquals(3, s.executeUpdate("INSERT INTO g (v, n) VALUES ('a', 1), ('b', 2), ('c', 3)",
        Statement.RETURN_GENERATED_KEYS));
    List<String> keys = new java.util.ArrayList<>();
    try (ResultSet rs = s.getGeneratedKeys()) {
      while (rs.next()) {
        keys.add(rs.getString(1));
      }
    }
    assertEquals(List.of("1", "2", "3"), keys);
    long built = marble == null ? 0 : marble.plansBuilt();
    StringBuilder many = new StringBuilder("INSERT INTO g (v, n) VALUES ('x', 1)");
    for (int i = 2; i <= 500; i++) {
      many.append(", ('x', ").append(i).append(")");
    }
    assertEquals(500, s.executeUpdate(many.toString()));
    if (marble != null) {
      assertEquals(built + 1, marble.plansBuilt(), "the 500-row shape is planned as the shared one-row INSERT");
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO g (v, n) VALUES (?, ?), (?, ?)")) {
      ps.setString(1, "p");
      ps.setInt(2, 7);
      ps.setString(3, "q");
      ps.setInt(4, -1);
      SQLException e = assertThrows(SQLException.class, ps::executeUpdate);
      assertEquals("23514", e.getSQLState());
    }
    assertEquals("0", one("SELECT COUNT(*) FROM g WHERE v IN ('p', 'q')"), "the failed statement left no row");
    assertEquals("503|503", one("SELECT COUNT(*), MAX(id) FROM g"));
  }

  @Test
  void repeatedSqlIsPlannedOnce() throws SQLException {
    assumeFalse(backend.isRemote(), "plans are counted by the embedded connection, out of a remote client's reach");
    exec("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(10))", "INSERT INTO t VALUES (1, 'a')");
    MarbleConnection marble = c.unwrap(MarbleConnection.class);
    String sql = "SELECT v FROM t WHERE id = ?";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setInt(1, 1);
      ps.executeQuery().close();
    }
    long built = marble.plansBuilt();
    for (int i = 0; i < 20; i++) {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setInt(1, 1);
        try (ResultSet rs = ps.executeQuery()) {
          assertTrue(rs.next());
          assertEquals("a", rs.getString(1));
        }
      }
    }
    assertEquals(built, marble.plansBuilt(), "no re-planning of the same SQL text");
    exec("ALTER TABLE t ADD COLUMN w INT");
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setInt(1, 1);
      ps.executeQuery().close();
    }
    assertEquals(built + 2, marble.plansBuilt(), "DDL invalidates: the ALTER and the re-planned SELECT");
  }

  @Test
  void clobAndBlobStreams() throws Exception {
    exec("CREATE TABLE doc (id INT PRIMARY KEY, body CLOB, data BLOB)");
    String text = "x".repeat(100_000);
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO doc VALUES (1, ?, ?)")) {
      ps.setClob(1, new StringReader(text));
      ps.setBlob(2, new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
      ps.executeUpdate();
    }
    try (ResultSet rs = s.executeQuery("SELECT body, data FROM doc")) {
      assertTrue(rs.next());
      assertEquals(text.length(), rs.getCharacterStream(1).transferTo(java.io.Writer.nullWriter()));
      assertEquals(text.length(), rs.getBinaryStream(2).readAllBytes().length);
    }
  }

  @Test
  void concurrentWritersOnTheirOwnConnections() throws Exception {
    exec("CREATE TABLE event (id INT PRIMARY KEY, writer INT, n INT)");
    int writers = 4;
    int each = 300;
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(writers);
    try {
      List<java.util.concurrent.Future<Integer>> done = new java.util.ArrayList<>();
      for (int w = 0; w < writers; w++) {
        int writer = w;
        done.add(pool.submit(() -> {
          try (Connection conn = backend.connect();
              PreparedStatement insert = conn.prepareStatement("INSERT INTO event VALUES (?, ?, ?)");
              PreparedStatement bump = conn.prepareStatement("UPDATE event SET n = n + 1 WHERE id = ?")) {
            for (int i = 0; i < each; i++) {
              int id = writer * each + i;
              insert.setInt(1, id);
              insert.setInt(2, writer);
              insert.setInt(3, 0);
              insert.executeUpdate();
              bump.setInt(1, id);
              bump.executeUpdate();
            }
            return each;
          }
        }));
      }
      for (java.util.concurrent.Future<Integer> f : done) {
        assertEquals(each, f.get(120, java.util.concurrent.TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(writers * each + "|" + writers * each, one("SELECT COUNT(*), SUM(n) FROM event"));
  }

  @Test
  void transactionControlInSql() throws SQLException {
    exec("CREATE TABLE t (id INT PRIMARY KEY)");
    exec("START TRANSACTION", "INSERT INTO t VALUES (1)", "SAVEPOINT a", "INSERT INTO t VALUES (2)",
        "ROLLBACK TO SAVEPOINT a", "INSERT INTO t VALUES (3)");
    try (Connection other = backend.connect()) {
      assertEquals(List.of(), rows(other, "SELECT * FROM t"), "nothing is visible before COMMIT");
      exec("COMMIT");
      assertEquals(List.of("1", "3"), rows(other, "SELECT * FROM t ORDER BY id"));
    }
    exec("BEGIN", "DELETE FROM t", "ROLLBACK");
    assertEquals(List.of("1", "3"), rows("SELECT * FROM t ORDER BY id"));
    exec("DELETE FROM t WHERE id = 1");
    assertEquals(List.of("3"), rows("SELECT * FROM t"), "auto-commit resumes after the transaction");
    fails("3B001", "ROLLBACK TO SAVEPOINT nope", "NOPE");
    fails("3B001", "SAVEPOINT outside", "OUTSIDE");
    assertTrue(c.getAutoCommit());
  }

  @Test
  void viewColumnsKeepTheirDeclaredTypes() throws SQLException {
    exec("CREATE TABLE t (id INT PRIMARY KEY, name VARCHAR(50), price DECIMAL(10,2))",
        "CREATE VIEW v (ident, label, cost) AS SELECT id, name, price FROM t");
    try (ResultSet rs = s.executeQuery("SELECT * FROM v")) {
      ResultSetMetaData md = rs.getMetaData();
      assertEquals(50, md.getPrecision(2));
      assertEquals(10, md.getPrecision(3));
      assertEquals(2, md.getScale(3));
    }
    try (ResultSet rs = c.getMetaData().getColumns(null, "PUBLIC", "V", "LABEL")) {
      assertTrue(rs.next());
      assertEquals(50, rs.getInt("COLUMN_SIZE"));
    }
  }

  @Test
  void queryTimeoutEndsALongStatement() throws SQLException {
    exec("CREATE TABLE t (id INT PRIMARY KEY)");
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO t VALUES (?)")) {
      for (int i = 0; i < 2000; i++) {
        ps.setInt(1, i);
        ps.addBatch();
      }
      ps.executeBatch();
    }
    Statement st = c.createStatement();
    st.setQueryTimeout(1);
    long start = System.nanoTime();
    SQLException e = assertThrows(SQLException.class, () -> {
      try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM t a, t b, t c")) {
        rs.next();
      }
    });
    assertEquals("57014", e.getSQLState());
    assertTrue(System.nanoTime() - start < 30_000_000_000L, "stopped soon after the timeout");
    assertEquals("2000", one("SELECT COUNT(*) FROM t"), "the connection is still usable");
  }

  @Test
  void readersSeeWholeCommitsOnly() throws Exception {
    exec("CREATE TABLE account (id INT PRIMARY KEY, balance BIGINT NOT NULL)");
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO account VALUES (?, 100)")) {
      for (int i = 0; i < 20; i++) {
        ps.setInt(1, i);
        ps.executeUpdate();
      }
    }
    java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
    java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newSingleThreadExecutor();
    java.util.concurrent.Future<Integer> transfers = pool.submit(() -> {
      int n = 0;
      java.util.Random random = new java.util.Random(3);
      try (Connection w = backend.connect();
          PreparedStatement debit = w.prepareStatement("UPDATE account SET balance = balance - ? WHERE id = ?");
          PreparedStatement credit = w.prepareStatement("UPDATE account SET balance = balance + ? WHERE id = ?")) {
        w.setAutoCommit(false);
        while (!stop.get()) {
          int amount = 1 + random.nextInt(5);
          debit.setInt(1, amount);
          debit.setInt(2, random.nextInt(20));
          debit.executeUpdate();
          credit.setInt(1, amount);
          credit.setInt(2, random.nextInt(20));
          credit.executeUpdate();
          w.commit();
          n++;
          done.incrementAndGet();
        }
      }
      return n;
    });
    long deadline = System.nanoTime() + 60_000_000_000L;
    try {
      for (int reads = 0; (reads < 300 || done.get() < 200) && System.nanoTime() < deadline; reads++) {
        assertEquals("2000", one("SELECT SUM(balance) FROM account"), "a query never sees half a transfer");
      }
    } finally {
      stop.set(true);
    }
    assertTrue(transfers.get(60, java.util.concurrent.TimeUnit.SECONDS) >= 200, "reads overlapped many commits");
    pool.shutdown();
  }

  @Test
  void repeatableReadRepeatsItsReads() throws SQLException {
    exec("CREATE TABLE t (id INT PRIMARY KEY, v INT)", "INSERT INTO t VALUES (1, 10), (2, 20)");
    c.setAutoCommit(false);
    c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
    assertEquals(List.of("1|10", "2|20"), rows("SELECT * FROM t ORDER BY id"));
    try (Connection other = backend.connect()) {
      other.createStatement().execute("UPDATE t SET v = 11 WHERE id = 1");
      other.createStatement().execute("DELETE FROM t WHERE id = 2");
      other.createStatement().execute("INSERT INTO t VALUES (3, 30)");
    }
    assertEquals(List.of("1|10", "2|20"), rows("SELECT * FROM t ORDER BY id"), "the snapshot holds");
    assertEquals("10", one("SELECT v FROM t WHERE id = 1"));
    SQLException conflict = assertThrows(SQLException.class, () -> s.execute("UPDATE t SET v = 12 WHERE id = 1"));
    assertEquals("40001", conflict.getSQLState());
    c.rollback();
    c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
    assertEquals(List.of("1|11", "3|30"), rows("SELECT * FROM t ORDER BY id"));
  }

  @Test
  void serializablePreventsWriteSkew() throws SQLException {
    exec("CREATE TABLE doctor (name VARCHAR(10) PRIMARY KEY, on_call BOOLEAN NOT NULL)",
        "INSERT INTO doctor VALUES ('alice', TRUE), ('bob', TRUE)");
    try (Connection other = backend.connect()) {
      for (Connection x : List.of(c, other)) {
        x.setAutoCommit(false);
        x.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
      }
      // Each sees two doctors on call, so each thinks it may go off call: the classic write skew.
      assertEquals("2", one("SELECT COUNT(*) FROM doctor WHERE on_call"));
      assertEquals(List.of("2"), rows(other, "SELECT COUNT(*) FROM doctor WHERE on_call"));
      exec("UPDATE doctor SET on_call = FALSE WHERE name = 'alice'");
      other.createStatement().execute("UPDATE doctor SET on_call = FALSE WHERE name = 'bob'");
      other.commit();
      SQLException e = assertThrows(SQLException.class, c::commit);
      assertEquals("40001", e.getSQLState());
      c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
      assertEquals("1", one("SELECT COUNT(*) FROM doctor WHERE on_call"), "one doctor stays on call");
    }
  }
}
