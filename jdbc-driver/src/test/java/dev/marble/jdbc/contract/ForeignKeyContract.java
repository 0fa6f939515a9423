package dev.marble.jdbc.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** FOREIGN KEY constraints: DDL, enforcement on both sides, actions and metadata, through JDBC. */
public abstract class ForeignKeyContract extends ContractBase {

  private void parentAndChild(String actions) throws SQLException {
    exec("CREATE TABLE parent (id INT PRIMARY KEY, name VARCHAR(10))",
        "CREATE TABLE child (id INT PRIMARY KEY, parent_id INT CONSTRAINT fk_child_parent REFERENCES parent "
            + actions + ", note VARCHAR(10))",
        "INSERT INTO parent VALUES (1, 'a'), (2, 'b'), (3, 'c')",
        "INSERT INTO child VALUES (10, 1, 'x'), (11, 1, 'y'), (12, 2, 'z'), (13, NULL, 'n')");
  }

  // ---- child side ---------------------------------------------------------------------------

  @Test
  void childRowsNeedAParent() throws SQLException {
    parentAndChild("");
    fails("23503", "INSERT INTO child VALUES (20, 9, 'bad')", "FK_CHILD_PARENT", "CHILD", "PARENT_ID", "9");
    fails("23503", "UPDATE child SET parent_id = 7 WHERE id = 10", "FK_CHILD_PARENT", "7");
    assertEquals(List.of("10|1", "11|1", "12|2", "13|null"), rows("SELECT id, parent_id FROM child ORDER BY id"));
    assertEquals(1, s.executeUpdate("INSERT INTO child VALUES (21, NULL, 'null ok')"));
    assertEquals(1, s.executeUpdate("UPDATE child SET parent_id = 3 WHERE id = 10"));
    assertEquals(1, s.executeUpdate("UPDATE child SET note = 'nofk' WHERE id = 11"));
  }

  @Test
  void aFailingMultiRowInsertChangesNothing() throws SQLException {
    parentAndChild("");
    fails("23503", "INSERT INTO child VALUES (30, 1, 'ok'), (31, 8, 'bad')", "FK_CHILD_PARENT", "8");
    assertEquals("4", one("SELECT COUNT(*) FROM child"));
  }

  @Test
  void tableLevelMultiColumnForeignKey() throws SQLException {
    exec("CREATE TABLE orders (region CHAR(2), num INT, PRIMARY KEY (region, num))",
        "CREATE TABLE line (id INT PRIMARY KEY, o_region CHAR(2), o_no INT, qty INT,"
            + " CONSTRAINT fk_line_order FOREIGN KEY (o_no, o_region) REFERENCES orders (num, region) ON DELETE CASCADE)",
        "INSERT INTO orders VALUES ('EU', 1), ('US', 1)",
        "INSERT INTO line VALUES (1, 'EU', 1, 5), (2, 'US', 1, 6), (3, NULL, 99, 7)");
    fails("23503", "INSERT INTO line VALUES (4, 'EU', 2, 1)", "FK_LINE_ORDER", "O_NO", "2");
    assertEquals(1, s.executeUpdate("DELETE FROM orders WHERE region = 'EU'"));
    assertEquals(List.of("2", "3"), rows("SELECT id FROM line ORDER BY id"));
  }

  @Test
  void referencesAUniqueColumnOrFails() throws SQLException {
    exec("CREATE TABLE account (id INT PRIMARY KEY, code VARCHAR(5) UNIQUE, label VARCHAR(5))",
        "CREATE TABLE entry (id INT PRIMARY KEY, code VARCHAR(5) REFERENCES account (code) ON UPDATE CASCADE)",
        "INSERT INTO account VALUES (1, 'A1', 'x'), (2, 'B2', 'y')",
        "INSERT INTO entry VALUES (1, 'A1'), (2, 'A1')");
    fails("23503", "INSERT INTO entry VALUES (3, 'C3')", "C3");
    assertEquals(1, s.executeUpdate("UPDATE account SET code = 'A9' WHERE id = 1"));
    assertEquals(List.of("1|A9", "2|A9"), rows("SELECT * FROM entry ORDER BY id"));
    fails("42000", "CREATE TABLE bad (a VARCHAR(5) REFERENCES account (label))", "ACCOUNT", "LABEL");
    fails("42000", "CREATE TABLE bad (a DATE REFERENCES account)", "DATE");
    fails("42S02", "CREATE TABLE bad (a INT REFERENCES nowhere)", "NOWHERE");
    fails("42000", "CREATE TABLE bad (a INT, b INT, FOREIGN KEY (a, b) REFERENCES account)", "2");
  }

  // ---- parent side --------------------------------------------------------------------------

  @Test
  void noActionAndRestrictRefuseToOrphan() throws SQLException {
    parentAndChild("ON DELETE RESTRICT");
    fails("23503", "DELETE FROM parent WHERE id = 1", "FK_CHILD_PARENT", "PARENT", "CHILD", "1");
    fails("23503", "UPDATE parent SET id = 5 WHERE id = 2", "FK_CHILD_PARENT", "2");
    assertEquals(1, s.executeUpdate("DELETE FROM parent WHERE id = 3"));
    assertEquals(1, s.executeUpdate("UPDATE parent SET name = 'renamed' WHERE id = 1"));
    assertEquals("2", one("SELECT COUNT(*) FROM parent"));
  }

  @Test
  void checksWaitForTheEndOfTheStatement() throws SQLException {
    exec("CREATE TABLE emp (id INT PRIMARY KEY, boss INT REFERENCES emp)");
    assertEquals(2, s.executeUpdate("INSERT INTO emp VALUES (5, 6), (6, NULL)")); // 5's boss comes later
    fails("23503", "INSERT INTO emp VALUES (7, 8), (8, 9)", "FK_EMP_2", "(BOSS)=(9)");
    assertEquals(2, s.executeUpdate("DELETE FROM emp")); // 6 goes first or second: no matter by the end
  }

  @Test
  void cascadeDeletesAndUpdates() throws SQLException {
    parentAndChild("ON DELETE CASCADE ON UPDATE CASCADE");
    assertEquals(1, s.executeUpdate("DELETE FROM parent WHERE id = 1"));
    assertEquals(List.of("12|2", "13|null"), rows("SELECT id, parent_id FROM child ORDER BY id"));
    assertEquals(1, s.executeUpdate("UPDATE parent SET id = 20 WHERE id = 2"));
    assertEquals(List.of("12|20", "13|null"), rows("SELECT id, parent_id FROM child ORDER BY id"));
  }

  @Test
  void setNullAndSetDefault() throws SQLException {
    exec("CREATE TABLE parent (id INT PRIMARY KEY)", "INSERT INTO parent VALUES (0), (1), (2)",
        "CREATE TABLE child (id INT PRIMARY KEY, a INT REFERENCES parent ON DELETE SET NULL,"
            + " b INT DEFAULT 0 REFERENCES parent ON DELETE SET DEFAULT, c INT NOT NULL REFERENCES parent ON UPDATE SET NULL)",
        "INSERT INTO child VALUES (1, 1, 1, 2), (2, 2, 2, 2)");
    assertEquals(1, s.executeUpdate("DELETE FROM parent WHERE id = 1"));
    assertEquals(List.of("1|null|0|2", "2|2|2|2"), rows("SELECT * FROM child ORDER BY id"));
    fails("23502", "UPDATE parent SET id = 5 WHERE id = 2", "C", "CHILD");
    exec("DELETE FROM child WHERE id = 2");
    fails("23503", "DELETE FROM parent WHERE id = 0", "FK_CHILD_3", "(B)=(0)");
    assertEquals(List.of("0", "2"), rows("SELECT id FROM parent ORDER BY id"));
  }

  @Test
  void multiLevelAndSelfReferencingCascadesEnd() throws SQLException {
    exec("CREATE TABLE node (id INT PRIMARY KEY, up INT REFERENCES node ON DELETE CASCADE)",
        "INSERT INTO node VALUES (1, NULL), (2, 1), (3, 2), (4, 3), (5, 1), (6, NULL)",
        "CREATE TABLE tag (id INT PRIMARY KEY, node_id INT REFERENCES node ON DELETE CASCADE)",
        "INSERT INTO tag VALUES (1, 4), (2, 6)");
    assertEquals(1, s.executeUpdate("DELETE FROM node WHERE id = 1"));
    assertEquals(List.of("6"), rows("SELECT id FROM node"));
    assertEquals(List.of("2"), rows("SELECT id FROM tag"));
    exec("UPDATE node SET up = 6 WHERE id = 6"); // a cycle of one
    assertEquals(1, s.executeUpdate("DELETE FROM node"));
    assertEquals("0", one("SELECT COUNT(*) FROM tag"));
  }

  @Test
  void deletingAWholeSelfReferencingTableWorksWithNoAction() throws SQLException {
    exec("CREATE TABLE emp (id INT PRIMARY KEY, boss INT, FOREIGN KEY (boss) REFERENCES emp (id))",
        "INSERT INTO emp VALUES (1, NULL), (2, 1), (3, 2)");
    fails("23503", "DELETE FROM emp WHERE id = 2", "EMP");
    assertEquals(3, s.executeUpdate("DELETE FROM emp"));
  }

  @Test
  void aStatementWritesRowsItsOwnActionsChanged() throws SQLException {
    exec("CREATE TABLE emp (id INT PRIMARY KEY, boss INT REFERENCES emp ON DELETE SET NULL)",
        "INSERT INTO emp VALUES (1, NULL), (2, 1), (3, 2)");
    assertEquals(3, s.executeUpdate("DELETE FROM emp"));
    exec("CREATE TABLE tree (id INT PRIMARY KEY, up INT, v INT, FOREIGN KEY (up) REFERENCES tree ON UPDATE CASCADE)",
        "INSERT INTO tree VALUES (1, NULL, 0), (2, 1, 0), (3, 2, 0)");
    assertEquals(3, s.executeUpdate("UPDATE tree SET id = id + 10"));
    assertEquals(List.of("11|null", "12|11", "13|12"), rows("SELECT id, up FROM tree ORDER BY id"));
    exec("DELETE FROM tree", "INSERT INTO tree VALUES (1, 2, 0), (2, 1, 0)"); // each row references the other
    // whichever row goes first changes the other's UP by cascade, which the statement also sets
    fails("27000", "UPDATE tree SET id = id + 10, up = up", "TREE");
    assertEquals(List.of("1|2", "2|1"), rows("SELECT id, up FROM tree ORDER BY id"));
  }

  @Test
  void rollbackUndoesACascade() throws SQLException {
    parentAndChild("ON DELETE CASCADE");
    c.setAutoCommit(false);
    assertEquals(1, s.executeUpdate("DELETE FROM parent WHERE id = 1"));
    assertEquals("2", one("SELECT COUNT(*) FROM child"));
    c.rollback();
    assertEquals("4", one("SELECT COUNT(*) FROM child"));
    assertEquals("3", one("SELECT COUNT(*) FROM parent"));
    c.setAutoCommit(true);
  }

  // ---- concurrency --------------------------------------------------------------------------

  @Test
  void aChildCannotCommitAgainstAParentDeletedConcurrently() throws Exception {
    parentAndChild("");
    try (Connection other = backend.connect()) {
      c.setAutoCommit(false);
      other.setAutoCommit(false);
      assertEquals(1, s.executeUpdate("DELETE FROM parent WHERE id = 3"));
      Future<Integer> insert = background(other, "INSERT INTO child VALUES (30, 3, 'late')");
      assertThrows(TimeoutException.class, () -> insert.get(300, TimeUnit.MILLISECONDS), "waits for the delete");
      c.commit();
      assertForeignKeyViolation(insert);
      other.rollback();
      // the other way round: the child first, then the delete waits and finds it
      try (Statement os = other.createStatement()) {
        assertEquals(1, os.executeUpdate("INSERT INTO child VALUES (31, 2, 'first')"));
      }
      Future<Integer> delete = background(c, "DELETE FROM parent WHERE id = 2");
      assertThrows(TimeoutException.class, () -> delete.get(300, TimeUnit.MILLISECONDS), "waits for the insert");
      other.commit();
      assertForeignKeyViolation(delete);
      c.rollback();
    }
    c.setAutoCommit(true);
    assertEquals(List.of("1", "2"), rows("SELECT id FROM parent ORDER BY id"));
    assertEquals(List.of("10|1", "11|1", "12|2", "13|null", "31|2"), rows("SELECT id, parent_id FROM child ORDER BY id"));
  }

  private static Future<Integer> background(Connection conn, String sql) {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      return pool.submit(() -> {
        try (Statement st = conn.createStatement()) {
          return st.executeUpdate(sql);
        }
      });
    } finally {
      pool.shutdown();
    }
  }

  private static void assertForeignKeyViolation(Future<Integer> work) throws InterruptedException {
    ExecutionException e = assertThrows(ExecutionException.class, () -> work.get(10, TimeUnit.SECONDS));
    SQLException cause = (SQLException) e.getCause();
    assertEquals("23503", cause.getSQLState(), cause::getMessage);
  }

  // ---- DDL ----------------------------------------------------------------------------------

  @Test
  void alterTableAddChecksExistingRows() throws SQLException {
    exec("CREATE TABLE parent (id INT PRIMARY KEY)", "CREATE TABLE child (id INT PRIMARY KEY, parent_id INT)",
        "INSERT INTO parent VALUES (1)", "INSERT INTO child VALUES (1, 1), (2, 5), (3, NULL)");
    fails("23503", "ALTER TABLE child ADD CONSTRAINT fk_p FOREIGN KEY (parent_id) REFERENCES parent", "FK_P", "5");
    exec("INSERT INTO child VALUES (4, 42)"); // nothing was added
    exec("DELETE FROM child WHERE id IN (2, 4)",
        "alter table if exists child add constraint FKabc foreign key (parent_id) references parent");
    fails("23503", "INSERT INTO child VALUES (5, 5)", "FKABC");
    exec("ALTER TABLE child ADD FOREIGN KEY (parent_id) REFERENCES parent"); // unnamed: a generated name
    fails("42S01", "ALTER TABLE child ADD CONSTRAINT fkabc FOREIGN KEY (parent_id) REFERENCES parent", "FKABC");
    exec("ALTER TABLE child DROP CONSTRAINT fkabc", "ALTER TABLE child DROP CONSTRAINT FK_CHILD_3");
    assertEquals(1, s.executeUpdate("INSERT INTO child VALUES (5, 5)"));
  }

  @Test
  void addColumnWithReferences() throws SQLException {
    parentAndChild("");
    exec("ALTER TABLE child ADD COLUMN other INT REFERENCES parent ON DELETE SET NULL");
    fails("23503", "UPDATE child SET other = 9 WHERE id = 10", "OTHER", "9");
    fails("23503", "ALTER TABLE child ADD COLUMN bad INT DEFAULT 99 CONSTRAINT fk_bad REFERENCES parent", "FK_BAD", "99");
    fails("42S22", "SELECT bad FROM child", "BAD");
    assertEquals(1, s.executeUpdate("UPDATE child SET other = 3 WHERE id = 10"));
    assertEquals(1, s.executeUpdate("DELETE FROM parent WHERE id = 3"));
    assertEquals("null", one("SELECT other FROM child WHERE id = 10"));
  }

  @Test
  void dropTableOfAReferencedTable() throws SQLException {
    parentAndChild("");
    fails("2BP01", "DROP TABLE parent", "FK_CHILD_PARENT", "CHILD");
    exec("DROP TABLE parent CASCADE");
    assertEquals(1, s.executeUpdate("INSERT INTO child VALUES (50, 77, 'free')"));
    assertEquals(List.of(), keys(c.getMetaData().getImportedKeys(null, "PUBLIC", "CHILD")));
    exec("CREATE TABLE p2 (id INT PRIMARY KEY)", "CREATE TABLE c2 (id INT REFERENCES p2)", "DROP TABLE c2",
        "DROP TABLE p2");
    exec("CREATE SCHEMA s2", "CREATE TABLE s2.p (id INT PRIMARY KEY)", "CREATE TABLE c3 (id INT REFERENCES s2.p)",
        "DROP SCHEMA s2 CASCADE", "INSERT INTO c3 VALUES (9)");
  }

  @Test
  void truncateOfAReferencedTableNeedsAnEmptyChild() throws SQLException {
    parentAndChild("");
    fails("23503", "TRUNCATE TABLE parent", "FK_CHILD_PARENT", "CHILD");
    exec("TRUNCATE TABLE child", "TRUNCATE TABLE parent");
    assertEquals("0", one("SELECT COUNT(*) FROM parent"));
  }

  @Test
  void renamesKeepReferencesRight() throws SQLException {
    parentAndChild("ON DELETE CASCADE");
    exec("ALTER TABLE parent RENAME TO mother", "ALTER TABLE mother RENAME COLUMN id TO mid",
        "ALTER TABLE child RENAME COLUMN parent_id TO mother_id");
    fails("23503", "INSERT INTO child VALUES (40, 9, 'bad')", "MOTHER_ID", "MOTHER");
    assertEquals(1, s.executeUpdate("DELETE FROM mother WHERE mid = 1"));
    assertEquals("2", one("SELECT COUNT(*) FROM child"));
    assertEquals(List.of("PUBLIC.MOTHER.MID<-CHILD.MOTHER_ID#1 FK_CHILD_PARENT/PK_PARENT upd=3 del=0"),
        keys(c.getMetaData().getImportedKeys(null, "PUBLIC", "CHILD")));
  }

  @Test
  void dropColumnAndDropConstraintRespectReferences() throws SQLException {
    exec("CREATE TABLE parent (id INT PRIMARY KEY, code INT CONSTRAINT uk_code UNIQUE)",
        "CREATE TABLE child (id INT PRIMARY KEY, code INT REFERENCES parent (code), p INT REFERENCES parent)",
        "INSERT INTO parent VALUES (1, 10)", "INSERT INTO child VALUES (1, 10, 1)");
    fails("2BP01", "ALTER TABLE parent DROP COLUMN code", "CODE", "CHILD");
    fails("2BP01", "ALTER TABLE parent DROP CONSTRAINT uk_code", "UK_CODE", "CHILD");
    exec("ALTER TABLE child DROP COLUMN code"); // its single-column foreign key goes with it, as UNIQUE does
    exec("ALTER TABLE parent DROP CONSTRAINT uk_code");
    fails("23503", "INSERT INTO child VALUES (2, 9)", "9");
  }

  @Test
  void anIndexIsCreatedForTheReferencingColumns() throws SQLException {
    parentAndChild("");
    assertTrue(one("EXPLAIN PLAN FOR SELECT id FROM child WHERE parent_id = 1").contains("FK_CHILD_PARENT"),
        "the foreign key's index serves queries too");
    fails("2BP01", "DROP INDEX fk_child_parent", "FK_CHILD_PARENT");
    exec("CREATE TABLE c2 (a INT, b INT, PRIMARY KEY (a, b), FOREIGN KEY (a) REFERENCES parent)",
        "CREATE TABLE c3 (a INT PRIMARY KEY REFERENCES parent)");
    assertEquals(List.of("C2:FK_C2_2", "CHILD:FK_CHILD_PARENT"), indexNames("C2", "C3", "CHILD"));
  }

  // ---- metadata -----------------------------------------------------------------------------

  @Test
  void metadataDescribesEachAction() throws SQLException {
    exec("CREATE TABLE p (a INT, b INT, PRIMARY KEY (a, b))",
        "CREATE TABLE k (id INT PRIMARY KEY, x INT, y INT, CONSTRAINT fk_k FOREIGN KEY (x, y) REFERENCES p"
            + " ON DELETE SET NULL ON UPDATE RESTRICT)",
        "CREATE TABLE m (id INT PRIMARY KEY, x INT REFERENCES k ON DELETE SET DEFAULT ON UPDATE NO ACTION)");
    DatabaseMetaData md = c.getMetaData();
    assertEquals(List.of("PUBLIC.P.A<-K.X#1 FK_K/PK_P upd=1 del=2", "PUBLIC.P.B<-K.Y#2 FK_K/PK_P upd=1 del=2"),
        keys(md.getImportedKeys(null, "PUBLIC", "K")));
    assertEquals(List.of("PUBLIC.K.ID<-M.X#1 FK_M_2/PK_K upd=3 del=4"), keys(md.getExportedKeys(null, "PUBLIC", "K")));
    assertEquals(keys(md.getImportedKeys(null, "PUBLIC", "K")), keys(md.getCrossReference(null, "PUBLIC", "P",
        null, "PUBLIC", "K")));
    try (ResultSet rs = md.getImportedKeys(null, "PUBLIC", "M")) {
      assertTrue(rs.next());
      assertEquals(DatabaseMetaData.importedKeyNotDeferrable, rs.getShort("DEFERRABILITY"));
      assertEquals(DatabaseMetaData.importedKeySetDefault, rs.getShort("DELETE_RULE"));
    }
  }

  /** PKTABLE_SCHEM.PKTABLE_NAME.PKCOLUMN_NAME<-FKTABLE_NAME.FKCOLUMN_NAME#KEY_SEQ FK_NAME/PK_NAME rules. */
  private static List<String> keys(ResultSet rs) throws SQLException {
    List<String> out = new ArrayList<>();
    try (rs) {
      while (rs.next()) {
        out.add(rs.getString("PKTABLE_SCHEM") + "." + rs.getString("PKTABLE_NAME") + "." + rs.getString("PKCOLUMN_NAME")
            + "<-" + rs.getString("FKTABLE_NAME") + "." + rs.getString("FKCOLUMN_NAME") + "#" + rs.getShort("KEY_SEQ")
            + " " + rs.getString("FK_NAME") + "/" + rs.getString("PK_NAME") + " upd=" + rs.getShort("UPDATE_RULE")
            + " del=" + rs.getShort("DELETE_RULE"));
      }
    }
    return out;
  }

  /** TABLE:INDEX of the non-unique indexes of these tables. */
  private List<String> indexNames(String... tables) throws SQLException {
    List<String> out = new ArrayList<>();
    for (String table : tables) {
      try (ResultSet rs = c.getMetaData().getIndexInfo(null, "PUBLIC", table, false, false)) {
        while (rs.next()) {
          if (rs.getBoolean("NON_UNIQUE")) {
            out.add(table + ":" + rs.getString("INDEX_NAME"));
          }
        }
      }
    }
    return out;
  }
}
