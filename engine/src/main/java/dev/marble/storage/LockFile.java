package dev.marble.storage;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One process per database directory: an exclusive OS lock on {@code <dir>/marble.lock}; the
 * holder (pid, host, start time, command) and its state are in {@code <dir>/marble.state}.
 *
 * <p>The state file says {@code state=open} while a process uses the database and {@code
 * state=closed} after {@link #markClean()}; a new holder that finds {@code state=open} knows the
 * previous one died ({@link #wasUncleanShutdown()}). The OS releases the lock when a process dies,
 * so a stale file never blocks anyone. The lock covers one byte far beyond the end of the file (the
 * byte older versions, which kept the holder in {@code marble.lock} itself, locked too).
 *
 * <p>Interrupts: a {@code FileChannel} is closed for everyone when a thread using it is
 * interrupted, and closing the lock channel drops the lock. So after {@code tryLock} the lock
 * channel is used for nothing but {@link #close()}; the state file is replaced through {@link
 * AtomicFiles#write} (streams and {@code FileDescriptor.sync}, which interrupts do not abort). It is
 * a separate file because on POSIX closing any descriptor of {@code marble.lock} would drop this
 * process's lock on it, and the write has to close the descriptors it opens.
 *
 * <p>A JVM cannot lock the same file twice: keep one open database per directory per JVM.
 */
public final class LockFile implements AutoCloseable {
  /** Name of the lock file inside a database directory. */
  public static final String FILE_NAME = "marble.lock";
  /** Name of the file naming the holder and its state, next to {@link #FILE_NAME}. */
  static final String STATE_FILE_NAME = "marble.state";

  private static final long LOCK_POSITION = Long.MAX_VALUE - 1;
  /**
   * Directories this JVM holds. Checked before opening the file: on POSIX, closing any channel to
   * a file drops every lock the process holds on it, so a second open-and-close would silently
   * unlock the first holder.
   */
  private static final Map<Path, LockFile> HELD = new ConcurrentHashMap<>();

  private final Path dir;
  private final Path key;
  private final Path stateFile;
  private final FileChannel channel;
  private final FileLock lock;
  private final boolean unclean;
  private final String started;
  private boolean closed;

  private LockFile(Path dir, Path key, FileChannel channel, FileLock lock, boolean unclean, String started) {
    this.dir = dir;
    this.key = key;
    this.stateFile = dir.resolve(STATE_FILE_NAME);
    this.channel = channel;
    this.lock = lock;
    this.unclean = unclean;
    this.started = started;
  }

  /**
   * Locks {@code dbDir} (created when missing) for this process.
   *
   * @throws StorageException LOCKED naming the holder when another process (or this JVM) holds
   *     it; IO_ERROR when the files cannot be written or the locking thread was interrupted
   */
  public static LockFile acquire(Path dbDir) {
    Path key;
    try {
      Files.createDirectories(dbDir);
      key = dbDir.toRealPath();
    } catch (IOException e) {
      throw new StorageException(StorageException.Code.IO_ERROR,
          "Cannot create database directory " + dbDir + ": " + AtomicFiles.describe(e), e);
    }
    synchronized (HELD) {
      if (HELD.containsKey(key)) {
        throw locked(dbDir, HELD.get(key).holderInfo());
      }
      LockFile lf = lock(dbDir, key);
      HELD.put(key, lf);
      return lf;
    }
  }

  private static LockFile lock(Path dbDir, Path key) {
    Path file = dbDir.resolve(FILE_NAME);
    // A directory last used by an older version keeps the holder in marble.lock itself. Read it
    // now: once we hold the lock, closing a descriptor of that file would drop it.
    Map<String, String> legacy = Files.exists(dbDir.resolve(STATE_FILE_NAME)) ? Map.of() : readState(file);
    FileChannel ch = null;
    FileLock lock = null;
    try {
      ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      try {
        lock = ch.tryLock(LOCK_POSITION, 1, false);
      } catch (OverlappingFileLockException e) {
        lock = null; // held by this JVM through a path we did not recognise
      }
      if (lock == null) {
        closeQuietly(ch);
        throw locked(dbDir, holderOf(dbDir));
      }
      Map<String, String> previous = readState(dbDir.resolve(STATE_FILE_NAME));
      if (previous.isEmpty()) {
        previous = legacy;
      }
      boolean unclean = "open".equals(previous.get("state"));
      String started = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
      LockFile lf = new LockFile(dbDir, key, ch, lock, unclean, started);
      lf.writeState("open");
      return lf;
    } catch (ClosedByInterruptException e) {
      // Only tryLock can get here (FileChannel.open is not interruptible): the interrupt closed the
      // channel, and with it any lock it got. Nothing was written; the caller may retry.
      closeQuietly(ch);
      Thread.currentThread().interrupt();
      throw new StorageException(StorageException.Code.IO_ERROR,
          "Locking database " + dbDir + " through " + file + " was interrupted", e);
    } catch (IOException e) {
      closeQuietly(ch);
      throw new StorageException(StorageException.Code.IO_ERROR,
          "Cannot lock database " + dbDir + " through " + file + ": " + AtomicFiles.describe(e), e);
    } catch (RuntimeException e) {
      closeQuietly(ch); // also releases the lock when writing the state failed
      throw e;
    }
  }

  /** Who holds {@code dbDir} according to its state file (or an older version's lock file). */
  private static Map<String, String> holderOf(Path dbDir) {
    Map<String, String> h = readState(dbDir.resolve(STATE_FILE_NAME));
    return h.containsKey("pid") ? h : readState(dbDir.resolve(FILE_NAME));
  }

  private Map<String, String> holderInfo() {
    Map<String, String> m = new HashMap<>();
    m.put("pid", String.valueOf(ProcessHandle.current().pid()));
    m.put("host", hostName());
    m.put("started", started);
    m.put("command", command());
    return m;
  }

  /** True when the previous holder never called {@link #markClean()} (it crashed or was killed). */
  public boolean wasUncleanShutdown() {
    return unclean;
  }

  /** Records a clean shutdown; call after everything is flushed, just before {@link #close()}. */
  public synchronized void markClean() {
    if (closed) {
      throw new StorageException(StorageException.Code.CLOSED, "Lock file " + dir.resolve(FILE_NAME) + " is closed");
    }
    writeState("closed");
  }

  public Path directory() {
    return dir;
  }

  /** True while this process holds the OS lock through this object (for tests). */
  synchronized boolean isHeld() {
    return !closed && lock.isValid();
  }

  /** Releases the lock. The files stay (deleting them would race with a process about to lock). */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    HELD.remove(key, this);
    try {
      lock.release();
    } catch (IOException ignored) {
      // closing the channel releases it too
    } finally {
      closeQuietly(channel);
    }
  }

  /** Replaces the state file (crash-safe, not abortable by interrupts; the interrupt status stays). */
  private void writeState(String state) {
    String body = "# Marble database state: the process below uses (or last used) this directory.\n"
        + "pid=" + ProcessHandle.current().pid() + "\n"
        + "host=" + hostName() + "\n"
        + "started=" + started + "\n"
        + "command=" + command() + "\n"
        + "state=" + state + "\n";
    AtomicFiles.write(stateFile, body.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The key=value lines of {@code file}; empty when it is missing or unreadable (the LOCKED message
   * then says "unknown"). Reads through a stream, which an interrupt does not abort; never call it
   * on {@code marble.lock} while holding the lock (closing the stream would drop it).
   */
  private static Map<String, String> readState(Path file) {
    try {
      return parse(new String(AtomicFiles.readAll(file), StandardCharsets.UTF_8));
    } catch (IOException e) {
      return new HashMap<>();
    }
  }

  private static Map<String, String> parse(String body) {
    Map<String, String> m = new HashMap<>();
    for (String line : body.split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0 && !line.startsWith("#")) {
        m.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
      }
    }
    return m;
  }
  private static StorageException locked(Path dir, Map<String, String> h) {
    boolean self = String.valueOf(ProcessHandle.current().pid()).equals(h.get("pid"));
    String holder = "pid " + h.getOrDefault("pid", "unknown")
        + " on host " + h.getOrDefault("host", "unknown")
        + " since " + h.getOrDefault("started", "unknown")
        + ", " + h.getOrDefault("command", "unknown command");
    return new StorageException(StorageException.Code.LOCKED,
        "Database " + dir + " is in use by " + (self ? "this process" : "another process")
            + " (" + holder + "). Close that " + (self ? "database" : "process")
            + " or connect through Marble's server mode (jdbc:marble:remote://...) instead.");
  }

  private static String hostName() {
    String h = System.getenv("HOSTNAME");
    if (h == null || h.isBlank()) {
      h = System.getenv("COMPUTERNAME");
    }
    if (h == null || h.isBlank()) {
      try {
        h = InetAddress.getLocalHost().getHostName();
      } catch (IOException | RuntimeException e) {
        h = "unknown";
      }
    }
    return oneLine(h, 200);
  }

  private static String command() {
    String cmd = System.getProperty("sun.java.command");
    if (cmd == null || cmd.isBlank()) {
      cmd = ProcessHandle.current().info().command().orElse("unknown");
    }
    return "java " + oneLine(cmd, 200);
  }

  private static String oneLine(String s, int max) {
    String t = s.replace('\n', ' ').replace('\r', ' ');
    return t.length() > max ? t.substring(0, max) + "..." : t;
  }

  private static void closeQuietly(FileChannel ch) {
    if (ch != null) {
      try {
        ch.close();
      } catch (IOException ignored) {
        // nothing to do
      }
    }
  }
}
