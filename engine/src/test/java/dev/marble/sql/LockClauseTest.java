package dev.marble.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LockClauseTest {
  @Test
  void cutsTheClauseOffTheQuery() {
    LockClause c = LockClause.of("SELECT * FROM t WHERE id = ? ORDER BY id FETCH FIRST 1 ROWS ONLY for update;");
    assertEquals("SELECT * FROM t WHERE id = ? ORDER BY id FETCH FIRST 1 ROWS ONLY ", c.query());
    assertEquals(List.of(), c.tables());
    assertEquals(false, c.nowait());
  }

  @Test
  void readsOfAndNowait() {
    LockClause c = LockClause.of("select a.x from a join b on a.id = b.id for update of a, \"b\" nowait");
    assertEquals(List.of("A", "b"), c.tables());
    assertTrue(c.nowait());
    assertEquals(List.of("T"), LockClause.of("select * from t FOR UPDATE OF t.col").tables());
    assertEquals(List.of(), LockClause.of("select * from t for share").tables());
    assertEquals(List.of(), LockClause.of("select * from t for no key update").tables());
  }

  @Test
  void onlyAWholeClauseAtTheOutermostLevelCounts() {
    assertNull(LockClause.of("EXPLAIN PLAN FOR UPDATE t SET x = 1 WHERE id = 2"));
    assertNull(LockClause.of("select 'for update' from t"));
    assertNull(LockClause.of("select * from t -- for update"));
    assertNull(LockClause.of("select * from (select * from t for update) s"));
    assertNull(LockClause.of("select * from t for update of"));
    assertNull(LockClause.of("select * from t for update x"));
    assertNull(LockClause.of("select 'unterminated"));
    assertEquals("EXPLAIN PLAN FOR SELECT * FROM t ",
        LockClause.of("EXPLAIN PLAN FOR SELECT * FROM t FOR UPDATE").query());
  }

  @Test
  void skipLockedAndWaitAreNotSupported() {
    assertEquals(SqlEngineException.Code.NOT_SUPPORTED, assertThrows(SqlEngineException.class,
        () -> LockClause.of("select * from t for update skip locked")).code());
    assertEquals(SqlEngineException.Code.NOT_SUPPORTED, assertThrows(SqlEngineException.class,
        () -> LockClause.of("select * from t for update of t wait 5")).code());
  }
}
