package dev.marble.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.marble.sql.Session;
import dev.marble.sql.SqlEngine;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Database#addListener} hears of commits, redo-log syncs and checkpoints. */
class DatabaseListenerTest {
  @TempDir Path tmp;
  private Database db;

  /** Every event as "kind", with its duration checked positive on arrival. */
  private static final class Recorder implements DatabaseListener {
    final ConcurrentLinkedQueue<String> events = new ConcurrentLinkedQueue<>();

    @Override
    public void committed(long nanos) {
      add("commit", nanos);
    }

    @Override
    public void redoLogForced(long nanos) {
      add("fsync", nanos);
    }

    @Override
    public void checkpointed(long nanos) {
      add("checkpoint", nanos);
    }

    private void add(String kind, long nanos) {
      assertTrue(nanos > 0, kind + " took " + nanos + " ns");
      events.add(kind);
    }

    long count(String kind) {
      return events.stream().filter(kind::equals).count();
    }
  }

  private void open(RedoLog.Sync sync) {
    db = DatabaseRegistry.acquire(tmp.resolve("db"), true, sync);
  }

  private void sql(String sql) {
    Session session = new Session(db, "SA");
    SqlEngine.of(db).prepare(sql, session).execute(session, new Object[0], false, null);
  }

  @AfterEach
  void close() {
    if (db != null && DatabaseRegistry.release(db)) {
      SqlEngine.release(db);
    }
    db = null;
  }

  @Test
  void hearsEachCommitAndEachFsyncUnderSyncFull() {
    open(RedoLog.Sync.FULL);
    sql("CREATE TABLE T (ID INT PRIMARY KEY, NAME VARCHAR(20))");
    Recorder r = new Recorder();
    db.addListener(r);
    for (int i = 1; i <= 7; i++) {
      sql("INSERT INTO T VALUES (" + i + ", 'n" + i + "')");
    }
    sql("SELECT * FROM T"); // writes nothing: no commit to report
    assertEquals(7, r.count("commit"), r.events.toString());
    // one thread commits, so no fsync is shared: each commit forced the log itself
    assertEquals(7, r.count("fsync"), r.events.toString());
    assertEquals(0, r.count("checkpoint"));

    db.removeListener(r);
    sql("INSERT INTO T VALUES (8, 'n8')");
    assertEquals(14, r.events.size());
  }

  @Test
  void syncOffForcesTheLogOnlyAtCheckpoints() {
    open(RedoLog.Sync.OFF);
    sql("CREATE TABLE T (ID INT PRIMARY KEY)");
    Recorder r = new Recorder();
    db.addListener(r);
    sql("INSERT INTO T VALUES (1), (2)");
    sql("INSERT INTO T VALUES (3)");
    assertEquals(List.of("commit", "commit"), List.copyOf(r.events));
    db.checkpoint();
    assertEquals(List.of("commit", "commit", "fsync", "checkpoint"), List.copyOf(r.events));
  }

  @Test
  void aFailingListenerDoesNotFailTheCommit() {
    open(RedoLog.Sync.OFF);
    sql("CREATE TABLE T (ID INT PRIMARY KEY)");
    db.addListener(new DatabaseListener() {
      @Override
      public void committed(long nanos) {
        throw new IllegalStateException("listener bug (expected by the test)");
      }
    });
    Recorder r = new Recorder();
    db.addListener(r);
    sql("INSERT INTO T VALUES (1)");
    assertEquals(1, r.count("commit"));
    assertEquals(1, db.tableSizes().get(0).rows());
  }

  @Test
  void tableSizesFollowInsertsAndDrops() {
    open(RedoLog.Sync.OFF);
    sql("CREATE TABLE T (ID INT PRIMARY KEY, NAME VARCHAR(200))");
    sql("CREATE INDEX T_NAME ON T (NAME)");
    sql("CREATE TABLE U (A INT)");
    TableSize empty = size("T");
    assertEquals(0, empty.rows());
    assertTrue(empty.bytes() > 0 && empty.indexBytes() > 0, empty.toString());
    assertEquals(0, size("U").indexBytes());

    for (int from = 0; from < 20_000; from += 500) {
      StringBuilder insert = new StringBuilder("INSERT INTO T VALUES (" + from + ", 'x')");
      for (int i = from + 1; i < from + 500; i++) {
        insert.append(", (").append(i).append(", 'name-").append(i).append("-".repeat(60)).append("')");
      }
      sql(insert.toString());
    }
    TableSize full = size("T");
    assertEquals(20_000, full.rows());
    assertTrue(full.bytes() > empty.bytes(), empty + " then " + full);
    assertTrue(full.indexBytes() > empty.indexBytes(), empty + " then " + full);
    long total = db.diskBytes();
    assertTrue(total > full.bytes() + full.indexBytes(), total + " bytes in all, " + full);

    sql("DROP TABLE T");
    assertEquals(List.of("U"), db.tableSizes().stream().map(TableSize::table).toList());
    assertTrue(db.diskBytes() < total);
  }

  @Test
  void whileDdlRunsOnlyTablesAlreadyOpenAreMeasured() throws Exception {
    open(RedoLog.Sync.OFF);
    sql("CREATE TABLE T (ID INT PRIMARY KEY)");
    sql("INSERT INTO T VALUES (1), (2), (3)");
    close();
    open(RedoLog.Sync.OFF); // T's store is not open yet
    CountDownLatch held = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(1);
    Thread ddl = new Thread(() -> {
      db.schemaLock().lock();
      try {
        held.countDown();
        done.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        db.schemaLock().unlock();
      }
    });
    ddl.start();
    held.await();
    try {
      assertEquals(List.of(), db.tableSizes()); // did not wait for the lock, opened nothing
    } finally {
      done.countDown();
      ddl.join();
    }
    assertEquals(3, size("T").rows());
  }

  @Test
  void inMemoryTablesHaveRowsButNoBytes() {
    db = DatabaseRegistry.acquireInMemory("listener-test", false);
    sql("CREATE TABLE T (ID INT PRIMARY KEY)");
    Recorder r = new Recorder();
    db.addListener(r);
    sql("INSERT INTO T VALUES (1), (2)");
    assertEquals(List.of("commit"), List.copyOf(r.events));
    assertEquals(new TableSize("PUBLIC", "T", 2, 0, 0), size("T"));
    assertEquals(0, db.diskBytes());
  }

  private TableSize size(String table) {
    return db.tableSizes().stream().filter(s -> s.table().equals(table)).findFirst().orElseThrow();
  }
}
