package dev.marble.storage;

import dev.marble.storage.TableStore.StoreOptions;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ChronicleMapBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Chronicle map of a table store, holding the keys of one hash range: the directory slots
 * whose low {@link #depth} bits equal {@link #bits}. Its map makes room for about {@link
 * #capacity} entries of {@link #avgKey} and {@link #avgValue} bytes and never grows: a full shard
 * is replaced by a rebuild ({@link ShardGrowth}).
 *
 * <p>Concurrency:
 *
 * <ul>
 *   <li>{@link #count} mirrors the map's size, because Chronicle's walks every segment;
 *   <li>{@link #gate} is held shared by writers and exclusively by the rebuild, so no write slips
 *       in between the rebuild's copy and the shard's retirement (readers do not take it);
 *   <li>{@code refs} counts 1 for the directory plus 1 per reader or cursor using the map. A
 *       rebuild or clear {@link #retire}s the shard after publishing its replacement, which drops
 *       the directory's reference; the map closes (and the file of a retired shard goes) at 0.
 *       After that {@link #acquire} fails and the caller rereads the directory, which by then
 *       names the replacement.
 * </ul>
 *
 * Danger: retire only after the replacement directory is published, or readers and writers that
 * find the shard retired spin, rereading a directory that still names it.
 */
final class Shard {
  /** Under TableStore's name, as before it was split, so log configuration keeps applying. */
  private static final Logger LOG = LoggerFactory.getLogger(TableStore.class);
  /** Headroom Chronicle gets for extra segment tiers beyond the configured entries. */
  private static final double MAX_BLOAT = 4.0;
  private static final boolean WINDOWS = System.getProperty("os.name", "").toLowerCase().startsWith("windows");

  final long id;
  final int depth;
  final long bits;
  final long capacity;
  final int avgKey;
  final int avgValue;
  final ChronicleMap<byte[], byte[]> map;
  private final Path file; // null in memory
  /** Shared by writers of this shard, exclusive while it is rebuilt. */
  final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();
  final AtomicLong count = new AtomicLong();
  /** 1 for the directory plus 1 per reader or cursor; the map closes at 0. */
  private final AtomicInteger refs = new AtomicInteger(1);
  volatile boolean retired;
  /** A failed rebuild is retried only once the shard holds this many entries. */
  volatile long growRetryAt;
  private final ShardSet home;
  private boolean disposed; // guarded by this

  private Shard(ShardSet home, ShardSpec spec, ChronicleMap<byte[], byte[]> map, Path file) {
    this.home = home;
    this.id = spec.id();
    this.depth = spec.depth();
    this.bits = spec.bits();
    this.capacity = spec.capacity();
    this.avgKey = spec.avgKey();
    this.avgValue = spec.avgValue();
    this.map = map;
    this.file = file;
  }

  /** The file name of shard {@code id} inside its store directory. */
  static String fileName(long id) {
    return TableStore.SHARD_PREFIX + id + TableStore.SHARD_SUFFIX;
  }

  /** A new, empty shard; never leaves a half-created file behind. */
  static Shard create(ShardSet home, ShardSpec spec) {
    Path file = home.dir() == null ? null : home.dir().resolve(fileName(spec.id()));
    ChronicleMapBuilder<byte[], byte[]> b = builder(home, spec);
    ChronicleMap<byte[], byte[]> map;
    try {
      if (file == null) {
        map = b.create();
      } else {
        Files.deleteIfExists(file);
        map = b.createPersistedTo(file.toFile());
      }
    } catch (IOException | RuntimeException e) {
      deleteQuietly(file);
      if (e instanceof IOException io) {
        throw StoreErrors.ioError("Cannot create shard file " + file, io);
      }
      throw (RuntimeException) e;
    }
    return register(new Shard(home, spec, map, file));
  }

  /**
   * Opens the existing shard file {@code file}; with {@code recover}, through Chronicle's
   * recovery, which clears segment locks a killed process left.
   */
  static Shard open(ShardSet home, ShardSpec spec, Path file, boolean recover) {
    ChronicleMapBuilder<byte[], byte[]> b = builder(home, spec);
    ChronicleMap<byte[], byte[]> map;
    try {
      map = recover
          ? b.recoverPersistedTo(file.toFile(), false, c -> logCorruption(file, c.message()))
          : b.createPersistedTo(file.toFile());
    } catch (IOException e) {
      throw StoreErrors.ioError("Cannot open shard file " + file, e);
    } catch (RuntimeException e) {
      throw new StorageException(StorageException.Code.CORRUPTED, "Cannot open shard file " + file + ": " + e, e);
    }
    Shard s = register(new Shard(home, spec, map, file));
    try {
      s.count.set(map.longSize());
    } catch (RuntimeException e) {
      s.dispose(false);
      throw e;
    }
    return s;
  }

  private static Shard register(Shard s) {
    s.home.opened(s);
    return s;
  }

  private static ChronicleMapBuilder<byte[], byte[]> builder(ShardSet home, ShardSpec spec) {
    StoreOptions options = home.options();
    ChronicleMapBuilder<byte[], byte[]> b = ChronicleMap.of(byte[].class, byte[].class)
        .name(home.name() + "/" + TableStore.SHARD_PREFIX + spec.id())
        .entries(spec.capacity())
        .averageValueSize(Math.max(2, spec.avgValue()))
        .maxBloatFactor(MAX_BLOAT)
        .checksumEntries(true);
    if (options.constantKeySize()) {
      b.constantKeySizeBySample(new byte[options.averageKeySize()]);
    } else {
      b.averageKeySize(Math.max(1, spec.avgKey()));
    }
    if (spec.capacity() <= 2048) {
      b.actualSegments(1); // smaller file and a bigger tier (largest inline entry) than Chronicle's pick
    }
    return b;
  }

  private static void logCorruption(Path file, String message) {
    if (message != null && message.startsWith("wrong lowest free chunk")) {
      LOG.debug("Recovering {}: {}", file, message); // an allocation hint, rebuilt by recovery
    } else {
      LOG.warn("Recovering {}: {}", file, message);
    }
  }

  /** Whether an insert has filled the shard and a rebuild is due (or due to be retried). */
  boolean wantsGrowth() {
    long n = count.get();
    return n >= capacity && n >= growRetryAt;
  }

  /** Pins the map for a read or a cursor; false once it is closing (reread the directory). */
  boolean acquire() {
    while (true) {
      int r = refs.get();
      if (r <= 0) {
        return false;
      }
      if (refs.compareAndSet(r, r + 1)) {
        return true;
      }
    }
  }

  void release() {
    if (refs.decrementAndGet() == 0) {
      dispose(retired);
    }
  }

  /** Drops the directory's reference: the map closes (and its file goes) once unpinned. */
  void retire() {
    retired = true;
    release();
  }

  /** Closes the map now, and deletes its file when asked. Idempotent. */
  synchronized void dispose(boolean deleteFile) {
    if (disposed) {
      return;
    }
    disposed = true;
    refs.set(Integer.MIN_VALUE / 2); // later acquire() calls fail, stray release() calls stay negative
    home.closed(this);
    try {
      map.close();
    } catch (RuntimeException e) {
      LOG.warn("Closing shard {} of {} failed: {}", id, home.where(), e.toString());
    }
    if (deleteFile && file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        LOG.warn("Cannot delete retired shard file {} (deleted on next open): {}", file, e.toString());
      }
    }
  }

  /**
   * Forces the shard file to disk; a no-op in memory. Chronicle's close() syncs nothing.
   *
   * <p>Through {@code FileDescriptor.sync}, not a {@code FileChannel}: an interrupt of the calling
   * thread would abort a channel's force (failing the checkpoint); a descriptor sync runs to the end
   * and leaves the caller's interrupt status as it was. Opened read-only where the platform allows
   * (fsync does not need write access), so a missing file is an error and never created again.
   *
   * <p>POSIX locks: Chronicle holds a shared {@code FileLock} on every shard file it maps, and
   * closing any descriptor of a file drops all of this process's fcntl locks on it, so closing this
   * one drops Chronicle's (the channel this replaced did the same). That lock only keeps another
   * process from running Chronicle's recovery on a file in use, which {@link LockFile} already
   * excludes for the whole directory, so losing it is acceptable.
   */
  void force() throws IOException {
    if (file == null) {
      return;
    }
    if (WINDOWS && !Files.exists(file)) { // "rw" would create it
      throw new NoSuchFileException(file.toString());
    }
    // FlushFileBuffers on Windows needs write access; fsync elsewhere works on any descriptor.
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), WINDOWS ? "rw" : "r")) {
      raf.getFD().sync();
    } catch (FileNotFoundException e) {
      if (Files.notExists(file)) {
        NoSuchFileException n = new NoSuchFileException(file.toString());
        n.initCause(e);
        throw n;
      }
      throw e;
    }
  }

  /** Adds the id of every overflow value this shard's entries point to. */
  void collectOverflowIds(Set<Long> into) {
    map.forEachEntry(e -> {
      if (StoredValue.isPointer(e.value())) {
        into.add(OverflowPointer.decode(StoredValue.copy(e.value())).id());
      }
    });
  }

  StorageException corrupted(String message) {
    return new StorageException(StorageException.Code.CORRUPTED,
        "Table store " + home.where() + ", shard " + id + ": " + message);
  }

  private static void deleteQuietly(Path file) {
    if (file == null) {
      return;
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // deleted on the next open (not named by the directory)
    }
  }
}
