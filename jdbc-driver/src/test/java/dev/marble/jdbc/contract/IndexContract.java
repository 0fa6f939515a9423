package dev.marble.jdbc.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reads through indexes: which access path EXPLAIN shows (asserted, as Calcite's csv example does)
 * and that every query gives exactly the rows a full scan gives, in the right order, including
 * NULLs, own uncommitted writes and snapshots.
 */
public abstract class IndexContract extends ContractBase {
  /** The rows as Java sees them: id, cat (null every 13th), name, score. */
  private final List<Object[]> data = new ArrayList<>();

  @BeforeEach
  void items() throws SQLException {
    exec("CREATE TABLE t (id BIGINT PRIMARY KEY, cat INT, name VARCHAR(40), score DECIMAL(10,2))",
        "CREATE INDEX t_cat ON t (cat)",
        "CREATE INDEX t_name ON t (name DESC)",
        "CREATE INDEX t_cat_score ON t (cat, score)");
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO t VALUES (?, ?, ?, ?)")) {
      for (long id = 1; id <= 300; id++) {
        Integer cat = id % 13 == 0 ? null : (int) (id * 7 % 20);
        String name = "n" + (id * 31 % 97);
        BigDecimal score = BigDecimal.valueOf(id * 37 % 1000, 1);
        data.add(new Object[] {id, cat, name, score});
        ps.setLong(1, id);
        ps.setObject(2, cat);
        ps.setString(3, name);
        ps.setBigDecimal(4, score);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private List<String> expectIds(Predicate<Object[]> where) {
    return data.stream().filter(where).map(r -> r[0].toString()).sorted().collect(Collectors.toList());
  }

  private List<String> sortedRows(String sql) throws SQLException {
    return rows(sql).stream().sorted().collect(Collectors.toList());
  }

  private static Integer cat(Object[] r) {
    return (Integer) r[1];
  }

  /** The plan text, prepared (not run), so it may hold parameters. */
  private String plan(String sql) throws SQLException {
    List<String> lines = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("EXPLAIN PLAN FOR " + sql); ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        lines.add(rs.getString(1));
      }
    }
    return String.join("\n", lines);
  }

  @Test
  void aSchemaQualifiedIndexNameMustBeItsTablesSchema() throws SQLException {
    exec("CREATE SCHEMA s", "CREATE TABLE s.u (id INT PRIMARY KEY, v INT)", "CREATE INDEX s.u_v ON s.u (v)",
        "INSERT INTO s.u VALUES (1, 10), (2, 20)");
    assertTrue(plan("SELECT id FROM s.u WHERE v = 20").contains("index=[U_V]"));
    assertEquals(List.of("2"), rows("SELECT id FROM s.u WHERE v = 20"));
    SQLException elsewhere = assertThrows(SQLException.class, () -> exec("CREATE INDEX public.u_v2 ON s.u (v)"));
    assertEquals("42000", elsewhere.getSQLState());
    assertTrue(elsewhere.getMessage().contains("PUBLIC.U_V2") && elsewhere.getMessage().contains("S.U"),
        elsewhere.getMessage());
    exec("DROP INDEX s.u_v");
    assertFalse(plan("SELECT id FROM s.u WHERE v = 20").contains("index="));
  }

  @Test
  void equalityInAndRangesReadTheIndex() throws SQLException {
    String eq = plan("SELECT id FROM t WHERE cat = 5");
    assertTrue(eq.contains("index=[T_CAT]") && eq.contains("ranges=[=[5]]"), eq);
    assertEquals(expectIds(r -> Integer.valueOf(5).equals(cat(r))), sortedRows("SELECT id FROM t WHERE cat = 5"));

    String in = plan("SELECT id FROM t WHERE cat IN (1, 3, 5)");
    assertTrue(in.contains("index=[T_CAT]") && in.contains("IN"), in);
    assertEquals(expectIds(r -> cat(r) != null && List.of(1, 3, 5).contains(cat(r))),
        sortedRows("SELECT id FROM t WHERE cat IN (5, 3, 1, 3)"));

    String between = plan("SELECT id FROM t WHERE cat BETWEEN 3 AND 6");
    assertTrue(between.contains("index=[T_CAT]") && between.contains("[3..6]"), between);
    assertEquals(expectIds(r -> cat(r) != null && cat(r) >= 3 && cat(r) <= 6),
        sortedRows("SELECT id FROM t WHERE cat BETWEEN 3 AND 6"));
    assertEquals(expectIds(r -> cat(r) != null && cat(r) < 2), sortedRows("SELECT id FROM t WHERE cat < 2"));
    assertEquals(expectIds(r -> cat(r) != null && cat(r) > 17), sortedRows("SELECT id FROM t WHERE 17 < cat"));
    assertEquals(expectIds(r -> cat(r) == null), sortedRows("SELECT id FROM t WHERE cat IS NULL"));
    assertEquals(List.of(), rows("SELECT id FROM t WHERE cat = 2000000000 + 1000000000"));
  }

  @Test
  void parametersBindTheIntervalsAtRunTime() throws SQLException {
    assertTrue(plan("SELECT id FROM t WHERE cat > ? AND cat <= ?").contains("index=[T_CAT]"));
    try (PreparedStatement ps = c.prepareStatement("SELECT id FROM t WHERE cat > ? AND cat <= ?")) {
      for (int lo = -1; lo < 21; lo += 4) {
        final int low = lo;
        ps.setInt(1, lo);
        ps.setInt(2, lo + 6);
        assertEquals(expectIds(r -> cat(r) != null && cat(r) > low && cat(r) <= low + 6), ids(ps));
      }
      ps.setNull(1, java.sql.Types.INTEGER);
      ps.setInt(2, 5);
      assertEquals(List.of(), ids(ps));
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT id FROM t WHERE cat = ? OR cat = ?")) {
      ps.setInt(1, 4);
      ps.setInt(2, 4);
      assertEquals(expectIds(r -> Integer.valueOf(4).equals(cat(r))), ids(ps));
      ps.setInt(1, 99); // no row has it
      ps.setInt(2, 6);
      assertEquals(expectIds(r -> Integer.valueOf(6).equals(cat(r))), ids(ps));
    }
  }

  private static List<String> ids(PreparedStatement ps) throws SQLException {
    List<String> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    out.sort(Comparator.naturalOrder());
    return out;
  }

  @Test
  void aCompositePrefixWithARangeOnTheNextColumn() throws SQLException {
    String sql = "SELECT id FROM t WHERE cat = 2 AND score > 40";
    String p = plan(sql);
    assertTrue(p.contains("index=[T_CAT_SCORE]"), p);
    assertEquals(expectIds(r -> Integer.valueOf(2).equals(cat(r)) && ((BigDecimal) r[3]).compareTo(BigDecimal.valueOf(40)) > 0),
        sortedRows(sql));
  }

  @Test
  void orderByAnIndexNeedsNoSort() throws SQLException {
    String sql = "SELECT id, cat FROM t ORDER BY cat LIMIT 20";
    String p = plan(sql);
    assertTrue(p.contains("index=[T_CAT]") && !p.contains("Sort"), p);
    assertEquals(expectOrdered(Comparator.comparing(IndexContract::cat, Comparator.nullsFirst(Comparator.naturalOrder())),
        20), rows(sql).stream().map(r -> r.split("\\|")[1]).collect(Collectors.toList()));

    String desc = "SELECT cat FROM t ORDER BY cat DESC LIMIT 30";
    String pd = plan(desc);
    assertTrue(pd.contains("order=[desc]") && !pd.contains("Sort"), pd);
    assertEquals(expectOrdered(Comparator.comparing(IndexContract::cat, Comparator.nullsLast(Comparator.reverseOrder())),
        30), rows(desc));

    String names = plan("SELECT name FROM t ORDER BY name DESC LIMIT 5");
    assertTrue(names.contains("index=[T_NAME]") && !names.contains("Sort"), names);
    List<String> all = data.stream().map(r -> (String) r[2]).sorted().collect(Collectors.toList());
    assertEquals(all.subList(0, 5), rows("SELECT name FROM t ORDER BY name LIMIT 5"));
    assertEquals(all, rows("SELECT name FROM t ORDER BY name"));

    String within = "SELECT score FROM t WHERE cat = 3 ORDER BY score DESC";
    String pw = plan(within);
    assertTrue(pw.contains("index=[T_CAT_SCORE]") && !pw.contains("Sort"), pw);
    assertEquals(data.stream().filter(r -> Integer.valueOf(3).equals(cat(r))).map(r -> (BigDecimal) r[3])
        .sorted(Comparator.reverseOrder()).map(b -> b.setScale(2).toPlainString()).collect(Collectors.toList()), rows(within));
  }

  private List<String> expectOrdered(Comparator<Object[]> order, int limit) {
    return data.stream().sorted(order).limit(limit).map(r -> String.valueOf(cat(r))).collect(Collectors.toList());
  }

  @Test
  void minAndMaxReadOneEntry() throws SQLException {
    String p = plan("SELECT MAX(cat) FROM t");
    assertTrue(p.contains("index=[T_CAT]") && p.contains("EnumerableLimit"), p);
    assertEquals("19", one("SELECT MAX(cat) FROM t"));
    assertEquals("0", one("SELECT MIN(cat) FROM t"));
    assertEquals("n96", one("SELECT MAX(name) FROM t"));
    exec("DELETE FROM t WHERE cat IS NOT NULL");
    assertEquals("null", one("SELECT MIN(cat) FROM t"));
    exec("DELETE FROM t");
    assertEquals("null", one("SELECT MAX(cat) FROM t"));
  }

  @Test
  void ownUncommittedWritesAreSeenAndRolledBack() throws SQLException {
    List<String> before = sortedRows("SELECT id FROM t WHERE cat = 5");
    c.setAutoCommit(false);
    exec("INSERT INTO t VALUES (1000, 5, 'new', 1.00)",
        "UPDATE t SET cat = 6 WHERE id = " + before.get(0),
        "DELETE FROM t WHERE id = " + before.get(1));
    List<String> now = sortedRows("SELECT id FROM t WHERE cat = 5");
    List<String> expected = new ArrayList<>(before.subList(2, before.size()));
    expected.add("1000");
    expected.sort(Comparator.naturalOrder());
    assertEquals(expected, now);
    assertTrue(sortedRows("SELECT id FROM t WHERE cat = 6").contains(before.get(0)));
    assertEquals("5", one("SELECT cat FROM t WHERE cat >= 5 ORDER BY cat LIMIT 1"));
    c.rollback();
    c.setAutoCommit(true);
    assertEquals(before, sortedRows("SELECT id FROM t WHERE cat = 5"));
  }

  @Test
  void aSnapshotKeepsSeeingRowsOthersMoved() throws SQLException {
    List<String> before = sortedRows("SELECT id FROM t WHERE cat = 5");
    c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
    c.setAutoCommit(false);
    assertEquals(before, sortedRows("SELECT id FROM t WHERE cat = 5"));
    try (Connection other = backend.connect(); java.sql.Statement st = other.createStatement()) {
      st.executeUpdate("UPDATE t SET cat = 7 WHERE cat = 5");
      st.executeUpdate("INSERT INTO t VALUES (2000, 5, 'later', 2.00)");
      assertEquals(List.of("2000"), rows(other, "SELECT id FROM t WHERE cat = 5"));
    }
    assertEquals(before, sortedRows("SELECT id FROM t WHERE cat = 5"));
    assertFalse(sortedRows("SELECT id FROM t WHERE cat = 7").contains(before.get(0)));
    c.commit();
    c.setAutoCommit(true);
    assertEquals(List.of("2000"), rows("SELECT id FROM t WHERE cat = 5"));
  }

  @Test
  void updatesAndDeletesFindRowsThroughTheIndex() throws SQLException {
    String p = plan("UPDATE t SET name = 'x' WHERE cat = 3");
    assertTrue(p.contains("index=[T_CAT]"), p);
    long expected = data.stream().filter(r -> Integer.valueOf(3).equals(cat(r))).count();
    assertEquals(expected, s.executeUpdate("UPDATE t SET name = 'x' WHERE cat = 3"));
    assertEquals(expected, s.executeUpdate("DELETE FROM t WHERE cat = 3"));
    assertEquals(List.of(), rows("SELECT id FROM t WHERE cat = 3"));
    assertEquals("0", one("SELECT COUNT(*) FROM t WHERE name = 'x'"));
  }

  @Test
  void likeSubstringsAreCheckedInTheStoredBytes() throws SQLException {
    String p = plan("SELECT id FROM t WHERE name LIKE '%9%'");
    assertTrue(p.contains("contains=[[2:'9']]"), p);
    assertEquals(expectIds(r -> ((String) r[2]).contains("9")), sortedRows("SELECT id FROM t WHERE name LIKE '%9%'"));
    exec("UPDATE t SET name = NULL WHERE id < 10", "UPDATE t SET name = 'ünï9' WHERE id = 10");
    assertEquals(List.of("10"), rows("SELECT id FROM t WHERE name LIKE '%ünï%'"));
    assertEquals(List.of(), rows("SELECT id FROM t WHERE name LIKE '%9%' AND id < 10"));
    exec("ALTER TABLE t ADD COLUMN note VARCHAR(20) DEFAULT 'old rows'");
    assertEquals("300", one("SELECT COUNT(*) FROM t WHERE note LIKE '%d r%'"));
    assertFalse(plan("SELECT id FROM t WHERE name LIKE '%a_b%'").contains("contains="));
  }

  @Test
  void countStarSeesSnapshotsAndOwnWrites() throws SQLException {
    assertEquals("300", one("SELECT COUNT(*) FROM t"));
    c.setAutoCommit(false);
    exec("INSERT INTO t VALUES (1000, 5, 'new', 1.00)", "DELETE FROM t WHERE id <= 10");
    assertEquals("291", one("SELECT COUNT(*) FROM t"));
    try (Connection other = backend.connect()) {
      assertEquals(List.of("300"), rows(other, "SELECT COUNT(*) FROM t"));
    }
    c.commit();
    c.setAutoCommit(true);
    assertEquals("291", one("SELECT COUNT(*) FROM t"));
  }

  @Test
  void keyInListsAreLookups() throws SQLException {
    String p = plan("SELECT id, name FROM t WHERE id IN (3, 5, 999)");
    assertTrue(p.contains("key=[[[3], [5], [999]]]"), p);
    assertEquals(List.of("3", "5"), sortedRows("SELECT id FROM t WHERE id IN (5, 3, 999, 5)"));
    try (PreparedStatement ps = c.prepareStatement("SELECT id FROM t WHERE id = ? OR id = ?")) {
      assertTrue(plan("SELECT id FROM t WHERE id = ? OR id = ?").contains("key="));
      ps.setLong(1, 7);
      ps.setLong(2, 7);
      assertEquals(List.of("7"), ids(ps));
      ps.setNull(2, java.sql.Types.BIGINT);
      assertEquals(List.of("7"), ids(ps));
    }
    assertEquals(List.of("4"), rows("SELECT id FROM t WHERE id IN (4, 6) AND name = 'n27'"));
  }

  @Test
  void anIndexCreatedOverExistingRowsIsComplete() throws SQLException {
    exec("CREATE INDEX t_score ON t (score DESC)");
    String p = plan("SELECT id, score FROM t ORDER BY score DESC LIMIT 7");
    assertTrue(p.contains("index=[T_SCORE]") && !p.contains("Sort"), p);
    assertEquals(data.stream().map(r -> (BigDecimal) r[3]).sorted(Comparator.reverseOrder()).limit(7)
        .map(b -> b.setScale(2).toPlainString()).collect(Collectors.toList()),
        rows("SELECT score FROM t ORDER BY score DESC LIMIT 7"));
    assertEquals(String.valueOf(data.stream().filter(r -> ((BigDecimal) r[3]).compareTo(BigDecimal.TEN) < 0).count()),
        one("SELECT COUNT(*) FROM t WHERE score < 10"));
    assertEquals(List.of(), rows("CHECK DATABASE"));
  }

  @Test
  void plansMadeOnSmallTablesStayRightAsTheyGrow() throws SQLException {
    exec("CREATE TABLE small (id INT PRIMARY KEY, v INT)", "CREATE INDEX small_v ON small (v)");
    String sql = "SELECT id FROM small ORDER BY v LIMIT 100";
    String p = plan(sql);
    assertTrue(p.contains("index=[SMALL_V]") || p.contains("Sort"), p);
    assertTrue(plan("SELECT v FROM small WHERE id = ?").contains("key="), "a lookup even while empty");
    exec("INSERT INTO small VALUES (1, 30), (2, 10), (3, 20)");
    assertEquals(List.of("2", "3", "1"), rows(sql), "the cached plan must still order the rows");
    assertEquals(List.of("2"), rows("SELECT id FROM small ORDER BY v LIMIT 1"));
  }
}
