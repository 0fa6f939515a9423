package dev.marble.storage;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.zip.CRC32;
import net.openhft.chronicle.bytes.RandomDataInput;
import net.openhft.chronicle.hash.ChronicleHashClosedException;
import net.openhft.chronicle.hash.Data;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ChronicleMapBuilder;
import net.openhft.chronicle.map.ExternalMapQueryContext;
import net.openhft.chronicle.map.MapEntry;
import net.openhft.chronicle.map.MapSegmentContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A table's rows (or an index's entries): {@code byte[]} key to {@code byte[]} value, kept in
 * Chronicle Map files that grow by themselves. Thread-safe: any number of readers and writers.
 *
 * <h2>Growth</h2>
 *
 * A Chronicle Map cannot resize and preallocates its file, so a store is a set of <em>shard</em>
 * maps addressed by extendible hashing: a directory of {@code 2^globalDepth} slots, indexed by the
 * low bits of a 64-bit hash of the key, points to the shards; a shard of local depth {@code d}
 * owns the slots whose low {@code d} bits equal its {@code bits}. A new store has one shard of
 * {@code initialEntries}. When a shard is full (its entry count reaches the entries it was built
 * for, or Chronicle refuses to allocate another segment tier), it is rebuilt:
 *
 * <ul>
 *   <li>while it holds few entries relative to {@code maxShardEntries}, into one bigger shard
 *       (4x), and
 *   <li>beyond that, split in two by the next hash bit, each child built for {@code
 *       maxShardEntries}.
 * </ul>
 *
 * Either way only that shard is copied, with key and value sizes re-estimated from its data.
 * Writers of that shard wait during the copy; readers and everyone else carry on. The new shard
 * files are written and forced, then the directory file ({@value #DIRECTORY_FILE}) is replaced
 * atomically, then the old file is deleted once no reader or cursor uses it. Opening deletes shard
 * files the directory does not name, so a crash at any point leaves either the old or the new
 * shards as the truth.
 *
 * <h2>Values</h2>
 *
 * Each map value is one tag byte followed by the value ({@code 0}), or by a pointer to an overflow
 * value ({@code 1}): values above {@link StoreOptions#overflowThreshold()} (or too large for the
 * shard's segment tier) live in {@code overflow/<id>.blob}, written and fsynced before the entry
 * that points to them, checked by length and CRC32 when read. In-memory stores keep them on the
 * heap.
 *
 * <h2>Durability</h2>
 *
 * None of its own: Chronicle's {@code close()} syncs nothing, so call {@link #force()} at a
 * checkpoint. After an unclean shutdown open with {@code recover = true}, which clears segment
 * locks a killed process left and deletes orphaned overflow files.
 */
public final class TableStore implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TableStore.class);

  /** The shard directory inside a store directory. */
  public static final String DIRECTORY_FILE = "shards.dat";
  /** The overflow folder inside a store directory. */
  public static final String OVERFLOW_DIR = "overflow";

  static final String SHARD_PREFIX = "shard-";
  static final String SHARD_SUFFIX = ".cmap";
  private static final String BLOB_SUFFIX = ".blob";
  private static final byte[] MAGIC = {'M', 'R', 'B', 'L', 'S', 'H', 'R', 'D'};
  private static final int FORMAT_VERSION = 1;
  /** Version of {@link #hash}: the shard layout depends on it, so it must never change silently. */
  private static final int HASH_VERSION = 1;
  /** Deepest split: the directory then has 2^20 slots (a few MB). Beyond it shards only grow. */
  static final int MAX_DEPTH = 20;
  /** Headroom Chronicle gets for extra segment tiers beyond the configured entries. */
  private static final double MAX_BLOAT = 4.0;
  private static final byte TAG_INLINE = 0;
  private static final byte TAG_OVERFLOW = 1;
  private static final int POINTER_SIZE = 1 + 8 + 4 + 4;
  private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final AtomicLong MEMORY_STORES = new AtomicLong();

  /**
   * Sizing hints. Stores grow by themselves; these decide how small a new store starts and how
   * big one shard file may get before it splits.
   *
   * @param averageKeySize average key size in bytes, or the key size when {@code constantKeySize}
   * @param constantKeySize every key has exactly {@code averageKeySize} bytes (checked on write)
   * @param averageValueSize average value size in bytes
   * @param initialEntries entries the first shard is built for
   * @param maxShardEntries a full shard holding this many entries splits instead of growing
   * @param overflowThreshold values longer than this live in overflow storage
   */
  public record StoreOptions(int averageKeySize, boolean constantKeySize, int averageValueSize,
      long initialEntries, long maxShardEntries, int overflowThreshold) {
    /** Default overflow threshold: 32 KiB. */
    public static final int DEFAULT_OVERFLOW_THRESHOLD = 32 * 1024;
    /** A new store's first shard aims at this file size. */
    private static final long INITIAL_SHARD_BYTES = 128 * 1024;
    /** A shard built for {@code maxShardEntries} aims at this file size. */
    private static final long MAX_SHARD_BYTES = 64L * 1024 * 1024;

    public StoreOptions {
      if (averageKeySize < 1 || averageValueSize < 0) {
        throw new IllegalArgumentException("averageKeySize must be >= 1 and averageValueSize >= 0");
      }
      if (initialEntries < 16 || maxShardEntries < initialEntries) {
        throw new IllegalArgumentException("need 16 <= initialEntries <= maxShardEntries, got "
            + initialEntries + " and " + maxShardEntries);
      }
      if (overflowThreshold < 64 || overflowThreshold > 16 * 1024 * 1024) {
        throw new IllegalArgumentException("overflowThreshold must be in [64, 16 MiB], got " + overflowThreshold);
      }
    }

    /** Defaults for keys of 16 bytes and values of 128 bytes. */
    public static StoreOptions defaults() {
      return defaults(16, false, 128);
    }

    /** Sizes a new shard at about 128 KiB and a full one at about 64 MiB for these row sizes. */
    public static StoreOptions defaults(int averageKeySize, boolean constantKeySize, int averageValueSize) {
      int key = Math.max(1, averageKeySize);
      int value = Math.max(0, averageValueSize);
      long entry = key + (value > DEFAULT_OVERFLOW_THRESHOLD ? POINTER_SIZE : value) + 24L;
      long initial = Math.max(64, Math.min(4096, Long.highestOneBit(Math.max(1, INITIAL_SHARD_BYTES / entry))));
      long max = Math.max(initial, Math.max(4096, Math.min(4L << 20, MAX_SHARD_BYTES / entry)));
      return new StoreOptions(key, constantKeySize, value, initial, max, DEFAULT_OVERFLOW_THRESHOLD);
    }

    /** With the first shard built for {@code entries} (at least 16). */
    public StoreOptions withInitialEntries(long entries) {
      long e = Math.max(16, entries);
      return new StoreOptions(averageKeySize, constantKeySize, averageValueSize, e,
          Math.max(maxShardEntries, e), overflowThreshold);
    }

    /** With shards splitting at {@code entries} (at least 16). */
    public StoreOptions withMaxShardEntries(long entries) {
      long e = Math.max(16, entries);
      return new StoreOptions(averageKeySize, constantKeySize, averageValueSize,
          Math.min(initialEntries, e), e, overflowThreshold);
    }

    public StoreOptions withOverflowThreshold(int bytes) {
      return new StoreOptions(averageKeySize, constantKeySize, averageValueSize, initialEntries,
          maxShardEntries, bytes);
    }
  }

  /**
   * A pull-style iteration over every entry, shard by shard and segment by segment. Weakly
   * consistent: an entry present for the cursor's whole life is returned exactly once; one added
   * or removed meanwhile may or may not be. Not thread-safe; close it (it pins shard files).
   */
  public interface Cursor extends AutoCloseable {
    /** Advances to the next entry; false at the end. */
    boolean next();

    /** The current key (a fresh array the caller may keep). */
    byte[] key();

    /** The current value (a fresh array the caller may keep). */
    byte[] value();

    @Override
    void close();
  }

  // ----------------------------------------------------------------------------------- state

  private final Path dir; // null: in memory
  private final String name;
  private final StoreOptions options;
  private final Overflow overflow;
  /** Held shared by every operation, exclusively by close, clear and drop. */
  private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
  /** One structural change (grow, split, clear) at a time. */
  private final Object growLock = new Object();
  /** Every shard whose map is open: the directory's plus retired ones still pinned. */
  private final Set<Shard> open = ConcurrentHashMap.newKeySet();
  private volatile Directory directory;
  private long nextShardId; // guarded by growLock
  private volatile boolean closed;
  private volatile Consumer<String> testHook;
  private final AtomicLong splits = new AtomicLong();
  private final AtomicLong rebuilds = new AtomicLong();
  private final AtomicLong tierGrowths = new AtomicLong();

  private TableStore(Path dir, StoreOptions options) {
    this.dir = dir;
    this.options = options;
    this.name = dir == null ? "mem-" + MEMORY_STORES.incrementAndGet() : dir.getFileName().toString();
    this.overflow = dir == null ? new HeapOverflow() : new FileOverflow(dir.resolve(OVERFLOW_DIR));
  }

  // -------------------------------------------------------------------------- create and open

  /**
   * Creates a new, empty store in {@code dir} (created when missing; store files already there
   * are deleted), or in memory when {@code dir} is null.
   */
  public static TableStore create(Path dir, StoreOptions options) {
    TableStore store = new TableStore(dir, options);
    if (dir != null) {
      try {
        Files.createDirectories(dir);
      } catch (IOException e) {
        throw ioError("Cannot create table store directory " + dir, e);
      }
      if (Files.exists(dir.resolve(DIRECTORY_FILE))) {
        LOG.warn("Creating table store {} over an existing one: its files are deleted", dir);
      }
      store.deleteStoreFiles();
    }
    synchronized (store.growLock) {
      Shard first = store.newShard(0, 0, options.initialEntries(), options.averageKeySize(),
          initialValueSize(options));
      Directory d = Directory.of(0, List.of(first));
      try {
        store.writeDirectory(d);
      } catch (RuntimeException e) {
        first.dispose(true);
        throw e;
      }
      store.directory = d;
    }
    return store;
  }

  /**
   * Opens an existing store. With {@code recover = true} (after an unclean shutdown) every shard
   * is opened through Chronicle's recovery, which clears segment locks a killed process left, and
   * overflow files no entry points to are deleted.
   *
   * @throws StorageException NOT_FOUND without a store in {@code dir}, CORRUPTED or
   *     UNSUPPORTED_FORMAT for a damaged or newer directory file, IO_ERROR
   */
  public static TableStore open(Path dir, StoreOptions options, boolean recover) {
    if (dir == null) {
      throw new IllegalArgumentException("an in-memory store cannot be reopened");
    }
    TableStore store = new TableStore(dir, options);
    Path file = dir.resolve(DIRECTORY_FILE);
    if (!Files.exists(file)) {
      throw new StorageException(StorageException.Code.NOT_FOUND, "Table store " + dir + " has no " + DIRECTORY_FILE);
    }
    synchronized (store.growLock) {
      store.directory = store.readDirectory(AtomicFiles.read(file), recover);
    }
    if (recover) {
      store.deleteOrphanedOverflow();
    }
    return store;
  }

  // ------------------------------------------------------------------------------- operations

  /** The value stored under {@code key}, or null. */
  public byte[] get(byte[] key) {
    checkKey(key);
    long h = hash(key);
    lifecycle.readLock().lock();
    try {
      checkOpen();
      return getInternal(key, h);
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  public boolean containsKey(byte[] key) {
    checkKey(key);
    long h = hash(key);
    lifecycle.readLock().lock();
    try {
      checkOpen();
      while (true) {
        Shard s = directory.shardFor(h);
        if (!s.acquire()) {
          continue; // retired meanwhile: the new directory is already published
        }
        try {
          return s.map.containsKey(key);
        } finally {
          s.release();
        }
      }
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  /** Stores {@code value} under {@code key}, replacing any previous value. */
  public void put(byte[] key, byte[] value) {
    write(key, value, false);
  }

  /** Stores {@code value} only when {@code key} is absent; true when it did. */
  public boolean putIfAbsent(byte[] key, byte[] value) {
    return write(key, value, true);
  }

  /** Removes {@code key}; true when it was present. */
  public boolean remove(byte[] key) {
    checkKey(key);
    long h = hash(key);
    lifecycle.readLock().lock();
    try {
      checkOpen();
      while (true) {
        Shard s = directory.shardFor(h);
        Pointer old;
        s.gate.readLock().lock();
        try {
          if (s.retired) {
            continue;
          }
          Outcome out = new Outcome();
          try (ExternalMapQueryContext<byte[], byte[], ?> c = s.map.queryContext(key)) {
            c.updateLock().lock();
            MapEntry<byte[], byte[]> e = c.entry();
            if (e == null) {
              return false;
            }
            out.old = readPointer(e.value(), s);
            c.remove(e);
          }
          s.count.decrementAndGet();
          old = out.old;
        } finally {
          s.gate.readLock().unlock();
        }
        if (old != null) {
          overflow.delete(old.id);
        }
        return true;
      }
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  /** Number of entries. */
  public long size() {
    lifecycle.readLock().lock();
    try {
      checkOpen();
      long n = 0;
      for (Shard s : directory.shards) {
        n += s.count.get();
      }
      return n;
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  /** A cursor over every entry; close it. */
  public Cursor cursor() {
    lifecycle.readLock().lock();
    try {
      checkOpen();
      while (true) {
        Directory d = directory;
        List<Shard> pinned = new ArrayList<>(d.shards.size());
        boolean ok = true;
        for (Shard s : d.shards) {
          if (!s.acquire()) {
            ok = false;
            break;
          }
          pinned.add(s);
        }
        if (ok) {
          return new ShardCursor(pinned);
        }
        pinned.forEach(Shard::release);
      }
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  /** Removes every entry; the store shrinks back to one new shard. */
  public void clear() {
    lifecycle.writeLock().lock();
    try {
      checkOpen();
      synchronized (growLock) {
        Directory old = directory;
        Shard first = newShard(0, 0, options.initialEntries(), options.averageKeySize(), initialValueSize(options));
        Directory d = Directory.of(0, List.of(first));
        try {
          writeDirectory(d);
        } catch (RuntimeException e) {
          first.dispose(true);
          throw e;
        }
        directory = d;
        for (Shard s : old.shards) {
          s.retire();
        }
        overflow.deleteAll();
      }
    } finally {
      lifecycle.writeLock().unlock();
    }
  }

  /**
   * Forces every shard file and the overflow folder to disk ({@code FileChannel.force}); a no-op
   * in memory. Chronicle's own close() syncs nothing.
   */
  public void force() {
    if (dir == null) {
      return;
    }
    lifecycle.readLock().lock();
    try {
      checkOpen();
      synchronized (growLock) {
        for (Shard s : directory.shards) {
          forceFile(s.file);
        }
        overflow.sync();
        AtomicFiles.syncDirectory(dir);
      }
    } catch (IOException e) {
      throw ioError("Cannot sync table store " + dir, e);
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  /** Closes every map (open cursors then fail with CLOSED). Idempotent. Does not sync. */
  @Override
  public void close() {
    lifecycle.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      synchronized (growLock) {
        Set<Shard> current = directory == null ? Set.of() : new HashSet<>(directory.shards);
        for (Shard s : new ArrayList<>(open)) {
          s.dispose(!current.contains(s)); // a retired shard's file is garbage
        }
      }
    } finally {
      lifecycle.writeLock().unlock();
    }
  }

  /** Closes the store and deletes all its files (and its directory when nothing else is in it). */
  public void drop() {
    close();
    if (dir != null) {
      lifecycle.writeLock().lock();
      try {
        deleteStoreFiles();
        try {
          Files.deleteIfExists(dir);
        } catch (IOException e) {
          LOG.debug("Table store directory {} not deleted: {}", dir, e.toString());
        }
      } finally {
        lifecycle.writeLock().unlock();
      }
    }
  }

  /** The store's directory, or null in memory. */
  public Path directory() {
    return dir;
  }

  public StoreOptions options() {
    return options;
  }

  @Override
  public String toString() {
    Directory d = directory;
    return "TableStore{" + (dir == null ? name : dir) + ", shards=" + (d == null ? 0 : d.shards.size())
        + ", depth=" + (d == null ? 0 : d.globalDepth) + "}";
  }

  // ------------------------------------------------------------------ diagnostics (for tests)

  int shardCount() {
    return directory.shards.size();
  }

  long splitCount() {
    return splits.get();
  }

  long rebuildCount() {
    return rebuilds.get();
  }

  /** Rebuilds forced by Chronicle running out of segment tiers (sizes misjudged). */
  long tierGrowthCount() {
    return tierGrowths.get();
  }

  /** Bytes the store's files take on disk (allocated blocks may differ). */
  long diskBytes() {
    if (dir == null) {
      return 0;
    }
    long[] total = {0};
    try (var walk = Files.walk(dir)) {
      walk.filter(Files::isRegularFile).forEach(p -> {
        try {
          total[0] += Files.size(p);
        } catch (IOException ignored) {
          // deleted meanwhile
        }
      });
    } catch (IOException e) {
      throw ioError("Cannot measure " + dir, e);
    }
    return total[0];
  }

  void setTestHook(Consumer<String> hook) {
    this.testHook = hook;
  }

  // ----------------------------------------------------------------------------- read & write

  private byte[] getInternal(byte[] key, long h) {
    for (int attempt = 0; ; attempt++) {
      Object found;
      while (true) {
        Shard s = directory.shardFor(h);
        if (!s.acquire()) {
          continue;
        }
        try {
          found = lookup(s, key);
        } finally {
          s.release();
        }
        break;
      }
      if (!(found instanceof Pointer p)) {
        return (byte[]) found;
      }
      byte[] v = overflow.read(p);
      if (v != null) {
        return v;
      }
      if (attempt >= 3) {
        throw new StorageException(StorageException.Code.CORRUPTED,
            "Table store " + where() + ": overflow value " + p.fileName() + " is missing");
      }
      // replaced or removed by a concurrent writer after we read its pointer: look again
    }
  }

  /** The inline value (byte[]), an overflow pointer, or null. */
  private Object lookup(Shard s, byte[] key) {
    try (ExternalMapQueryContext<byte[], byte[], ?> c = s.map.queryContext(key)) {
      MapEntry<byte[], byte[]> e = c.entry();
      if (e == null) {
        return null;
      }
      return readValue(e.value(), s);
    }
  }

  private boolean write(byte[] key, byte[] value, boolean onlyIfAbsent) {
    checkKey(key);
    if (value == null) {
      throw new IllegalArgumentException("null value");
    }
    long h = hash(key);
    lifecycle.readLock().lock();
    Pointer written = null; // an overflow value of ours not yet referenced by an entry
    try {
      checkOpen();
      byte[] stored;
      if (value.length > options.overflowThreshold()) {
        written = overflow.write(value);
        stored = written.encode();
      } else {
        stored = inline(value);
      }
      int tierRetries = 0;
      while (true) {
        Shard s = directory.shardFor(h);
        Outcome out = new Outcome();
        boolean tierExhausted = false;
        s.gate.readLock().lock();
        try {
          if (s.retired) {
            continue;
          }
          try {
            writeEntry(s, key, stored, onlyIfAbsent, out);
          } catch (IllegalArgumentException e) {
            if (!isEntryTooLarge(e)) {
              throw e;
            }
            if (written != null) {
              throw new StorageException(StorageException.Code.TOO_LARGE, "Table store " + where()
                  + ": a key of " + key.length + " bytes is too large", e);
            }
            // too large for this shard's segment tier: keep it in overflow storage instead
            written = overflow.write(value);
            stored = written.encode();
            continue;
          } catch (IllegalStateException e) {
            if (!isTierExhausted(e)) {
              throw translate(e, s);
            }
            tierExhausted = true;
          }
        } finally {
          s.gate.readLock().unlock();
        }
        if (tierExhausted) {
          if (++tierRetries > 8) {
            throw new StorageException(StorageException.Code.TOO_LARGE,
                "Table store " + where() + " cannot make room for a " + value.length + "-byte value");
          }
          tierGrowths.incrementAndGet();
          grow(s, true);
          continue;
        }
        if (out.existed && onlyIfAbsent) {
          return false;
        }
        written = null; // referenced now
        if (out.old != null) {
          overflow.delete(out.old.id);
        }
        if (!out.existed) {
          long n = s.count.get();
          if (n >= s.capacity && n >= s.growRetryAt) {
            growQuietly(s);
          }
        }
        return true;
      }
    } finally {
      if (written != null) {
        overflow.delete(written.id);
      }
      lifecycle.readLock().unlock();
    }
  }

  private void writeEntry(Shard s, byte[] key, byte[] stored, boolean onlyIfAbsent, Outcome out) {
    try (ExternalMapQueryContext<byte[], byte[], ?> c = s.map.queryContext(key)) {
      c.updateLock().lock();
      MapEntry<byte[], byte[]> e = c.entry();
      if (e != null) {
        out.existed = true;
        if (onlyIfAbsent) {
          return;
        }
        out.old = readPointer(e.value(), s);
        c.replaceValue(e, c.wrapValueAsData(stored));
      } else {
        c.insert(c.absentEntry(), c.wrapValueAsData(stored));
        s.count.incrementAndGet();
      }
    }
  }

  private static byte[] inline(byte[] value) {
    byte[] stored = new byte[value.length + 1];
    stored[0] = TAG_INLINE;
    System.arraycopy(value, 0, stored, 1, value.length);
    return stored;
  }

  /** A stored value: the inline bytes (without tag) or a {@link Pointer}. */
  private Object readValue(Data<byte[]> v, Shard s) {
    RandomDataInput in = v.bytes();
    long off = v.offset();
    long size = v.size();
    if (size < 1) {
      throw corrupted(s, "empty stored value");
    }
    byte tag = in.readByte(off);
    if (tag == TAG_INLINE) {
      return copy(in, off + 1, size - 1);
    }
    if (tag == TAG_OVERFLOW && size == POINTER_SIZE) {
      return Pointer.decode(copy(in, off, size));
    }
    throw corrupted(s, "bad value tag " + tag + " (" + size + " bytes)");
  }

  private Pointer readPointer(Data<byte[]> v, Shard s) {
    if (v.size() >= 1 && v.bytes().readByte(v.offset()) == TAG_INLINE) {
      return null;
    }
    Object r = readValue(v, s);
    return r instanceof Pointer p ? p : null;
  }

  private static byte[] copy(RandomDataInput in, long off, long size) {
    byte[] out = new byte[(int) size];
    int done = 0;
    while (done < out.length) {
      long n = in.read(off + done, out, done, out.length - done);
      if (n <= 0) {
        throw new StorageException(StorageException.Code.CORRUPTED, "short read of a stored entry");
      }
      done += (int) n;
    }
    return out;
  }

  private static byte[] copy(Data<byte[]> d) {
    return copy(d.bytes(), d.offset(), d.size());
  }

  // ----------------------------------------------------------------------------------- growth

  private void growQuietly(Shard s) {
    try {
      grow(s, false);
    } catch (RuntimeException e) {
      // the row is stored; retry once the shard has taken some more entries
      s.growRetryAt = s.count.get() + Math.max(16, s.capacity / 16);
      LOG.warn("Table store {}: growing shard {} failed, will retry: {}", where(), s.id, e.toString());
    }
  }

  /**
   * Rebuilds a full shard: bigger, or split in two. Called with the lifecycle read lock held and
   * no shard gate held.
   */
  private void grow(Shard s, boolean tierExhausted) {
    synchronized (growLock) {
      if (s.retired || closed) {
        return;
      }
      s.gate.writeLock().lock();
      try {
        if (s.retired || (!tierExhausted && s.count.get() < s.capacity)) {
          return;
        }
        rebuild(s, tierExhausted);
      } finally {
        s.gate.writeLock().unlock();
      }
    }
  }

  /** Plans and performs the rebuild of {@code s}; holds growLock and s's write gate. */
  private void rebuild(Shard s, boolean tierExhausted) {
    long t0 = System.nanoTime();
    long[] stats = new long[3]; // entries, key bytes, stored value bytes
    s.map.forEachEntry(e -> {
      stats[0]++;
      stats[1] += e.key().size();
      stats[2] += e.value().size();
    });
    long n = stats[0];
    int avgKey = options.constantKeySize() ? options.averageKeySize()
        : (int) Math.max(1, n == 0 ? s.avgKey : (stats[1] + n - 1) / n);
    int avgValue = (int) Math.max(2, n == 0 ? s.avgValue : (stats[2] + n - 1) / n);
    long max = options.maxShardEntries();
    long want;
    if (tierExhausted) {
      boolean misjudged = avgValue > s.avgValue * 1.05 || avgKey > s.avgKey * 1.05;
      want = Math.max(misjudged ? s.capacity : s.capacity * 2, n * 2);
      avgValue = Math.max(avgValue, s.avgValue); // never shrink the estimate after running out
    } else {
      want = Math.max(s.capacity * 4, n * 2);
    }
    boolean split;
    long capacity;
    if (want <= max || s.depth >= MAX_DEPTH) {
      split = false;
      capacity = want;
    } else if (s.capacity < max && max >= n * 2) {
      split = false;
      capacity = max;
    } else {
      split = true;
      capacity = Math.max(max, n);
    }
    List<Shard> built = null;
    List<Pointer> converted = new ArrayList<>();
    for (int attempt = 0; built == null; attempt++) {
      try {
        built = copyInto(s, split, capacity, avgKey, avgValue, converted);
      } catch (TierExhaustedDuringCopy e) {
        if (attempt >= 4) {
          throw new StorageException(StorageException.Code.TOO_LARGE,
              "Table store " + where() + ": cannot rebuild shard " + s.id + " (" + n + " entries)");
        }
        capacity *= 2;
        avgValue = avgValue + avgValue / 2;
      }
    }
    try {
      hook("copied");
      for (Shard c : built) {
        forceFile(c.file);
      }
      List<Shard> shards = new ArrayList<>(directory.shards);
      shards.remove(s);
      shards.addAll(built);
      int depth = Math.max(directory.globalDepth, split ? s.depth + 1 : s.depth);
      Directory d = Directory.of(depth, shards);
      writeDirectory(d);
      directory = d;
    } catch (IOException | RuntimeException e) {
      for (Shard c : built) {
        c.dispose(true);
      }
      for (Pointer p : converted) {
        overflow.delete(p.id);
      }
      if (e instanceof IOException io) {
        throw ioError("Cannot sync new shards of " + where(), io);
      }
      throw (RuntimeException) e;
    }
    hook("committed");
    s.retire();
    long ms = (System.nanoTime() - t0) / 1_000_000;
    if (split) {
      splits.incrementAndGet();
    } else {
      rebuilds.incrementAndGet();
    }
    if (ms >= 1000) {
      LOG.info("Table store {}: {} shard {} ({} entries) into {} shard(s) of {} entries in {} ms",
          where(), split ? "split" : "rebuilt", s.id, n, built.size(), capacity, ms);
    } else if (LOG.isDebugEnabled()) {
      LOG.debug("Table store {}: {} shard {} ({} entries, key {} B, value {} B) into {} shard(s) of {} entries in {} ms",
          where(), split ? "split" : "rebuilt", s.id, n, avgKey, avgValue, built.size(), capacity, ms);
    }
  }

  private static final class TierExhaustedDuringCopy extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TierExhaustedDuringCopy() {
      super(null, null, false, false);
    }
  }

  /** Copies every entry of {@code s} into one new shard, or two by the next hash bit. */
  private List<Shard> copyInto(Shard s, boolean split, long capacity, int avgKey, int avgValue,
      List<Pointer> converted) {
    List<Shard> built = new ArrayList<>(2);
    try {
      if (split) {
        built.add(newShard(s.depth + 1, s.bits, capacity, avgKey, avgValue));
        built.add(newShard(s.depth + 1, s.bits | (1L << s.depth), capacity, avgKey, avgValue));
      } else {
        built.add(newShard(s.depth, s.bits, capacity, avgKey, avgValue));
      }
      s.map.forEachEntry(e -> {
        byte[] key = copy(e.key());
        byte[] stored = copy(e.value());
        Shard target = split ? built.get((int) ((hash(key) >>> s.depth) & 1)) : built.get(0);
        try {
          insertCopy(target, key, stored);
        } catch (IllegalArgumentException ex) {
          if (!isEntryTooLarge(ex) || stored[0] != TAG_INLINE) {
            throw ex;
          }
          Pointer p = overflow.write(Arrays.copyOfRange(stored, 1, stored.length));
          converted.add(p);
          insertCopy(target, key, p.encode());
        }
      });
      return built;
    } catch (IllegalStateException e) {
      for (Shard c : built) {
        c.dispose(true);
      }
      for (Pointer p : converted) {
        overflow.delete(p.id);
      }
      converted.clear();
      if (isTierExhausted(e)) {
        throw new TierExhaustedDuringCopy();
      }
      throw translate(e, s);
    } catch (RuntimeException e) {
      for (Shard c : built) {
        c.dispose(true);
      }
      for (Pointer p : converted) {
        overflow.delete(p.id);
      }
      converted.clear();
      throw e;
    }
  }

  private static void insertCopy(Shard target, byte[] key, byte[] stored) {
    try (ExternalMapQueryContext<byte[], byte[], ?> c = target.map.queryContext(key)) {
      c.updateLock().lock();
      if (c.entry() != null) {
        throw new IllegalStateException("duplicate key while copying shard");
      }
      c.insert(c.absentEntry(), c.wrapValueAsData(stored));
    }
    target.count.incrementAndGet();
  }

  private static boolean isTierExhausted(IllegalStateException e) {
    return !(e instanceof ChronicleHashClosedException) && e.getMessage() != null
        && e.getMessage().contains("extra segment tier");
  }

  private static boolean isEntryTooLarge(IllegalArgumentException e) {
    return e.getMessage() != null && e.getMessage().contains("Entry is too large");
  }

  private RuntimeException translate(IllegalStateException e, Shard s) {
    if (e instanceof ChronicleHashClosedException || closed) {
      return new StorageException(StorageException.Code.CLOSED, "Table store " + where() + " is closed", e);
    }
    return e;
  }

  private void hook(String event) {
    Consumer<String> h = testHook;
    if (h != null) {
      h.accept(event);
    }
  }

  // ----------------------------------------------------------------------------------- shards

  /** Stored size (tag included) the first shard expects: values above the threshold are pointers. */
  private static int initialValueSize(StoreOptions o) {
    return o.averageValueSize() > o.overflowThreshold() ? POINTER_SIZE : o.averageValueSize() + 1;
  }

  /** A new, empty shard map with a fresh id; never leaves a half-created file behind. */
  private Shard newShard(int depth, long bits, long capacity, int avgKey, int avgValue) {
    long id = nextShardId++;
    Path file = dir == null ? null : dir.resolve(SHARD_PREFIX + id + SHARD_SUFFIX);
    ChronicleMapBuilder<byte[], byte[]> b = builder(id, capacity, avgKey, avgValue);
    ChronicleMap<byte[], byte[]> map;
    try {
      if (file == null) {
        map = b.create();
      } else {
        Files.deleteIfExists(file);
        map = b.createPersistedTo(file.toFile());
      }
    } catch (IOException | RuntimeException e) {
      if (file != null) {
        try {
          Files.deleteIfExists(file);
        } catch (IOException ignored) {
          // deleted on the next open (not named by the directory)
        }
      }
      if (e instanceof IOException io) {
        throw ioError("Cannot create shard file " + file, io);
      }
      throw (RuntimeException) e;
    }
    Shard s = new Shard(id, depth, bits, capacity, avgKey, avgValue, map, file);
    open.add(s);
    return s;
  }

  private ChronicleMapBuilder<byte[], byte[]> builder(long id, long capacity, int avgKey, int avgValue) {
    ChronicleMapBuilder<byte[], byte[]> b = ChronicleMap.of(byte[].class, byte[].class)
        .name(name + "/" + SHARD_PREFIX + id)
        .entries(capacity)
        .averageValueSize(Math.max(2, avgValue))
        .maxBloatFactor(MAX_BLOAT)
        .checksumEntries(true);
    if (options.constantKeySize()) {
      b.constantKeySizeBySample(new byte[options.averageKeySize()]);
    } else {
      b.averageKeySize(Math.max(1, avgKey));
    }
    if (capacity <= 2048) {
      b.actualSegments(1); // smaller file and a bigger tier (largest inline entry) than Chronicle's pick
    }
    return b;
  }

  private static void forceFile(Path file) throws IOException {
    if (file == null) {
      return;
    }
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
  }

  /** One Chronicle map: a hash range of the store. */
  private final class Shard {
    final long id;
    final int depth;
    final long bits;
    final long capacity;
    final int avgKey;
    final int avgValue;
    final ChronicleMap<byte[], byte[]> map;
    final Path file;
    /** Shared by writers of this shard, exclusive while it is rebuilt. */
    final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();
    final AtomicLong count = new AtomicLong();
    /** 1 for the directory plus 1 per reader or cursor; the map closes at 0. */
    final AtomicInteger refs = new AtomicInteger(1);
    volatile boolean retired;
    volatile long growRetryAt;
    private boolean disposed; // guarded by this

    Shard(long id, int depth, long bits, long capacity, int avgKey, int avgValue,
        ChronicleMap<byte[], byte[]> map, Path file) {
      this.id = id;
      this.depth = depth;
      this.bits = bits;
      this.capacity = capacity;
      this.avgKey = avgKey;
      this.avgValue = avgValue;
      this.map = map;
      this.file = file;
    }

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

    synchronized void dispose(boolean deleteFile) {
      if (disposed) {
        return;
      }
      disposed = true;
      refs.set(Integer.MIN_VALUE / 2);
      open.remove(this);
      try {
        map.close();
      } catch (RuntimeException e) {
        LOG.warn("Closing shard {} of {} failed: {}", id, where(), e.toString());
      }
      if (deleteFile && file != null) {
        try {
          Files.deleteIfExists(file);
        } catch (IOException e) {
          LOG.warn("Cannot delete retired shard file {} (deleted on next open): {}", file, e.toString());
        }
      }
    }
  }

  /** The slots (low hash bits to shard) and the distinct shards. Immutable. */
  private static final class Directory {
    final int globalDepth;
    final Shard[] slots;
    final List<Shard> shards;

    private Directory(int globalDepth, Shard[] slots, List<Shard> shards) {
      this.globalDepth = globalDepth;
      this.slots = slots;
      this.shards = shards;
    }

    Shard shardFor(long hash) {
      return slots[(int) (hash & (slots.length - 1))];
    }

    static Directory of(int globalDepth, List<Shard> shards) {
      Shard[] slots = new Shard[1 << globalDepth];
      for (Shard s : shards) {
        if (s.depth > globalDepth || s.bits >= (1L << s.depth)) {
          return null;
        }
        int step = 1 << s.depth;
        for (int i = (int) s.bits; i < slots.length; i += step) {
          if (slots[i] != null) {
            return null;
          }
          slots[i] = s;
        }
      }
      for (Shard s : slots) {
        if (s == null) {
          return null;
        }
      }
      return new Directory(globalDepth, slots, List.copyOf(shards));
    }
  }

  // ------------------------------------------------------------------------ directory file

  private void writeDirectory(Directory d) {
    if (d == null) {
      throw new IllegalStateException("inconsistent shard directory");
    }
    if (dir == null) {
      return;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.write(MAGIC);
      out.writeInt(FORMAT_VERSION);
      out.writeInt(HASH_VERSION);
      out.writeLong(nextShardId);
      out.writeInt(d.globalDepth);
      out.writeInt(d.shards.size());
      for (Shard s : d.shards) {
        out.writeLong(s.id);
        out.writeInt(s.depth);
        out.writeLong(s.bits);
        out.writeLong(s.capacity);
        out.writeInt(s.avgKey);
        out.writeInt(s.avgValue);
      }
      CRC32 crc = new CRC32();
      crc.update(bytes.toByteArray());
      out.writeInt((int) crc.getValue());
    } catch (IOException e) {
      throw new IllegalStateException(e); // in-memory stream
    }
    AtomicFiles.write(dir.resolve(DIRECTORY_FILE), bytes.toByteArray());
  }

  /** Parses the directory file, deletes unnamed shard files and opens the named ones. */
  private Directory readDirectory(byte[] content, boolean recover) {
    Path file = dir.resolve(DIRECTORY_FILE);
    record Entry(long id, int depth, long bits, long capacity, int avgKey, int avgValue) {}
    List<Entry> entries = new ArrayList<>();
    int globalDepth;
    try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(content))) {
      byte[] magic = new byte[MAGIC.length];
      in.readFully(magic);
      if (!Arrays.equals(magic, MAGIC)) {
        throw corruptedDirectory(file, "not a shard directory");
      }
      int format = in.readInt();
      int hashVersion = in.readInt();
      if (format != FORMAT_VERSION || hashVersion != HASH_VERSION) {
        throw new StorageException(StorageException.Code.UNSUPPORTED_FORMAT, "Shard directory " + file
            + " has format " + format + "/" + hashVersion + "; this Marble reads " + FORMAT_VERSION + "/" + HASH_VERSION);
      }
      if (content.length < 4) {
        throw corruptedDirectory(file, "too short");
      }
      CRC32 crc = new CRC32();
      crc.update(content, 0, content.length - 4);
      int stored = ByteBuffer.wrap(content, content.length - 4, 4).getInt();
      if (stored != (int) crc.getValue()) {
        throw corruptedDirectory(file, "checksum mismatch");
      }
      nextShardId = in.readLong();
      globalDepth = in.readInt();
      int count = in.readInt();
      if (globalDepth < 0 || globalDepth > MAX_DEPTH || count < 1 || count > (1 << globalDepth)) {
        throw corruptedDirectory(file, "depth " + globalDepth + " with " + count + " shards");
      }
      for (int i = 0; i < count; i++) {
        entries.add(new Entry(in.readLong(), in.readInt(), in.readLong(), in.readLong(), in.readInt(), in.readInt()));
      }
    } catch (IOException e) {
      throw corruptedDirectory(file, "truncated");
    }
    Set<String> named = new HashSet<>();
    for (Entry e : entries) {
      named.add(SHARD_PREFIX + e.id + SHARD_SUFFIX);
    }
    deleteUnnamedShardFiles(named);
    List<Shard> shards = new ArrayList<>();
    try {
      for (Entry e : entries) {
        Path f = dir.resolve(SHARD_PREFIX + e.id + SHARD_SUFFIX);
        if (!Files.exists(f)) {
          throw corruptedDirectory(file, "shard file " + f.getFileName() + " is missing");
        }
        ChronicleMapBuilder<byte[], byte[]> b = builder(e.id, e.capacity, e.avgKey, e.avgValue);
        ChronicleMap<byte[], byte[]> map;
        try {
          map = recover
              ? b.recoverPersistedTo(f.toFile(), false, c -> logCorruption(f, c.message()))
              : b.createPersistedTo(f.toFile());
        } catch (IOException ex) {
          throw ioError("Cannot open shard file " + f, ex);
        } catch (RuntimeException ex) {
          throw new StorageException(StorageException.Code.CORRUPTED, "Cannot open shard file " + f + ": " + ex, ex);
        }
        Shard s = new Shard(e.id, e.depth, e.bits, e.capacity, e.avgKey, e.avgValue, map, f);
        open.add(s);
        shards.add(s);
        s.count.set(map.longSize());
        nextShardId = Math.max(nextShardId, e.id + 1);
      }
      Directory d = Directory.of(globalDepth, shards);
      if (d == null) {
        throw corruptedDirectory(file, "shards do not cover every hash slot exactly once");
      }
      return d;
    } catch (RuntimeException e) {
      for (Shard s : shards) {
        s.dispose(false);
      }
      throw e;
    }
  }

  private static void logCorruption(Path file, String message) {
    if (message != null && message.startsWith("wrong lowest free chunk")) {
      LOG.debug("Recovering {}: {}", file, message); // an allocation hint, rebuilt by recovery
    } else {
      LOG.warn("Recovering {}: {}", file, message);
    }
  }

  private void deleteUnnamedShardFiles(Set<String> named) {
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, SHARD_PREFIX + "*" + SHARD_SUFFIX)) {
      for (Path p : ds) {
        if (!named.contains(p.getFileName().toString())) {
          LOG.info("Table store {}: deleting {} (left by an interrupted rebuild)", dir, p.getFileName());
          Files.deleteIfExists(p);
        }
      }
    } catch (IOException e) {
      throw ioError("Cannot clean table store " + dir, e);
    }
  }

  /** Deletes every file this store owns in its directory. */
  private void deleteStoreFiles() {
    deleteUnnamedShardFiles(Set.of());
    try {
      Files.deleteIfExists(dir.resolve(DIRECTORY_FILE));
      Files.deleteIfExists(dir.resolve(DIRECTORY_FILE + ".tmp"));
    } catch (IOException e) {
      throw ioError("Cannot delete " + dir.resolve(DIRECTORY_FILE), e);
    }
    overflow.deleteAll();
    try {
      Files.deleteIfExists(dir.resolve(OVERFLOW_DIR));
    } catch (IOException e) {
      LOG.debug("Overflow folder of {} not deleted: {}", dir, e.toString());
    }
  }

  /** After a crash: overflow files written for entries that never made it, or left by removals. */
  private void deleteOrphanedOverflow() {
    Set<Long> files = overflow.ids();
    if (files.isEmpty()) {
      return;
    }
    Set<Long> referenced = new HashSet<>();
    for (Shard s : directory.shards) {
      s.map.forEachEntry(e -> {
        Data<byte[]> v = e.value();
        if (v.size() == POINTER_SIZE && v.bytes().readByte(v.offset()) == TAG_OVERFLOW) {
          referenced.add(Pointer.decode(copy(v)).id);
        }
      });
    }
    int deleted = 0;
    for (Long id : files) {
      if (!referenced.contains(id)) {
        overflow.delete(id);
        deleted++;
      }
    }
    if (deleted > 0) {
      LOG.info("Table store {}: deleted {} orphaned overflow file(s)", dir, deleted);
    }
  }

  // ---------------------------------------------------------------------------------- cursor

  private final class ShardCursor implements Cursor {
    private final List<Shard> shards; // pinned, released as the cursor passes them
    private int shardIndex;
    private int segment;
    private final ArrayList<byte[]> keys = new ArrayList<>();
    private final ArrayList<Object> values = new ArrayList<>(); // byte[] or Pointer
    private int pos;
    private byte[] key;
    private byte[] value;
    private boolean done;

    ShardCursor(List<Shard> shards) {
      this.shards = shards;
    }

    @Override
    public boolean next() {
      while (true) {
        if (done) {
          return false;
        }
        if (pos < keys.size()) {
          byte[] k = keys.get(pos);
          Object v = values.get(pos);
          keys.set(pos, null);
          values.set(pos, null);
          pos++;
          if (v instanceof Pointer p) {
            v = resolve(k, p);
            if (v == null) {
              continue; // removed meanwhile
            }
          }
          key = k;
          value = (byte[]) v;
          return true;
        }
        if (!loadBatch()) {
          close();
          return false;
        }
      }
    }

    private byte[] resolve(byte[] k, Pointer p) {
      lifecycle.readLock().lock();
      try {
        checkOpen();
        byte[] v = overflow.read(p);
        return v != null ? v : getInternal(k, hash(k)); // replaced meanwhile: the current value
      } finally {
        lifecycle.readLock().unlock();
      }
    }

    /** Loads the next non-empty segment; false at the end. */
    private boolean loadBatch() {
      keys.clear();
      values.clear();
      pos = 0;
      lifecycle.readLock().lock();
      try {
        checkOpen();
        while (shardIndex < shards.size()) {
          Shard s = shards.get(shardIndex);
          if (segment < s.map.segments()) {
            try (MapSegmentContext<byte[], byte[], ?> c = s.map.segmentContext(segment++)) {
              c.forEachSegmentEntry(e -> {
                keys.add(copy(e.key()));
                values.add(readValue(e.value(), s));
              });
            } catch (IllegalStateException e) {
              throw translate(e, s);
            }
            if (!keys.isEmpty()) {
              return true;
            }
          } else {
            shards.set(shardIndex++, null);
            segment = 0;
            s.release();
          }
        }
        return false;
      } finally {
        lifecycle.readLock().unlock();
      }
    }

    @Override
    public byte[] key() {
      if (key == null) {
        throw new IllegalStateException("no current entry: call next() first");
      }
      return key;
    }

    @Override
    public byte[] value() {
      if (key == null) {
        throw new IllegalStateException("no current entry: call next() first");
      }
      return value;
    }

    @Override
    public void close() {
      if (done) {
        return;
      }
      done = true;
      for (int i = shardIndex; i < shards.size(); i++) {
        Shard s = shards.get(i);
        if (s != null) {
          s.release();
        }
      }
      keys.clear();
      values.clear();
    }
  }

  // -------------------------------------------------------------------------------- overflow

  /** Where an overflow value is and how to check it. */
  private record Pointer(long id, int length, int crc) {
    byte[] encode() {
      byte[] b = new byte[POINTER_SIZE];
      b[0] = TAG_OVERFLOW;
      LONG_LE.set(b, 1, id);
      INT_LE.set(b, 9, length);
      INT_LE.set(b, 13, crc);
      return b;
    }

    static Pointer decode(byte[] b) {
      return new Pointer((long) LONG_LE.get(b, 1), (int) INT_LE.get(b, 9), (int) INT_LE.get(b, 13));
    }

    String fileName() {
      return String.format("%016x", id) + BLOB_SUFFIX;
    }
  }

  private static int crc(byte[] v) {
    CRC32 c = new CRC32();
    c.update(v);
    return (int) c.getValue();
  }

  private abstract class Overflow {
    /** Stores a value durably under a new id. */
    abstract Pointer write(byte[] value);

    /** The value, or null when it no longer exists; CORRUPTED when it fails its checks. */
    abstract byte[] read(Pointer p);

    abstract void delete(long id);

    abstract void deleteAll();

    abstract Set<Long> ids();

    abstract void sync() throws IOException;

    byte[] check(Pointer p, byte[] v) {
      if (v.length != p.length || crc(v) != p.crc) {
        throw new StorageException(StorageException.Code.CORRUPTED, "Table store " + where()
            + ": overflow value " + p.fileName() + " fails its length or checksum");
      }
      return v;
    }
  }

  private final class HeapOverflow extends Overflow {
    private final Map<Long, byte[]> values = new ConcurrentHashMap<>();

    @Override
    Pointer write(byte[] value) {
      byte[] copy = value.clone();
      while (true) {
        long id = ThreadLocalRandom.current().nextLong();
        if (values.putIfAbsent(id, copy) == null) {
          return new Pointer(id, copy.length, crc(copy));
        }
      }
    }

    @Override
    byte[] read(Pointer p) {
      byte[] v = values.get(p.id);
      return v == null ? null : check(p, v).clone();
    }

    @Override
    void delete(long id) {
      values.remove(id);
    }

    @Override
    void deleteAll() {
      values.clear();
    }

    @Override
    Set<Long> ids() {
      return new HashSet<>(values.keySet());
    }

    @Override
    void sync() {}
  }

  private final class FileOverflow extends Overflow {
    private final Path folder;

    FileOverflow(Path folder) {
      this.folder = folder;
    }

    private Path path(long id) {
      return folder.resolve(String.format("%016x", id) + BLOB_SUFFIX);
    }

    @Override
    Pointer write(byte[] value) {
      try {
        Files.createDirectories(folder);
      } catch (IOException e) {
        throw ioError("Cannot create overflow folder " + folder, e);
      }
      while (true) {
        long id = ThreadLocalRandom.current().nextLong();
        Path f = path(id);
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
          ByteBuffer buf = ByteBuffer.wrap(value);
          while (buf.hasRemaining()) {
            ch.write(buf);
          }
          ch.force(true);
          return new Pointer(id, value.length, crc(value));
        } catch (FileAlreadyExistsException e) {
          // astronomically unlikely: draw another id
        } catch (IOException e) {
          try {
            Files.deleteIfExists(f);
          } catch (IOException ignored) {
            // an orphan, deleted by the next recovery
          }
          throw ioError("Cannot write overflow value " + f, e);
        }
      }
    }

    @Override
    byte[] read(Pointer p) {
      Path f = path(p.id);
      try {
        return check(p, Files.readAllBytes(f));
      } catch (NoSuchFileException e) {
        return null;
      } catch (IOException e) {
        throw ioError("Cannot read overflow value " + f, e);
      }
    }

    @Override
    void delete(long id) {
      try {
        Files.deleteIfExists(path(id));
      } catch (IOException e) {
        LOG.warn("Cannot delete overflow value {}: {}", path(id), e.toString());
      }
    }

    @Override
    void deleteAll() {
      for (Long id : ids()) {
        delete(id);
      }
    }

    @Override
    Set<Long> ids() {
      Set<Long> ids = new HashSet<>();
      if (!Files.isDirectory(folder)) {
        return ids;
      }
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(folder, "*" + BLOB_SUFFIX)) {
        for (Path p : ds) {
          String n = p.getFileName().toString();
          try {
            ids.add(Long.parseUnsignedLong(n.substring(0, n.length() - BLOB_SUFFIX.length()), 16));
          } catch (NumberFormatException ignored) {
            // not ours
          }
        }
      } catch (IOException e) {
        throw ioError("Cannot list overflow folder " + folder, e);
      }
      return ids;
    }

    @Override
    void sync() throws IOException {
      if (Files.isDirectory(folder)) {
        AtomicFiles.syncDirectory(folder);
      }
    }
  }

  // ---------------------------------------------------------------------------------- helpers

  /**
   * 64-bit hash of a key, independent of Chronicle's own (so one shard's keys still spread over
   * all its segments). Persisted implicitly in the shard layout: see {@link #HASH_VERSION}.
   */
  static long hash(byte[] key) {
    final long c1 = 0x87c37b91114253d5L;
    final long c2 = 0x4cf5ad432745937fL;
    int n = key.length;
    long h = 0x9E3779B97F4A7C15L ^ (n * 0xC2B2AE3D27D4EB4FL);
    int i = 0;
    for (; i + 8 <= n; i += 8) {
      long k = (long) LONG_LE.get(key, i);
      h ^= Long.rotateLeft(k * c1, 31) * c2;
      h = Long.rotateLeft(h, 27) * 5 + 0x52dce729;
    }
    long t = 0;
    for (int shift = 0; i < n; i++, shift += 8) {
      t |= (key[i] & 0xFFL) << shift;
    }
    h ^= Long.rotateLeft(t * c2, 33) * c1;
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }

  private void checkKey(byte[] key) {
    if (key == null) {
      throw new IllegalArgumentException("null key");
    }
    if (options.constantKeySize() && key.length != options.averageKeySize()) {
      throw new IllegalArgumentException("table store " + where() + " takes keys of exactly "
          + options.averageKeySize() + " bytes, got " + key.length);
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new StorageException(StorageException.Code.CLOSED, "Table store " + where() + " is closed");
    }
  }

  private String where() {
    return dir == null ? name : dir.toString();
  }

  private StorageException corrupted(Shard s, String message) {
    return new StorageException(StorageException.Code.CORRUPTED,
        "Table store " + where() + ", shard " + s.id + ": " + message);
  }

  private static StorageException corruptedDirectory(Path file, String message) {
    return new StorageException(StorageException.Code.CORRUPTED, "Shard directory " + file + " is damaged: " + message);
  }

  private static StorageException ioError(String message, IOException e) {
    return new StorageException(StorageException.Code.IO_ERROR, message + ": " + AtomicFiles.describe(e), e);
  }

  /** What a write found. */
  private static final class Outcome {
    boolean existed;
    Pointer old;
  }
}
