package dev.marble.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.marble.sql.Session;
import dev.marble.sql.SqlEngine;
import dev.marble.storage.catalog.Catalog;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Database#check()} finds damage and disagreements between tables, indexes and catalog. */
class DatabaseCheckTest {
  private static final int ROWS = 300;

  @TempDir Path tmp;

  private static void sql(Database db, String sql) {
    Session session = new Session(db, "SA");
    SqlEngine.of(db).prepare(sql, session).execute(session, new Object[0], false, null);
  }

  private static String name(int i) {
    return String.format("NAME-MARK-%04d-", i).repeat(4);
  }

  private static Database create(Path dir) {
    Database db = DatabaseRegistry.acquire(dir, true, RedoLog.Sync.OFF);
    sql(db, "CREATE TABLE T (ID INT PRIMARY KEY, NAME VARCHAR(200) NOT NULL, CODE INT)");
    sql(db, "CREATE UNIQUE INDEX T_CODE ON T (CODE)");
    sql(db, "CREATE INDEX T_NAME ON T (NAME)");
    sql(db, "CREATE TABLE U (A VARCHAR(20), B INT)"); // no primary key: keyed by a hidden row id
    StringBuilder insert = new StringBuilder("INSERT INTO T VALUES ");
    for (int i = 1; i <= ROWS; i++) {
      insert.append(i == 1 ? "" : ", ").append('(').append(i).append(", '").append(name(i)).append("', ")
          .append(i % 10 == 0 ? "NULL" : Integer.toString(i * 10)).append(')');
    }
    sql(db, insert.toString());
    sql(db, "INSERT INTO U VALUES ('a', 1), ('b', NULL), (NULL, 3)");
    return db;
  }

  private static void close(Database db) {
    if (DatabaseRegistry.release(db)) {
      SqlEngine.release(db);
    }
  }

  private static Table table(Database db, String name) {
    return db.table(Catalog.DEFAULT_SCHEMA, db.catalog().schema(Catalog.DEFAULT_SCHEMA).table(name));
  }

  private static Table.Index index(Table t, String name) {
    return t.indexes().stream().filter(i -> i.def().name().equals(name)).findFirst().orElseThrow();
  }

  private static void assertFinding(List<DatabaseCheck.Finding> findings, String object, String problem) {
    Predicate<DatabaseCheck.Finding> p = f -> f.table().equals("PUBLIC.T") && f.object().equals(object)
        && f.problem().contains(problem);
    assertTrue(findings.stream().anyMatch(p), "expected [" + object + "] " + problem + " in " + findings);
  }

  @Test
  void findsDisagreementsBetweenRowsAndIndexes() {
    Database db = create(tmp.resolve("db"));
    try {
      assertEquals(List.of(), db.check());
      Table t = table(db, "T");
      Table.Index byName = index(t, "T_NAME");
      byte[] k7 = t.keyOf(7);
      Object[] row7 = t.decode(k7, t.store().get(k7));

      // an index entry removed behind the table's back
      byte[] entry7 = byName.entryKey(row7, k7);
      assertTrue(byName.store().remove(entry7));
      List<DatabaseCheck.Finding> f = db.check();
      assertFinding(f, "T_NAME", "row (ID=7) has no index entry");
      assertFinding(f, "T_NAME", "index holds " + (ROWS - 1) + " entries for " + ROWS + " rows");
      // the ordered side still has it: it disagrees with the hash store in entry and count
      assertFinding(f, "T_NAME", "is not in the index's store");
      assertFinding(f, "T_NAME", "the ordered side holds " + ROWS + " entries, the index " + (ROWS - 1));
      assertEquals(4, f.size(), f.toString());
      byName.store().put(entry7, k7);
      assertEquals(List.of(), db.check());

      // a row stored under a key its values do not give (a copy of row 8 under ID 1000)
      byte[] k8 = t.keyOf(8);
      byte[] row8 = t.store().get(k8);
      t.store().put(t.keyOf(1000), row8);
      f = db.check();
      assertFinding(f, "T", "row stored under key (ID=1000) holds the key values (ID=8)");
      assertFinding(f, "T_CODE", "unique index holds duplicate values (80): rows (ID=8) and (ID=1000)");
      assertFinding(f, "T_NAME", "row (ID=1000) has no index entry");
      t.store().remove(t.keyOf(1000));
      assertEquals(List.of(), db.check());

      // NULL in a NOT NULL column, and an entry left by the old value
      Object[] nulled = t.decode(k8, row8);
      nulled[1] = null;
      t.store().put(k8, t.encodeRow(nulled));
      f = db.check();
      assertFinding(f, "T", "row (ID=8): column NAME is NULL but declared NOT NULL");
      assertFinding(f, "T_NAME", "row (ID=8) has no index entry");
      assertFinding(f, "T_NAME", "points to row (ID=8), whose values (null) give the entry");
      t.store().put(k8, row8);

      // bytes that are no row, and an index entry pointing to a row that does not exist
      byte[] k9 = t.keyOf(9);
      byte[] row9 = t.store().get(k9);
      t.store().put(k9, new byte[] {1, 2, 3});
      byte[] ghost = byName.entryKey(row7, t.keyOf(5000));
      byName.store().put(ghost, t.keyOf(5000));
      f = db.check();
      assertFinding(f, "T", "row (ID=9) does not decode");
      assertFinding(f, "T_NAME", "points to row (ID=5000), which does not exist");
      t.store().put(k9, row9);
      byName.store().remove(ghost);
      assertEquals(List.of(), db.check());

      // many problems: the check stops at its cap
      for (int i = 1; i <= ROWS; i++) {
        byte[] k = t.keyOf(i);
        byName.store().remove(byName.entryKey(t.decode(k, t.store().get(k)), k));
      }
      f = DatabaseCheck.run(db, 50);
      assertEquals(50, f.size());
      assertTrue(f.get(49).problem().contains("check stopped after 50 findings"), f.get(49).toString());
    } finally {
      close(db);
    }
  }

  @Test
  void findsDamagedBytesInTableAndIndexFiles() throws IOException {
    Path dir = tmp.resolve("db");
    Database db = create(dir);
    long tableId;
    long nameIndexId;
    try {
      Table t = table(db, "T");
      tableId = t.def().id();
      nameIndexId = index(t, "T_NAME").def().id();
      assertEquals(List.of(), db.check());
    } finally {
      close(db);
    }
    Path tableFile = flip(dir.resolve("tables").resolve(Long.toString(tableId)), name(42));
    Path indexFile = flip(dir.resolve("indexes").resolve(Long.toString(nameIndexId)), name(43));

    db = DatabaseRegistry.acquire(dir, false, RedoLog.Sync.OFF);
    try {
      List<DatabaseCheck.Finding> f = db.check();
      assertFinding(f, dir.relativize(tableFile).toString(), "checksum mismatch");
      assertFinding(f, dir.relativize(indexFile).toString(), "checksum mismatch");
      // the damaged index entry (its key holds the name) is not found under row 43's entry key
      assertFinding(f, "T_NAME", "row (ID=43) has no index entry");
      assertFinding(f, "T_NAME", "is not in the index's store"); // its ordered entry has the intact key
      assertEquals(4, f.size(), f.toString());
      assertTrue(f.stream().anyMatch(x -> x.problem().contains(dir.resolve("tables").resolve(Long.toString(tableId))
          + ", shard ") && x.problem().contains("in file " + tableFile.getFileName())), f.toString());
    } finally {
      close(db);
    }
  }

  /** Flips one byte inside the first occurrence of {@code text} in a shard file of {@code store}. */
  private static Path flip(Path store, String text) throws IOException {
    byte[] needle = text.getBytes(StandardCharsets.US_ASCII);
    List<Path> files;
    try (Stream<Path> s = Files.list(store)) {
      files = s.filter(p -> p.getFileName().toString().endsWith(TableStore.SHARD_SUFFIX)).sorted().toList();
    }
    for (Path file : files) {
      byte[] all = Files.readAllBytes(file);
      outer:
      for (int i = 0; i + needle.length <= all.length; i++) {
        for (int j = 0; j < needle.length; j++) {
          if (all[i + j] != needle[j]) {
            continue outer;
          }
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
          raf.seek(i + 5);
          raf.write(all[i + 5] ^ 0x04);
        }
        return file;
      }
    }
    throw new AssertionError(text + " not found in " + store);
  }
}
