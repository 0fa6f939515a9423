package dev.marble.storage;

import java.io.FileDescriptor;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write-ahead (redo) log of committed transactions: one file, {@code <db>/wal/redo.log}, that
 * a commit appends its write set to before applying it to the maps. Opening the database replays
 * it (the payloads are full images, so replaying a record already applied is harmless); a
 * checkpoint forces every store and then {@link #truncate truncates} it.
 *
 * <h2>Format</h2>
 * All integers big-endian. A 32-byte file header:
 *
 * <pre>
 *   magic   long  "MRBLREDO" (0x4D52424C5245444F)
 *   version int   1
 *   zero    int
 *   start   long  the LSN the first record would have (LSNs stay monotonic across truncates)
 *   crc     int   CRC-32C of the 24 bytes above
 *   zero    int
 * </pre>
 *
 * followed by records, each a 20-byte header and the payload:
 *
 * <pre>
 *   magic   int   "MREC" (0x4D524543)
 *   length  int   payload length
 *   crc     int   CRC-32C of payload ‖ length ‖ lsn (the two fields as stored)
 *   lsn     long  greater than the previous record's (consecutive unless records were lost)
 *   payload byte[length]
 * </pre>
 *
 * Reading stops at the first record whose header is cut short, whose magic is wrong, whose length
 * runs past the end of the file, whose checksum fails or whose LSN does not increase: that is a
 * write torn by a crash (or damage). The file is truncated there, with a WARN naming the file and
 * offset, so that new records follow the last good one. A damaged record is never returned. The
 * file header is written only whole (temp file, fsync, atomic rename), so a bad header is damage:
 * CORRUPTED.
 *
 * <h2>Durability</h2>
 * Records are written with {@link RandomAccessFile#write} straight to the OS, so a killed process
 * loses nothing it appended. What survives a power loss depends on {@link Sync}. With FULL,
 * appenders waiting at the same time share one fsync (group commit: the first waiter syncs
 * everything written so far, the others wait for it and return when it covers their LSN).
 *
 * <h2>Interrupts</h2>
 * The file is shared by every connection, so it is never touched through a {@code FileChannel}
 * (an interrupt inside a channel operation closes the channel for all threads). Writes, fsyncs
 * ({@link FileDescriptor#sync}) and waits are all uninterruptible: an interrupted appender's append
 * completes, and its interrupt status is left set for it to act on.
 *
 * <p>Failures: a write that fails is rolled back (the file is cut back to the last record) and
 * fails that append alone. A failed fsync leaves the durability of everything written unknown (the
 * OS may have dropped the dirty pages), so the log then refuses every further append and sync with
 * IO_ERROR until the database is reopened and replays what really is on disk.
 */
public final class RedoLog implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RedoLog.class);

  /** When an appended record reaches the disk. */
  public enum Sync {
    /** Before {@link #append} returns (concurrent appenders share one fsync). */
    FULL,
    /**
     * By a background flusher, at most ~10 ms after the append. A killed process loses nothing (the
     * OS has the bytes); a power loss may drop the commits of the last few milliseconds.
     */
    NORMAL,
    /** Only at {@link #truncate} (checkpoint) and {@link #close}: a power loss may drop every commit since. */
    OFF
  }

  /** The log file's name inside the wal folder. */
  public static final String FILE_NAME = "redo.log";

  static final long FILE_MAGIC = 0x4D52424C5245444FL; // "MRBLREDO"
  static final int VERSION = 1;
  static final int HEADER_SIZE = 32;
  static final int RECORD_MAGIC = 0x4D524543; // "MREC"
  static final int RECORD_HEADER = 20;
  /** Largest payload: the record must fit a Java array. */
  static final int MAX_PAYLOAD = Integer.MAX_VALUE - 64 - RECORD_HEADER;
  private static final long FLUSH_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

  private final Path file;
  private final Sync sync;
  /** Hear of every fsync of the log (the database's listeners). */
  private final Listeners listeners;

  /** Serialises writes, replay, truncate and close; guards raf and nextLsn. */
  private final ReentrantLock appendLock = new ReentrantLock();
  private RandomAccessFile raf;
  private long nextLsn;
  /** Length of the file: the end of the last good record. Written under appendLock. */
  private volatile long end;
  /** LSN of the last record completely written to the OS. Written under appendLock. */
  private volatile long writtenLsn;

  /** Guards durableLsn, syncing and fd; lock order: appendLock, then syncLock. */
  private final ReentrantLock syncLock = new ReentrantLock();
  private final Condition syncDone = syncLock.newCondition();
  /** LSN up to which every record has been fsynced. Written under syncLock. */
  private volatile long durableLsn;
  /** A sync leader is inside fsync (without holding syncLock); raf and fd must not change meanwhile. */
  private boolean syncing;
  /** The descriptor a sync leader forces; null once closed. */
  private FileDescriptor fd;

  /** Set when the log cannot be trusted any more (failed fsync or rollback): every call fails. */
  private volatile StorageException failure;
  private volatile boolean closed;

  /** NORMAL's background flusher, null otherwise. */
  private final Thread flusher;
  private volatile boolean flusherIdle;

  private RedoLog(Path file, Sync sync, RandomAccessFile raf, Listeners listeners) throws IOException {
    this.file = file;
    this.sync = sync;
    this.listeners = listeners;
    this.raf = raf;
    this.fd = raf.getFD();
    this.flusher = sync == Sync.NORMAL ? new Thread(this::flushLoop, "marble-redo-flusher " + file) : null;
  }

  /**
   * Opens the log in {@code dir} ({@code <db>/wal/}), creating the folder and an empty log when
   * absent. A torn tail left by a crash is cut off here (WARN); call {@link #replay} to apply what
   * the log holds.
   *
   * @throws StorageException IO_ERROR when a file cannot be created or read, CORRUPTED or
   *     UNSUPPORTED_FORMAT when the file header is damaged or from a newer Marble
   */
  public static RedoLog open(Path dir, Sync sync) {
    return open(dir, sync, new Listeners());
  }

  /** As {@link #open(Path, Sync)}, reporting each fsync to {@code listeners}. */
  static RedoLog open(Path dir, Sync sync, Listeners listeners) {
    Objects.requireNonNull(sync, "sync");
    Path file = dir.resolve(FILE_NAME);
    try {
      if (!Files.isDirectory(dir)) {
        Files.createDirectories(dir);
        AtomicFiles.syncDirectory(dir.toAbsolutePath().getParent());
      }
    } catch (IOException e) {
      throw StoreErrors.ioError("Cannot create redo log folder " + dir, e);
    }
    if (!Files.exists(file)) {
      AtomicFiles.write(file, header(1));
    }
    RandomAccessFile raf;
    try {
      raf = new RandomAccessFile(file.toFile(), "rw");
    } catch (IOException e) {
      throw StoreErrors.ioError("Cannot open redo log " + file, e);
    }
    RedoLog log;
    try {
      log = new RedoLog(file, sync, raf, listeners);
      RedoLogReader.Scan s = RedoLogReader.scan(file, raf, null, raf.length());
      log.end = s.end();
      log.nextLsn = s.lastLsn() + 1;
      log.writtenLsn = s.lastLsn();
      log.durableLsn = s.lastLsn();
      raf.seek(s.end());
    } catch (IOException e) {
      closeQuietly(raf);
      throw StoreErrors.ioError("Cannot read redo log " + file, e);
    } catch (RuntimeException | Error e) {
      closeQuietly(raf);
      throw e;
    }
    if (log.flusher != null) {
      log.flusher.setDaemon(true);
      log.flusher.start();
    }
    LOG.debug("Opened redo log {} ({} bytes, next LSN {}, sync {})", file, log.end, log.nextLsn, sync);
    return log;
  }

  /**
   * Appends one committed transaction's payload and returns its LSN (increasing). Thread-safe;
   * with {@link Sync#FULL} it returns once the record is on disk. Interrupts do not disturb it.
   *
   * @throws StorageException IO_ERROR when the record cannot be written or synced (the log then
   *     may refuse further appends), CLOSED after {@link #close}, TOO_LARGE for a payload over 2 GB
   */
  public long append(byte[] payload) {
    Objects.requireNonNull(payload, "payload");
    checkUsable();
    if (payload.length > MAX_PAYLOAD) {
      throw new StorageException(StorageException.Code.TOO_LARGE,
          "A redo record of " + payload.length + " bytes exceeds the limit of " + MAX_PAYLOAD + " bytes");
    }
    // Everything but the LSN is prepared outside the lock.
    byte[] rec = new byte[RECORD_HEADER + payload.length];
    System.arraycopy(payload, 0, rec, RECORD_HEADER, payload.length);
    ByteBuffer h = ByteBuffer.wrap(rec, 0, RECORD_HEADER);
    h.putInt(0, RECORD_MAGIC).putInt(4, payload.length);
    CRC32C crc = new CRC32C();
    crc.update(payload);
    crc.update(rec, 4, 4);
    long lsn;
    appendLock.lock();
    try {
      checkUsable();
      lsn = nextLsn;
      h.putLong(12, lsn);
      crc.update(rec, 12, 8);
      h.putInt(8, (int) crc.getValue());
      try {
        raf.write(rec);
      } catch (IOException e) {
        throw rollBack(e);
      }
      nextLsn = lsn + 1;
      end += rec.length;
      writtenLsn = lsn;
    } finally {
      appendLock.unlock();
    }
    if (sync == Sync.FULL) {
      awaitDurable(lsn);
    } else if (sync == Sync.NORMAL && flusherIdle) {
      LockSupport.unpark(flusher);
    }
    return lsn;
  }

  /** After a failed write: cuts the partial record off so the next append follows the last good one. */
  private StorageException rollBack(IOException e) {
    StorageException error = StoreErrors.ioError("Cannot append to redo log " + file, e);
    try {
      raf.setLength(end);
      raf.seek(end);
    } catch (IOException again) {
      error.addSuppressed(again);
      fail(StoreErrors.ioError("Redo log " + file + " cannot be cut back to its last record at offset "
          + end + " after a failed append; reopen the database", again));
    }
    return error;
  }

  /**
   * Passes every intact record since the last {@link #truncate} to {@code payloads}, in LSN order,
   * and stops at the first torn or damaged one: the file is cut there (WARN with file and offset)
   * so later appends follow the last good record. Appends wait while it runs.
   *
   * @throws StorageException IO_ERROR when the file cannot be read or cut, CORRUPTED when its header is damaged
   */
  public void replay(Consumer<byte[]> payloads) {
    Objects.requireNonNull(payloads, "payloads");
    appendLock.lock();
    try {
      checkUsable();
      RedoLogReader.Scan s = RedoLogReader.scan(file, raf, payloads, end);
      end = s.end(); // shorter only if the file was damaged since open; nextLsn stays, LSNs keep increasing
    } catch (IOException e) {
      throw StoreErrors.ioError("Cannot read redo log " + file, e);
    } finally {
      appendLock.unlock();
    }
  }

  /**
   * Drops every record. Call it only after a checkpoint forced every store, with no commit between
   * its append and its application to the stores. Crash-safe: a new file holding only the header
   * is written, fsynced and renamed over the log, so a crash leaves either the old records (which
   * replay idempotently) or none.
   *
   * @throws StorageException IO_ERROR when the new file cannot be written (the log then keeps its
   *     records, or refuses further use if even reopening failed)
   */
  public void truncate() {
    appendLock.lock();
    try {
      checkUsable();
      syncLock.lock();
      try {
        while (syncing) {
          syncDone.awaitUninterruptibly();
        }
        checkUsable();
        if (durableLsn < writtenLsn) {
          // Appenders may still wait on these: they are durable in the stores, and now in the log too.
          forceLocked();
        }
        try {
          raf.close(); // before the rename, which Windows refuses over an open file
        } catch (IOException e) {
          LOG.debug("Closing redo log {} before truncating it: {}", file, e.toString());
        }
        try {
          AtomicFiles.write(file, header(nextLsn));
        } catch (StorageException e) {
          reopenAfterFailedTruncate(e);
          throw e;
        }
        try {
          raf = new RandomAccessFile(file.toFile(), "rw");
          raf.seek(HEADER_SIZE);
          fd = raf.getFD();
        } catch (IOException e) {
          StorageException error = StoreErrors.ioError("Cannot reopen redo log " + file + " after truncating it", e);
          fail(error);
          throw error;
        }
        end = HEADER_SIZE;
      } finally {
        syncLock.unlock();
      }
    } finally {
      appendLock.unlock();
    }
    LOG.debug("Truncated redo log {}; next LSN {}", file, nextLsn);
  }

  /** The rename may or may not have happened: reopen whichever file is there. */
  private void reopenAfterFailedTruncate(StorageException cause) {
    try {
      raf = new RandomAccessFile(file.toFile(), "rw");
      fd = raf.getFD();
      RedoLogReader.Scan s = RedoLogReader.scan(file, raf, null, raf.length());
      end = s.end();
      raf.seek(end);
    } catch (IOException | RuntimeException e) {
      cause.addSuppressed(e);
      fail(new StorageException(StorageException.Code.IO_ERROR,
          "Redo log " + file + " cannot be reopened after a failed truncate; reopen the database", e));
    }
  }

  /** The size of the log file in bytes (header included), for deciding when to checkpoint. */
  public long bytes() {
    return end;
  }

  public Sync sync() {
    return sync;
  }

  /**
   * Stops the flusher, fsyncs and closes the file. Appenders still waiting for their fsync are
   * released by it. Idempotent.
   *
   * @throws StorageException IO_ERROR when the final fsync fails
   */
  @Override
  public void close() {
    appendLock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true; // no append gets past its check any more
    } finally {
      appendLock.unlock();
    }
    if (flusher != null) {
      LockSupport.unpark(flusher);
      joinUninterruptibly(flusher);
    }
    StorageException error = null;
    appendLock.lock();
    syncLock.lock();
    try {
      while (syncing) {
        syncDone.awaitUninterruptibly();
      }
      if (failure == null && durableLsn < writtenLsn) {
        try {
          forceLocked();
        } catch (StorageException e) {
          error = e;
        }
      }
      try {
        raf.close();
      } catch (IOException e) {
        LOG.warn("Cannot close redo log {}: {}", file, e.toString());
      }
      fd = null;
      syncDone.signalAll();
    } finally {
      syncLock.unlock();
      appendLock.unlock();
    }
    if (error != null) {
      throw error;
    }
  }

  @Override
  public String toString() {
    return "RedoLog[" + file + ", " + sync + ", " + end + " bytes]";
  }

  // ---- durability ------------------------------------------------------------------------------

  /** Returns once every record up to {@code lsn} is fsynced: as the leader, or behind one. */
  private void awaitDurable(long lsn) {
    syncLock.lock();
    try {
      while (durableLsn < lsn) {
        if (failure != null) {
          throw rethrown(failure);
        }
        if (syncing) {
          syncDone.awaitUninterruptibly();
          continue;
        }
        if (fd == null) {
          throw closedError();
        }
        // Leader: fsync everything written so far, outside the lock so that others keep appending.
        syncing = true;
        long target = writtenLsn;
        FileDescriptor f = fd;
        IOException error = null;
        syncLock.unlock();
        long started = listeners.start();
        try {
          f.sync();
          listeners.redoLogForced(started);
        } catch (IOException e) {
          error = e;
        } finally {
          syncLock.lock();
          syncing = false;
          syncDone.signalAll();
        }
        if (error != null) {
          fail(StoreErrors.ioError("Cannot force redo log " + file
              + " to disk; the durability of recent commits is unknown, reopen the database", error));
        } else if (target > durableLsn) {
          durableLsn = target;
        }
      }
    } finally {
      syncLock.unlock();
    }
  }

  /** Fsyncs with both locks held and no leader running (truncate, close). */
  private void forceLocked() {
    long target = writtenLsn;
    long started = listeners.start();
    try {
      fd.sync();
      listeners.redoLogForced(started);
    } catch (IOException e) {
      StorageException error = StoreErrors.ioError("Cannot force redo log " + file + " to disk", e);
      fail(error);
      throw error;
    }
    durableLsn = target;
    syncDone.signalAll();
  }

  /** NORMAL: fsyncs whatever was appended, then waits ~10 ms before the next fsync. */
  private void flushLoop() {
    while (!closed) {
      if (durableLsn >= writtenLsn) {
        flusherIdle = true;
        if (durableLsn >= writtenLsn && !closed) {
          LockSupport.parkNanos(this, TimeUnit.SECONDS.toNanos(1));
        }
        flusherIdle = false;
        continue;
      }
      try {
        awaitDurable(writtenLsn);
      } catch (RuntimeException e) {
        if (failure != null || closed) {
          return; // logged by fail(); appends now fail
        }
        LOG.error("Redo log flusher of {}: {}", file, e.toString(), e);
      }
      LockSupport.parkNanos(this, FLUSH_INTERVAL_NANOS);
    }
  }

  private void fail(StorageException e) {
    syncLock.lock();
    try {
      if (failure == null) {
        failure = e;
        LOG.error("Redo log {} refuses further use: {}", file, e.getMessage());
      }
      syncDone.signalAll();
    } finally {
      syncLock.unlock();
    }
  }

  private void checkUsable() {
    if (closed) {
      throw closedError();
    }
    StorageException f = failure;
    if (f != null) {
      throw rethrown(f);
    }
  }

  private StorageException closedError() {
    return new StorageException(StorageException.Code.CLOSED, "Redo log " + file + " is closed");
  }

  /** A fresh exception per caller, so each has its own stack trace. */
  private static StorageException rethrown(StorageException f) {
    return new StorageException(f.code(), f.getMessage(), f);
  }

  // ---- reading ---------------------------------------------------------------------------------






  static byte[] header(long startLsn) {
    byte[] h = new byte[HEADER_SIZE];
    ByteBuffer b = ByteBuffer.wrap(h);
    b.putLong(0, FILE_MAGIC).putInt(8, VERSION).putLong(16, startLsn);
    CRC32C c = new CRC32C();
    c.update(h, 0, 24);
    b.putInt(24, (int) c.getValue());
    return h;
  }

  private static void joinUninterruptibly(Thread t) {
    boolean interrupted = false;
    while (true) {
      try {
        t.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static void closeQuietly(RandomAccessFile f) {
    try {
      f.close();
    } catch (IOException ignored) {
      // already failing
    }
  }
}
