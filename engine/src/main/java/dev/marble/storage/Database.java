package dev.marble.storage;

import dev.marble.storage.catalog.Catalog;
import dev.marble.storage.catalog.CatalogStore;
import dev.marble.storage.catalog.ColumnDef;
import dev.marble.storage.catalog.IndexDef;
import dev.marble.storage.catalog.SchemaDef;
import dev.marble.storage.catalog.TableDef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open database: a directory (or memory) holding the catalog, the sequence store and one store
 * per table and index. Connections of one JVM share a Database through {@link DatabaseRegistry}.
 *
 * <p>Directory layout: {@code catalog.json}, {@code sequences.properties}, {@code tables/<id>/},
 * {@code indexes/<id>/}, {@code wal/redo.log}, {@code marble.lock}, {@code marble.state}. Stores
 * are opened on first use; after an unclean exit (the state file says the last owner never
 * closed) each store is opened in recovery mode, which clears the segment locks a killed process
 * left behind, and the redo log is replayed.
 *
 * <p>Locks: {@link #schemaLock()} serialises DDL; commits take {@link #commitLock} so that the
 * re-check of keys and the application of a write set are not interleaved with another commit.
 */
public final class Database implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Database.class);

  /** The redo log grows to about this size before a checkpoint forces the stores and empties it. */
  private static final long CHECKPOINT_BYTES = 64L << 20;

  private final String name;
  private final Path dir;
  private final LockFile lock;
  /** Committed transactions not yet forced into the stores; null in memory. */
  private final RedoLog redo;
  private final boolean recover;
  private final SequenceStore sequences;
  private final Map<Long, TableStore> stores = new ConcurrentHashMap<>();
  private final OrderedIndexes ordered;
  private final ReentrantLock schemaLock = new ReentrantLock();
  private final ReentrantLock commitLock = new ReentrantLock();
  private final LockManager locks = new LockManager();
  private final Versions versions = new Versions();
  /** Number of the last commit; a snapshot transaction remembers the number it began at. */
  private final java.util.concurrent.atomic.AtomicLong commitSequence = new java.util.concurrent.atomic.AtomicLong();
  private final CommitHistory history = new CommitHistory();
  private final Listeners listeners = new Listeners();
  private volatile Catalog catalog;
  private volatile boolean closed;

  private Database(String name, Path dir, LockFile lock, Catalog catalog, RedoLog.Sync sync) {
    this.name = name;
    this.dir = dir;
    this.lock = lock;
    this.recover = lock != null && lock.wasUncleanShutdown();
    this.ordered = new OrderedIndexes(!recover);
    this.catalog = catalog;
    this.sequences = SequenceStore.open(dir);
    this.redo = dir == null ? null : RedoLog.open(dir.resolve("wal"), sync, listeners);
  }

  /**
   * Opens the database in {@code dir}, creating it when absent and {@code create} is set.
   *
   * @throws StorageException LOCKED when another process owns it, NOT_FOUND when it does not exist
   */
  static Database open(Path dir, boolean create, RedoLog.Sync sync) {
    Path absolute = dir.toAbsolutePath().normalize();
    boolean exists = CatalogStore.exists(absolute);
    if (!exists && !create) {
      throw new StorageException(StorageException.Code.NOT_FOUND,
          "Database " + absolute + " does not exist (create=false was given)");
    }
    try {
      Files.createDirectories(absolute);
    } catch (IOException e) {
      throw new StorageException(StorageException.Code.IO_ERROR,
          "Cannot create database directory " + absolute + ": " + e.getMessage(), e);
    }
    LockFile lock = LockFile.acquire(absolute);
    try {
      Catalog catalog;
      if (exists) {
        catalog = CatalogStore.read(absolute);
      } else {
        catalog = Catalog.initial();
        CatalogStore.write(absolute, catalog);
      }
      Database db = new Database(absolute.toString(), absolute, lock, catalog, sync);
      if (db.recover) {
        LOG.warn("Database {} was not closed cleanly; recovering its stores", absolute);
      }
      db.deleteOrphanStores();
      db.replayRedoLog();
      return db;
    } catch (RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  static Database inMemory(String name) {
    return new Database("mem:" + name, null, null, Catalog.initial(), RedoLog.Sync.OFF);
  }

  /**
   * Applies every committed transaction the log holds (those since the last checkpoint; applying
   * one twice is harmless, each record holds full images), then checkpoints. Records of stores
   * the catalog no longer names (dropped since) are skipped.
   */
  private void replayRedoLog() {
    Map<Long, java.util.function.Supplier<Table>> opener = new java.util.HashMap<>();
    for (SchemaDef s : catalog.schemas().values()) {
      for (TableDef t : s.tables().values()) {
        java.util.function.Supplier<Table> open = () -> table(s.name(), t);
        opener.put(t.id(), open);
        t.indexes().forEach(i -> opener.put(i.id(), open));
      }
    }
    long[] applied = new long[2];
    redo.replay(payload -> {
      for (RedoRecord.Op op : RedoRecord.decode(payload)) {
        java.util.function.Supplier<Table> open = opener.get(op.storeId());
        if (open != null) {
          replay(open.get(), op);
          applied[1]++;
        }
      }
      applied[0]++;
    });
    if (applied[0] > 0) {
      LOG.info("Database {}: replayed {} committed transactions ({} writes) from the redo log", name, applied[0],
          applied[1]);
    }
    checkpoint();
  }

  /** Applies one logged write to the table or index it names; no snapshot is open yet. */
  private static void replay(Table table, RedoRecord.Op op) {
    if (op.storeId() == table.def().id()) {
      if (op.put()) {
        table.store().put(op.key(), op.value());
      } else {
        table.store().remove(op.key());
      }
      return;
    }
    for (Table.Index index : table.indexes()) {
      if (index.def().id() == op.storeId()) {
        if (op.put()) {
          index.put(op.key(), op.value(), 0);
        } else {
          index.remove(op.key(), 0);
        }
      }
    }
  }

  public String name() {
    return name;
  }

  public boolean isInMemory() {
    return dir == null;
  }

  public Catalog catalog() {
    return catalog;
  }

  public SequenceStore sequences() {
    return sequences;
  }

  /**
   * Reports the durations of this database's commits, redo-log syncs and checkpoints to {@code
   * listener} from now on, for monitoring. Without listeners, commits do not even read the clock.
   */
  public void addListener(DatabaseListener listener) {
    listeners.add(java.util.Objects.requireNonNull(listener, "listener"));
  }

  /** Stops reporting to {@code listener} (one already under way may still arrive). */
  public void removeListener(DatabaseListener listener) {
    listeners.remove(listener);
  }

  /**
   * Rows and bytes on disk of every table, for monitoring: cheap (counters and file sizes, no
   * scan) and never waiting for DDL; see {@link TableSizes}.
   */
  public List<TableSize> tableSizes() {
    checkOpen();
    return TableSizes.of(this);
  }

  /** Bytes of all the database's files (file sizes; 0 in memory). */
  public long diskBytes() {
    return dir == null ? 0 : DiskUsage.of(dir);
  }

  /** Bytes of the files of one table or index store ({@code kind} "tables" or "indexes"). */
  long diskBytes(long id, String kind) {
    return dir == null ? 0 : DiskUsage.of(storeDir(id, kind));
  }

  /** The store of a table or index if it is open, else null (opens nothing). */
  TableStore openStore(long id) {
    return stores.get(id);
  }

  /** Held by DDL from reading the catalog until {@link #publish}. */
  public ReentrantLock schemaLock() {
    return schemaLock;
  }

  /** A new transaction; {@code lockTimeoutMillis} bounds each wait for a row lock. */
  public Transaction begin(Transaction.Isolation isolation, long lockTimeoutMillis) {
    checkOpen();
    ReadView view = null;
    if (isolation != Transaction.Isolation.READ_COMMITTED) {
      view = openReadView();
      history.started(view.csn());
    }
    return new Transaction(this, isolation, lockTimeoutMillis, view);
  }

  /** The database as of the last commit, for reading; close it when done. */
  public ReadView openReadView() {
    return new ReadView(versions.open());
  }

  LockManager locks() {
    return locks;
  }

  Versions versions() {
    return versions;
  }

  /** Whether a commit after {@code snapshot} wrote the row (REPEATABLE READ conflict check). */
  boolean changedSince(long table, byte[] key, long snapshot) {
    return history.rowChangedSince(table, key, snapshot);
  }

  /** Whether a commit after {@code snapshot} wrote any row of the table (SERIALIZABLE scans). */
  boolean tableChangedSince(long table, long snapshot) {
    return history.tableChangedSince(table, snapshot);
  }

  /** Releases a finished transaction's row locks and snapshot. */
  void finished(Transaction tx) {
    locks.releaseAll(tx);
    if (tx.transactionView() != null) {
      history.finished(tx.snapshot());
      tx.transactionView().close();
    }
  }

  /**
   * Makes {@code next} the current catalog: written to disk first (crash-safe), then visible.
   * The caller holds {@link #schemaLock()} and built {@code next} from the current catalog.
   */
  public void publish(Catalog next) {
    checkOpen();
    Catalog versioned = new Catalog(catalog.version() + 1, next.nextObjectId(), next.schemas(),
        next.withoutStaleGrants().security());
    if (dir != null) {
      CatalogStore.write(dir, versioned);
    }
    catalog = versioned;
  }

  /** The runtime view of {@code def} (in {@code schema}) over its stores, opening them if needed. */
  public Table table(String schema, TableDef def) {
    TableStore store = store(def.id(), "tables", TableStores.optionsFor(def));
    List<Table.Index> indexes = new ArrayList<>();
    for (IndexDef index : def.indexes()) {
      TableStore entries = store(index.id(), "indexes", TableStores.optionsForIndex(def, index));
      OrderedIndex sorted = ordered.open(index.id(), dir == null ? null : storeDir(index.id(), "indexes"), entries);
      indexes.add(Table.Index.of(def, index, entries, sorted));
    }
    return new Table(schema, def, store, indexes);
  }

  /** Creates empty stores for a new table (and its indexes) before the catalog names them. */
  public void createStorage(TableDef def) {
    create(def.id(), "tables", TableStores.optionsFor(def));
    for (IndexDef index : def.indexes()) {
      create(index.id(), "indexes", TableStores.optionsForIndex(def, index));
    }
  }

  public void createIndexStorage(TableDef def, IndexDef index) {
    create(index.id(), "indexes", TableStores.optionsForIndex(def, index));
  }

  /** Deletes the store of a table or index that the published catalog no longer names. */
  public void dropStorage(long objectId) {
    ordered.drop(objectId);
    TableStore store = stores.remove(objectId);
    if (store != null) {
      store.drop();
    } else if (dir != null) {
      deleteTree(storeDir(objectId, "tables"));
      deleteTree(storeDir(objectId, "indexes"));
    }
  }

  /** Empties a table and its indexes. The caller holds the schema lock (no concurrent commit). */
  public void truncate(Table table) {
    commitLock.lock();
    try {
      checkpoint(); // older commits of this table must not replay into the emptied store
      table.store().clear();
      for (Table.Index index : table.indexes()) {
        index.clear();
      }
    } finally {
      commitLock.unlock();
    }
  }

  /**
   * Runs {@code work} while no transaction can commit: DDL that reads every row of a table and
   * writes derived data (index builds, table rebuilds) must not miss a concurrent commit.
   */
  public <T> T withCommitsPaused(java.util.function.Supplier<T> work) {
    commitLock.lock();
    try {
      return work.get();
    } finally {
      commitLock.unlock();
    }
  }

  void commit(Transaction tx) {
    checkOpen();
    long started = listeners.start();
    commitLock.lock();
    try {
      tx.verifyAgainstCommitted();
      tx.validateReads();
      if (redo != null) {
        redo.append(tx.redoRecord()); // durable (per the sync setting) before any store changes
      }
      long csn = commitSequence.get() + 1;
      tx.recordPreviousVersions(versions, csn);
      tx.applyToStores(csn);
      commitSequence.set(csn);
      versions.publish(csn); // from here on, new snapshots see this commit, all of it
      history.committed(csn, tx.writtenKeys());
      if (redo != null && redo.bytes() > CHECKPOINT_BYTES) {
        checkpoint();
      }
    } finally {
      commitLock.unlock();
    }
    listeners.committed(started);
  }

  /**
   * Forces every store to disk, then empties the redo log: what it held is now in the stores.
   * Runs without concurrent commits (a commit between the force and the truncate would be lost).
   */
  public void checkpoint() {
    commitLock.lock();
    try {
      long started = listeners.start();
      for (TableStore store : stores.values()) {
        store.force();
      }
      ordered.foldLarge(versions.oldestSnapshot());
      if (redo != null) {
        redo.truncate();
      }
      listeners.checkpointed(started);
    } finally {
      commitLock.unlock();
    }
  }

  /**
   * Copies the database into {@code target} (which must not exist or be empty), consistent as of
   * one moment: commits wait while the files are copied (readers go on), right after a checkpoint
   * so the copy needs no redo log. The copy opens as a database of its own.
   *
   * @return bytes copied
   */
  public long backup(Path target) {
    checkOpen();
    if (dir == null) {
      throw new StorageException(StorageException.Code.NOT_FOUND,
          "Database " + name + " lives in memory; BACKUP copies databases stored in a directory");
    }
    Path to = target.toAbsolutePath().normalize();
    if (to.startsWith(dir)) {
      throw new StorageException(StorageException.Code.IO_ERROR,
          "Backup directory " + to + " lies inside the database directory " + dir);
    }
    return withCommitsPaused(() -> {
      checkpoint();
      ordered.foldAll(versions.oldestSnapshot()); // the copy opens trusting these files
      return Backup.copy(dir, to);
    });
  }

  /**
   * Verifies every table and index against the catalog and every stored value against its
   * checksum ({@link DatabaseCheck}). Reports, repairs nothing; an empty list means clean.
   */
  public List<DatabaseCheck.Finding> check() {
    checkOpen();
    return DatabaseCheck.run(this);
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    RuntimeException failure = null;
    try {
      checkpoint();
      ordered.foldAll(Long.MAX_VALUE); // no reader outlives the database
    } catch (RuntimeException e) {
      failure = e;
    }
    closed = true;
    ordered.clear();
    for (TableStore store : stores.values()) {
      try {
        store.close();
      } catch (RuntimeException e) {
        failure = failure == null ? e : failure;
      }
    }
    if (redo != null) {
      try {
        redo.close();
      } catch (RuntimeException e) {
        failure = failure == null ? e : failure;
      }
    }
    stores.clear();
    if (lock != null) {
      if (failure == null) {
        sequences.close();
        lock.markClean();
      }
      lock.close();
    }
    if (failure != null) {
      throw failure;
    }
  }

  public boolean isClosed() {
    return closed;
  }

  private void checkOpen() {
    if (closed) {
      throw new StorageException(StorageException.Code.CLOSED, "Database " + name + " is closed");
    }
  }

  /**
   * The store of a table or index the catalog names, opened on first use. Its directory exists
   * from CREATE on; if it is gone, the data is gone, and saying so beats serving an empty table.
   */
  private TableStore store(long id, String kind, TableStore.StoreOptions options) {
    checkOpen();
    return stores.computeIfAbsent(id, k -> {
      if (dir == null) {
        return TableStore.create(null, options);
      }
      Path path = storeDir(id, kind);
      if (!Files.exists(path)) {
        throw new StorageException(StorageException.Code.CORRUPTED, "The files of "
            + (kind.equals("tables") ? "table" : "index") + " " + describe(id) + " are missing (" + path
            + "); restore the database from a backup");
      }
      return TableStore.open(path, options, recover);
    });
  }

  /** "schema.name" of the table or index with this id, for messages. */
  private String describe(long id) {
    for (SchemaDef s : catalog.schemas().values()) {
      for (TableDef t : s.tables().values()) {
        if (t.id() == id) {
          return s.name() + "." + t.name();
        }
        for (IndexDef i : t.indexes()) {
          if (i.id() == id) {
            return s.name() + "." + i.name() + " on " + t.name();
          }
        }
      }
    }
    return "#" + id;
  }

  private void create(long id, String kind, TableStore.StoreOptions options) {
    checkOpen();
    stores.put(id, TableStore.create(dir == null ? null : storeDir(id, kind), options));
  }

  private Path storeDir(long id, String kind) {
    return dir.resolve(kind).resolve(Long.toString(id));
  }

  /** Stores left by a crash between creating storage and publishing the catalog (or the reverse). */
  private void deleteOrphanStores() {
    Set<String> known = new HashSet<>();
    for (SchemaDef s : catalog.schemas().values()) {
      for (TableDef t : s.tables().values()) {
        known.add("tables/" + t.id());
        t.indexes().forEach(i -> known.add("indexes/" + i.id()));
      }
    }
    for (String kind : List.of("tables", "indexes")) {
      Path parent = dir.resolve(kind);
      if (!Files.isDirectory(parent)) {
        continue;
      }
      try (Stream<Path> children = Files.list(parent)) {
        for (Path child : children.toList()) {
          if (!known.contains(kind + "/" + child.getFileName())) {
            LOG.info("Deleting orphan store {}", child);
            deleteTree(child);
          }
        }
      } catch (IOException e) {
        throw new StorageException(StorageException.Code.IO_ERROR, "Cannot list " + parent, e);
      }
    }
  }

  private static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new StorageException(StorageException.Code.IO_ERROR, "Cannot delete " + root, e);
    }
  }

  /** Estimated encoded size of a column value, for sizing new stores. */
  static int estimatedSize(ColumnDef c) {
    if (c.type().isFixedWidth()) {
      return c.type().fixedWidth();
    }
    return switch (c.type()) {
      case DECIMAL -> 9;
      case CHAR, BINARY -> Math.max(1, c.precision());
      case VARCHAR, VARBINARY -> c.precision() > 0 ? Math.min(c.precision() / 2 + 1, 256) : 64;
      default -> 512;
    };
  }
}
