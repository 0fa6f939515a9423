package dev.marble.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
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
 * Each map value is a tag byte, then either a CRC32C of key and value followed by the value, or a
 * pointer to an overflow value (see {@link StoredValue}); every read verifies the checksum, so
 * damage is reported (CORRUPTED), never returned as data. Values above {@link
 * StoreOptions#overflowThreshold()} (or too large for the shard's segment tier) live in {@code
 * overflow/<id>.blob}, written and fsynced before the entry that points to them, with a checksum of
 * their own. In-memory stores keep them on the heap.
 *
 * <h2>Durability</h2>
 *
 * None of its own: Chronicle's {@code close()} syncs nothing, so call {@link #force()} at a
 * checkpoint. After an unclean shutdown open with {@code recover = true}, which clears segment
 * locks a killed process left and deletes orphaned overflow files.
 *
 * <h2>Implementation</h2>
 *
 * This facade checks keys, holds the {@code StoreLifecycle} around each operation and delegates
 * to {@code ShardSet} (with {@code ShardDirectory}, {@code Shard}), {@code EntryAccess}, {@code
 * ShardGrowth}, {@code OverflowStore} (with {@code StoredValue}) and {@code StoreCursor}.
 */
public final class TableStore implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TableStore.class);

  /** The shard directory inside a store directory. */
  public static final String DIRECTORY_FILE = "shards.dat";
  /** The overflow folder inside a store directory. */
  public static final String OVERFLOW_DIR = "overflow";

  static final String SHARD_PREFIX = "shard-";
  static final String SHARD_SUFFIX = ".cmap";
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
      long entry = key + (value > DEFAULT_OVERFLOW_THRESHOLD ? OverflowPointer.ENCODED_SIZE : value) + 24L;
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
  private final String where; // the directory, or "mem-<n>" in memory
  private final StoreOptions options;
  private final StoreLifecycle life;
  private final OverflowStore overflow;
  private final ShardSet shards;
  private final ShardGrowth growth;
  private final EntryAccess entries;

  private TableStore(Path dir, StoreOptions options) {
    this.dir = dir;
    this.options = options;
    String name = dir == null ? "mem-" + MEMORY_STORES.incrementAndGet() : dir.getFileName().toString();
    this.where = dir == null ? name : dir.toString();
    this.life = new StoreLifecycle(where);
    this.overflow = dir == null ? OverflowStore.onHeap(where) : OverflowStore.inFolder(dir.resolve(OVERFLOW_DIR), where);
    this.shards = new ShardSet(dir, name, where, options);
    this.growth = new ShardGrowth(shards, overflow, life);
    this.entries = new EntryAccess(shards, overflow, growth, life);
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
        throw StoreErrors.ioError("Cannot create table store directory " + dir, e);
      }
      if (Files.exists(dir.resolve(DIRECTORY_FILE))) {
        LOG.warn("Creating table store {} over an existing one: its files are deleted", dir);
      }
      store.deleteStoreFiles();
    }
    store.shards.replaceWithEmpty();
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
    store.shards.load(recover);
    if (recover) {
      store.overflow.deleteOrphans(store.shards::overflowIdsInUse);
    }
    return store;
  }

  // ------------------------------------------------------------------------------- operations

  /** The value stored under {@code key}, or null. */
  public byte[] get(byte[] key) {
    checkKey(key);
    long h = ShardDirectory.hash(key);
    life.shared().lock();
    try {
      life.checkOpen();
      return entries.get(key, h);
    } finally {
      life.shared().unlock();
    }
  }

  public boolean containsKey(byte[] key) {
    checkKey(key);
    long h = ShardDirectory.hash(key);
    life.shared().lock();
    try {
      life.checkOpen();
      return entries.containsKey(key, h);
    } finally {
      life.shared().unlock();
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

  private boolean write(byte[] key, byte[] value, boolean onlyIfAbsent) {
    checkKey(key);
    if (value == null) {
      throw new IllegalArgumentException("null value");
    }
    long h = ShardDirectory.hash(key);
    life.shared().lock();
    try {
      life.checkOpen();
      return entries.write(key, h, value, onlyIfAbsent);
    } finally {
      life.shared().unlock();
    }
  }

  /** Removes {@code key}; true when it was present. */
  public boolean remove(byte[] key) {
    checkKey(key);
    long h = ShardDirectory.hash(key);
    life.shared().lock();
    try {
      life.checkOpen();
      return entries.remove(key, h);
    } finally {
      life.shared().unlock();
    }
  }

  /** Number of entries. */
  public long size() {
    life.shared().lock();
    try {
      life.checkOpen();
      return shards.entryCount();
    } finally {
      life.shared().unlock();
    }
  }

  /** A cursor over every entry; close it. */
  public Cursor cursor() {
    return cursor(false);
  }

  /**
   * A cursor over every entry, or over keys only (values empty, neither copied nor verified: what
   * COUNT(*) needs); close it.
   */
  public Cursor cursor(boolean keysOnly) {
    life.shared().lock();
    try {
      life.checkOpen();
      return new StoreCursor(shards.pinAll(), life, overflow, entries, keysOnly);
    } finally {
      life.shared().unlock();
    }
  }

  /** Removes every entry; the store shrinks back to one new shard. */
  public void clear() {
    life.exclusive().lock();
    try {
      life.checkOpen();
      shards.replaceWithEmpty();
      overflow.deleteAll();
    } finally {
      life.exclusive().unlock();
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
    life.shared().lock();
    try {
      life.checkOpen();
      synchronized (shards.growLock) { // no rebuild deletes a shard file meanwhile
        shards.forceAll();
        overflow.sync();
        AtomicFiles.syncDirectory(dir);
      }
    } catch (IOException e) {
      throw StoreErrors.ioError("Cannot sync table store " + dir, e);
    } finally {
      life.shared().unlock();
    }
  }

  /** Closes every map (open cursors then fail with CLOSED). Idempotent. Does not sync. */
  @Override
  public void close() {
    life.exclusive().lock();
    try {
      if (life.markClosed()) {
        shards.closeAll();
      }
    } finally {
      life.exclusive().unlock();
    }
  }

  /** Closes the store and deletes all its files (and its directory when nothing else is in it). */
  public void drop() {
    close();
    if (dir != null) {
      life.exclusive().lock();
      try {
        deleteStoreFiles();
        try {
          Files.deleteIfExists(dir);
        } catch (IOException e) {
          LOG.debug("Table store directory {} not deleted: {}", dir, e.toString());
        }
      } finally {
        life.exclusive().unlock();
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
    ShardDirectory d = shards.current();
    return "TableStore{" + where + ", shards=" + (d == null ? 0 : d.shards.size())
        + ", depth=" + (d == null ? 0 : d.globalDepth) + "}";
  }

  // ------------------------------------------------------------------ diagnostics (for tests)

  int shardCount() {
    return shards.current().shards.size();
  }

  long splitCount() {
    return growth.splitCount();
  }

  long rebuildCount() {
    return growth.rebuildCount();
  }

  /** Rebuilds forced by Chronicle running out of segment tiers (sizes misjudged). */
  long tierGrowthCount() {
    return growth.tierGrowthCount();
  }

  /** Bytes the store's files take on disk (allocated blocks may differ). */
  long diskBytes() {
    return dir == null ? 0 : DiskUsage.of(dir);
  }

  void setTestHook(Consumer<String> hook) {
    growth.setTestHook(hook);
  }

  private void checkKey(byte[] key) {
    if (key == null) {
      throw new IllegalArgumentException("null key");
    }
    if (options.constantKeySize() && key.length != options.averageKeySize()) {
      throw new IllegalArgumentException("table store " + where + " takes keys of exactly "
          + options.averageKeySize() + " bytes, got " + key.length);
    }
  }

  /** Deletes every file this store owns in its directory. */
  private void deleteStoreFiles() {
    ShardDirectory.deleteFiles(dir);
    overflow.drop();
  }
}
