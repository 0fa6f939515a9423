package dev.marble.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.marble.storage.TableStore.StoreOptions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Thread.interrupt() on a thread inside Marble must not close shared files: a {@code FileChannel}
 * is closed for everyone when a thread using it is interrupted.
 */
class InterruptSafetyTest {
  private static final StoreOptions SMALL = StoreOptions.defaults(8, false, 200)
      .withInitialEntries(256).withMaxShardEntries(1024);

  @TempDir Path dir;

  /**
   * True when {@code /proc/locks} lists a POSIX write lock of this process on {@code file}; null
   * where there is no {@code /proc/locks} (not Linux). Reading it opens no descriptor of {@code
   * file}, so the check cannot drop the lock it looks for.
   */
  static Boolean holdsPosixWriteLock(Path file) throws IOException {
    Path locks = Path.of("/proc/locks");
    if (!Files.isReadable(locks)) {
      return null;
    }
    long inode = ((Number) Files.getAttribute(file, "unix:ino")).longValue();
    String pid = String.valueOf(ProcessHandle.current().pid());
    for (String line : Files.readAllLines(locks)) {
      // 1: POSIX  ADVISORY  WRITE 4242 fd:01:1234567 9223372036854775806 9223372036854775806
      String[] f = line.trim().split("\\s+");
      if (f.length >= 6 && f[1].equals("POSIX") && f[3].equals("WRITE") && f[4].equals(pid)) {
        String id = f[5];
        if (id.substring(id.lastIndexOf(':') + 1).equals(String.valueOf(inode))) {
          return true;
        }
      }
    }
    return false;
  }

  static void assertLockHeld(LockFile lock) throws IOException {
    assertTrue(lock.isHeld(), "the lock channel is still open and its lock valid");
    Boolean os = holdsPosixWriteLock(lock.directory().resolve(LockFile.FILE_NAME));
    assertTrue(os == null || os, "/proc/locks lists our lock on marble.lock");
  }

  private static byte[] key(long i) {
    return ByteBuffer.allocate(8).putLong(i).array();
  }

  private static byte[] value(long i) {
    byte[] v = new byte[100 + (int) (i % 50)];
    ByteBuffer.wrap(v).putLong(i * 7919);
    return v;
  }

  @Test
  void aPendingInterruptNeitherFailsNorIsLost() throws Exception {
    Path db = dir.resolve("db");
    TableStore store = TableStore.create(db.resolve("tables").resolve("1"), SMALL);
    try {
      Thread.currentThread().interrupt();
      LockFile lock = LockFile.acquire(db);
      assertTrue(Thread.currentThread().isInterrupted(), "acquire keeps the interrupt status");
      try {
        store.put(key(1), value(1));
        store.force();
        assertTrue(Thread.currentThread().isInterrupted(), "force keeps the interrupt status");
        lock.markClean();
        assertTrue(Thread.interrupted(), "markClean keeps the interrupt status");
        assertLockHeld(lock);
        assertArrayEquals(value(1), store.get(key(1)));
      } finally {
        lock.close();
      }
      assertFalse(lock.isHeld());
    } finally {
      Thread.interrupted();
      store.close();
    }
  }

  @Test
  void anInterruptStormLosesNoFile() throws Exception {
    Path db = dir.resolve("db");
    LockFile lock = LockFile.acquire(db);
    TableStore store = TableStore.create(db.resolve("tables").resolve("1"), SMALL);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    AtomicLong rounds = new AtomicLong();
    AtomicBoolean done = new AtomicBoolean();
    try {
      Thread worker = new Thread(() -> {
        long deadline = System.nanoTime() + 4_000_000_000L;
        try {
          for (long i = 0; i < 300 && System.nanoTime() < deadline; i++) {
            if (i % 2 == 0) {
              Thread.interrupted(); // let the next interrupt arrive in the middle of an operation
            }
            lock.markClean();
            store.put(key(i), value(i));
            store.force();
            rounds.incrementAndGet();
          }
        } catch (Throwable t) {
          failure.set(t);
        } finally {
          done.set(true);
        }
      }, "interrupted-worker");
      Thread interrupter = new Thread(() -> {
        while (!done.get()) {
          worker.interrupt();
          LockSupport.parkNanos(50_000);
        }
      }, "interrupter");
      worker.start();
      interrupter.start();
      worker.join(120_000);
      done.set(true);
      interrupter.join(10_000);
      assertFalse(worker.isAlive());
      if (failure.get() != null) {
        throw new AssertionError("failed after " + rounds.get() + " rounds", failure.get());
      }
      assertTrue(rounds.get() >= 10, "rounds: " + rounds.get());

      assertLockHeld(lock);
      StorageException e = assertThrows(StorageException.class, () -> LockFile.acquire(db));
      assertEquals(StorageException.Code.LOCKED, e.code());
      String state = Files.readString(db.resolve(LockFile.STATE_FILE_NAME));
      assertTrue(state.contains("state=closed"), state);
      assertTrue(state.contains("pid=" + ProcessHandle.current().pid()), state);

      for (long i = 0; i < rounds.get(); i++) {
        assertArrayEquals(value(i), store.get(key(i)), "row " + i);
      }
      store.put(key(-1), value(1));
      store.force();
      assertArrayEquals(value(1), store.get(key(-1)));
      assertEquals(rounds.get() + 1, store.size());
      lock.markClean();
      assertLockHeld(lock);
    } finally {
      store.close();
      lock.close();
    }
    try (LockFile again = LockFile.acquire(db)) {
      assertFalse(again.wasUncleanShutdown(), "the last state write said closed");
    }
    TableStore reopened = TableStore.open(db.resolve("tables").resolve("1"), SMALL, false);
    try {
      assertArrayEquals(value(1), reopened.get(key(-1)));
      assertNull(reopened.get(key(1_000_000)));
    } finally {
      reopened.close();
    }
    assertFalse(Files.exists(db.resolve(LockFile.STATE_FILE_NAME + ".tmp")), "no temp state file left");
  }
}
