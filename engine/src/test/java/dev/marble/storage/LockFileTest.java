package dev.marble.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LockFileTest {
  @TempDir Path dir;

  /** Child process: locks args[0], says so, then waits until killed or stdin closes. */
  public static final class Holder {
    public static void main(String[] args) throws Exception {
      LockFile lock = LockFile.acquire(Path.of(args[0]));
      System.out.println("LOCKED unclean=" + lock.wasUncleanShutdown());
      System.out.flush();
      while (System.in.read() >= 0) {
        // wait
      }
      lock.markClean();
      lock.close();
    }
  }

  @Test
  void cleanAndUncleanShutdownInOneProcess() throws Exception {
    Path db = dir.resolve("db");
    try (LockFile first = LockFile.acquire(db)) {
      assertFalse(first.wasUncleanShutdown(), "a new directory");
      String body = Files.readString(db.resolve(LockFile.STATE_FILE_NAME));
      assertTrue(body.contains("pid=" + ProcessHandle.current().pid()), body);
      assertTrue(body.contains("state=open"), body);
      StorageException e = assertThrows(StorageException.class, () -> LockFile.acquire(db));
      assertEquals(StorageException.Code.LOCKED, e.code());
      assertTrue(e.getMessage().contains("jdbc:marble:remote://"), e.getMessage());
      // the failed attempt must not have released the first lock (POSIX close semantics)
      assertThrows(StorageException.class, () -> LockFile.acquire(db.resolve("..").resolve("db")));
      first.markClean();
      assertTrue(Files.readString(db.resolve(LockFile.STATE_FILE_NAME)).contains("state=closed"));
      assertEquals(0, Files.size(db.resolve(LockFile.FILE_NAME)), "marble.lock is only the lock");
      InterruptSafetyTest.assertLockHeld(first);
    }
    try (LockFile second = LockFile.acquire(db)) {
      assertFalse(second.wasUncleanShutdown(), "previous holder marked clean");
      // no markClean: looks like a crash to the next holder
    }
    try (LockFile third = LockFile.acquire(db)) {
      assertTrue(third.wasUncleanShutdown());
    }
  }

  @Test
  void anotherProcessIsNamedAndItsDeathIsDetected() throws Exception {
    Path db = dir.resolve("shared");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Holder.class.getName(),
        db.toString()).redirectErrorStream(true).start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      String line = out.readLine();
      assertTrue(line != null && line.startsWith("LOCKED"), "child said: " + line);
      StorageException e = assertThrows(StorageException.class, () -> LockFile.acquire(db));
      assertEquals(StorageException.Code.LOCKED, e.code());
      String m = e.getMessage();
      assertTrue(m.contains("another process"), m);
      assertTrue(m.contains("pid " + child.pid()), m);
      assertTrue(m.contains(Holder.class.getName()), m);
      assertTrue(m.contains("jdbc:marble:remote://"), m);
      assertTrue(m.contains(db.toString()), m);
      child.destroyForcibly();
      assertTrue(child.waitFor(30, TimeUnit.SECONDS));
      try (LockFile mine = LockFile.acquire(db)) {
        assertTrue(mine.wasUncleanShutdown(), "the killed holder never marked the file clean");
        mine.markClean();
      }
    } finally {
      child.destroyForcibly();
    }
  }

  @Test
  void aDirectoryOfAnOlderVersionKeepsItsState() throws Exception {
    // older versions kept the holder and state in marble.lock itself
    Path db = dir.resolve("old");
    Files.createDirectories(db);
    Files.writeString(db.resolve(LockFile.FILE_NAME), "pid=1\nhost=h\nstarted=s\ncommand=java x\nstate=open\n");
    try (LockFile lock = LockFile.acquire(db)) {
      assertTrue(lock.wasUncleanShutdown(), "the old body said open");
      InterruptSafetyTest.assertLockHeld(lock);
      lock.markClean();
    }
    try (LockFile lock = LockFile.acquire(db)) {
      assertFalse(lock.wasUncleanShutdown(), "the state file now says closed");
    }
    Path clean = dir.resolve("oldClean");
    Files.createDirectories(clean);
    Files.writeString(clean.resolve(LockFile.FILE_NAME), "pid=1\nstate=closed\n");
    try (LockFile lock = LockFile.acquire(clean)) {
      assertFalse(lock.wasUncleanShutdown());
    }
  }

  @Test
  void stateWritesKeepTheLockAndTheInterruptStatus() throws Exception {
    Path db = dir.resolve("db");
    try (LockFile lock = LockFile.acquire(db)) {
      for (int i = 0; i < 20; i++) {
        Thread.currentThread().interrupt();
        lock.markClean();
        assertTrue(Thread.interrupted(), "markClean keeps the interrupt status");
      }
      InterruptSafetyTest.assertLockHeld(lock);
      StorageException e = assertThrows(StorageException.class, () -> LockFile.acquire(db));
      assertEquals(StorageException.Code.LOCKED, e.code());
      assertTrue(e.getMessage().contains("this process"), e.getMessage());
      assertTrue(e.getMessage().contains("pid " + ProcessHandle.current().pid()), e.getMessage());
    } finally {
      Thread.interrupted();
    }
    assertThrows(StorageException.class, () -> {
      LockFile closed = LockFile.acquire(db);
      closed.close();
      closed.markClean();
    });
  }
}
