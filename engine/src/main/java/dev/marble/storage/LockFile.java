package dev.marble.storage;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
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
 * One process per database directory: an exclusive OS lock on {@code <dir>/marble.lock}, whose
 * body names the holder (pid, host, start time, command) and its state.
 *
 * <p>The body says {@code state=open} while a process uses the database and {@code state=closed}
 * after {@link #markClean()}; a new holder that finds {@code state=open} knows the previous one
 * died ({@link #wasUncleanShutdown()}). The OS releases the lock when a process dies, so a stale
 * file never blocks anyone. The lock covers one byte far beyond the body, so other processes can
 * still read the body on platforms with mandatory locks.
 *
 * <p>A JVM cannot lock the same file twice: keep one open database per directory per JVM.
 */
public final class LockFile implements AutoCloseable {
  /** Name of the lock file inside a database directory. */
  public static final String FILE_NAME = "marble.lock";

  private static final long LOCK_POSITION = Long.MAX_VALUE - 1;
  private static final int MAX_BODY = 64 * 1024;
  /**
   * Directories this JVM holds. Checked before opening the file: on POSIX, closing any channel to
   * a file drops every lock the process holds on it, so a second open-and-close would silently
   * unlock the first holder.
   */
  private static final Map<Path, LockFile> HELD = new ConcurrentHashMap<>();

  private final Path dir;
  private final Path key;
  private final Path file;
  private final FileChannel channel;
  private final FileLock lock;
  private final boolean unclean;
  private final String started;
  private boolean closed;

  private LockFile(Path dir, Path key, Path file, FileChannel channel, FileLock lock, boolean unclean, String started) {
    this.dir = dir;
    this.key = key;
    this.file = file;
    this.channel = channel;
    this.lock = lock;
    this.unclean = unclean;
    this.started = started;
  }

  /**
   * Locks {@code dbDir} (created when missing) for this process.
   *
   * @throws StorageException LOCKED naming the holder when another process (or this JVM) holds
   *     it; IO_ERROR when the file cannot be written
   */
  public static LockFile acquire(Path dbDir) {
    Path file = dbDir.resolve(FILE_NAME);
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
      LockFile lf = lock(dbDir, key, file);
      HELD.put(key, lf);
      return lf;
    }
  }

  private static LockFile lock(Path dbDir, Path key, Path file) {
    FileChannel ch = null;
    try {
      ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = ch.tryLock(LOCK_POSITION, 1, false);
      } catch (OverlappingFileLockException e) {
        lock = null; // held by this JVM through a path we did not recognise
      }
      if (lock == null) {
        Map<String, String> holder = parse(readBody(ch));
        ch.close();
        throw locked(dbDir, holder);
      }
      Map<String, String> previous = parse(readBody(ch));
      boolean unclean = "open".equals(previous.get("state"));
      String started = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
      LockFile lf = new LockFile(dbDir, key, file, ch, lock, unclean, started);
      lf.writeState("open");
      return lf;
    } catch (IOException e) {
      closeQuietly(ch);
      throw new StorageException(StorageException.Code.IO_ERROR,
          "Cannot lock database " + dbDir + " through " + file + ": " + AtomicFiles.describe(e), e);
    } catch (RuntimeException e) {
      closeQuietly(ch);
      throw e;
    }
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
      throw new StorageException(StorageException.Code.CLOSED, "Lock file " + file + " is closed");
    }
    writeState("closed");
  }

  public Path directory() {
    return dir;
  }

  /** Releases the lock. The file stays (deleting it would race with a process about to lock it). */
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

  private void writeState(String state) {
    String body = "# Marble database lock: the process below uses this directory.\n"
        + "pid=" + ProcessHandle.current().pid() + "\n"
        + "host=" + hostName() + "\n"
        + "started=" + started + "\n"
        + "command=" + command() + "\n"
        + "state=" + state + "\n";
    try {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      channel.truncate(0);
      ByteBuffer buf = ByteBuffer.wrap(bytes);
      long pos = 0;
      while (buf.hasRemaining()) {
        pos += channel.write(buf, pos);
      }
      channel.force(true);
    } catch (IOException e) {
      throw new StorageException(StorageException.Code.IO_ERROR,
          "Cannot write lock file " + file + ": " + AtomicFiles.describe(e), e);
    }
  }

  private static String readBody(FileChannel ch) {
    try {
      long size = Math.min(ch.size(), MAX_BODY);
      ByteBuffer buf = ByteBuffer.allocate((int) size);
      while (buf.hasRemaining()) {
        if (ch.read(buf, buf.position()) < 0) {
          break;
        }
      }
      return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return ""; // unreadable (mandatory locks): the message then says "unknown"
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
