package dev.marble.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class LiteralLifterTest {
  /** The lifted text, then each literal: 'its value' (quotes not doubled), number or -number. */
  private static List<String> lift(String sql) {
    LiteralLifter.Lifted lifted = LiteralLifter.lift(sql);
    if (lifted == null) {
      return List.of(sql);
    }
    List<String> out = new java.util.ArrayList<>(List.of(lifted.sql()));
    for (Literal l : lifted.literals()) {
      out.add(l.string() ? "'" + l.text() + "'" : (l.negative() ? "-" : "") + l.text());
    }
    return out;
  }

  private static void unchanged(String sql) {
    assertNull(LiteralLifter.lift(sql), sql);
  }

  @Test
  void comparisonsOnEitherSide() {
    assertEquals(List.of("SELECT * FROM t WHERE id = ?", "1"), lift("SELECT * FROM t WHERE id = 1"));
    assertEquals(List.of("SELECT * FROM t WHERE ? < id AND v <> ? OR w != ?", "5", "'x'", "2.5"),
        lift("SELECT * FROM t WHERE 5 < id AND v <> 'x' OR w != 2.5"));
    assertEquals(List.of("select * from t where a>=? and b<=?", "1", "2"),
        lift("select * from t where a>=1 and b<=2"));
    assertEquals(List.of("SELECT * FROM t WHERE (a = ?) ORDER BY a", "1"),
        lift("SELECT * FROM t WHERE (a = 1) ORDER BY a"));
  }

  @Test
  void betweenInListsAndValuesRows() {
    assertEquals(List.of("SELECT * FROM t WHERE a BETWEEN ? AND ? AND b IN (?, ?, ?)", "1", "5", "'x'", "'y'", "-3"),
        lift("SELECT * FROM t WHERE a BETWEEN 1 AND 5 AND b IN ('x', 'y', -3)"));
    assertEquals(List.of("SELECT * FROM t WHERE a NOT BETWEEN b + 1 AND ?", "9"),
        lift("SELECT * FROM t WHERE a NOT BETWEEN b + 1 AND 9"));
    assertEquals(List.of("INSERT INTO t (a, b) VALUES (?, ?), (?, DATE '2024-01-01')", "1", "'it's'", "-2"),
        lift("INSERT INTO t (a, b) VALUES (1, 'it''s'), (-2, DATE '2024-01-01')"));
    assertEquals(List.of("UPSERT INTO t VALUES (?, ?)", "1", "'x'"), lift("UPSERT INTO t VALUES (1, 'x')"));
    assertEquals(List.of("UPDATE t SET a = ?, b = b + 1 WHERE id = ?", "'x'", "7"),
        lift("UPDATE t SET a = 'x', b = b + 1 WHERE id = 7"));
    assertEquals(List.of("DELETE FROM t WHERE id = ?;", "7"), lift("DELETE FROM t WHERE id = 7;"));
  }

  @Test
  void stringsQuotedNamesAndComments() {
    assertEquals(List.of("SELECT \"a = 1\" FROM t -- id = 2\nWHERE /* b = 3 */ c = ?", "'don't -- /*'"),
        lift("SELECT \"a = 1\" FROM t -- id = 2\nWHERE /* b = 3 */ c = 'don''t -- /*'"));
    unchanged("SELECT * FROM t WHERE a = 'unterminated");
    unchanged("SELECT * FROM t WHERE a = 1 /* unterminated");
  }

  @Test
  void numbers() {
    assertEquals(List.of("SELECT * FROM t WHERE a = ? OR a = ? OR a = ? OR a = ?", "1.5", ".5", "1e-3", "-2.5E+10"),
        lift("SELECT * FROM t WHERE a = 1.5 OR a = .5 OR a = 1e-3 OR a = -2.5E+10"));
    // a-5 is a subtraction: its 5 is not an operand of the comparison
    unchanged("SELECT * FROM t WHERE a-5 = b");
    assertEquals(List.of("SELECT * FROM t WHERE a = b-5 AND c = ?", "-5"),
        lift("SELECT * FROM t WHERE a = b-5 AND c = -5"));
    unchanged("SELECT * FROM t WHERE a = 1 + 2");
    unchanged("SELECT * FROM t WHERE a = 2 * b");
  }

  @Test
  void typedAndPrefixedLiteralsStay() {
    unchanged("SELECT * FROM t WHERE d = DATE '2024-01-01' AND ts < TIMESTAMP '2024-01-01 00:00:00'");
    unchanged("SELECT * FROM t WHERE b = X'00ff' OR n = N'abc' OR u = U&'\\00e4'");
    unchanged("SELECT * FROM t WHERE d > CURRENT_DATE - INTERVAL '1' DAY");
    unchanged("SELECT * FROM t WHERE a = 'x' 'continued'");
    unchanged("SELECT * FROM t WHERE a = 'x' || b");
  }

  @Test
  void nothingOutsideConditions() {
    unchanged("SELECT 1");
    unchanged("SELECT a = 1, 'x' FROM t GROUP BY 1 ORDER BY 2 LIMIT 5 OFFSET 10");
    unchanged("SELECT * FROM t FETCH FIRST 5 ROWS ONLY");
    unchanged("SELECT CASE WHEN a = 1 THEN 'x' END FROM t");
    unchanged("SELECT * FROM t WHERE SUBSTRING(a FROM 2 FOR 3) LIKE 'ab%'");
    unchanged("SELECT * FROM t WHERE substr(a, 1, 2) IS NOT NULL");
    unchanged("CREATE TABLE t (a INT DEFAULT 1 CHECK (a > 0))");
    unchanged("EXPLAIN PLAN FOR SELECT * FROM t WHERE a = 1");
    unchanged("SELECT * FROM t WHERE a = ? AND b = 2");
    unchanged("SELECT * FROM (VALUES (1, 2)) AS v(a, b)");
    unchanged("INSERT INTO t SELECT 1, 'x' FROM u");
    unchanged("SELECT * FROM t WHERE (a, b) = (1, 2)");
    unchanged("SELECT * FROM t WHERE a IS DISTINCT FROM 5");
  }

  @Test
  void subqueriesLiftTheirOwnConditions() {
    assertEquals(List.of("SELECT (SELECT max(x) FROM u WHERE u.k = ?) FROM t WHERE a IN (SELECT 1 FROM v WHERE w = ?)",
        "3", "'z'"),
        lift("SELECT (SELECT max(x) FROM u WHERE u.k = 3) FROM t WHERE a IN (SELECT 1 FROM v WHERE w = 'z')"));
    assertEquals(List.of("SELECT * FROM t JOIN u ON u.id = t.id AND u.kind = ? LEFT JOIN v ON v.x = ? WHERE t.a = ?",
        "2", "3", "4"),
        lift("SELECT * FROM t JOIN u ON u.id = t.id AND u.kind = 2 LEFT JOIN v ON v.x = 3 WHERE t.a = 4"));
    assertEquals(List.of("SELECT a FROM t WHERE a IS DISTINCT FROM b AND c = ?", "1"),
        lift("SELECT a FROM t WHERE a IS DISTINCT FROM b AND c = 1"));
    assertEquals(List.of("SELECT a, count(*) FROM t GROUP BY a HAVING count(*) > ? ORDER BY 2", "1"),
        lift("SELECT a, count(*) FROM t GROUP BY a HAVING count(*) > 1 ORDER BY 2"));
  }
}
