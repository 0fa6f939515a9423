package dev.marble.storage;

import dev.marble.storage.TableStore.StoreOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A table store's shards: the published {@link ShardDirectory}, every shard whose map is open
 * (the directory's, plus retired ones a reader or cursor still pins), and the id counter for new
 * shard files.
 *
 * <p>Invariants: {@link #growLock} serialises every structural change (create, load, rebuild,
 * split, clear, close) and {@code nextShardId} is only used under it. A directory is written to
 * the directory file before it is published here, so readers never use shards the file does not
 * name; and the file records {@code nextShardId}, so a new shard never reuses a file name.
 */
final class ShardSet {
  /** One structural change at a time; held around a rebuild, force and close. */
  final Object growLock = new Object();

  private final Path dir; // null: in memory
  private final String name;
  private final String where;
  private final StoreOptions options;
  private final Set<Shard> open = ConcurrentHashMap.newKeySet();
  private volatile ShardDirectory current;
  private long nextShardId; // guarded by growLock

  ShardSet(Path dir, String name, String where, StoreOptions options) {
    this.dir = dir;
    this.name = name;
    this.where = where;
    this.options = options;
  }

  Path dir() {
    return dir;
  }

  /** The store's name, prefixed to Chronicle's map names. */
  String name() {
    return name;
  }

  /** The store as error messages name it. */
  String where() {
    return where;
  }

  StoreOptions options() {
    return options;
  }

  /** The published directory; null only before the store is created or loaded. */
  ShardDirectory current() {
    return current;
  }

  /** A new, empty shard with a fresh id, open but in no directory yet. Hold {@link #growLock}. */
  Shard newShard(int depth, long bits, long capacity, int avgKey, int avgValue) {
    assert Thread.holdsLock(growLock);
    return Shard.create(this, new ShardSpec(nextShardId++, depth, bits, capacity, avgKey, avgValue));
  }

  /** Writes {@code d} to the directory file (on disk), then makes it current. Hold {@link #growLock}. */
  void publish(ShardDirectory d) {
    assert Thread.holdsLock(growLock);
    if (d == null) {
      throw new IllegalStateException("inconsistent shard directory");
    }
    if (dir != null) {
      AtomicFiles.write(dir.resolve(TableStore.DIRECTORY_FILE), d.encode(nextShardId));
    }
    current = d;
  }

  /** Publishes a directory of one new, empty shard and retires the shards it replaces. */
  void replaceWithEmpty() {
    synchronized (growLock) {
      Shard first = newShard(0, 0, options.initialEntries(), options.averageKeySize(), initialValueSize());
      ShardDirectory old = current;
      try {
        publish(ShardDirectory.of(0, List.of(first)));
      } catch (RuntimeException e) {
        first.dispose(true);
        throw e;
      }
      if (old != null) {
        old.shards.forEach(Shard::retire);
      }
    }
  }

  /** Stored size (tag included) the first shard expects: values above the threshold are pointers. */
  private int initialValueSize() {
    return options.averageValueSize() > options.overflowThreshold()
        ? OverflowPointer.ENCODED_SIZE : options.averageValueSize() + StoredValue.INLINE_HEADER;
  }

  /**
   * Loads the directory file: deletes the shard files it does not name, opens the ones it does and
   * publishes them (without rewriting the file).
   *
   * @throws StorageException NOT_FOUND without a directory file, CORRUPTED or UNSUPPORTED_FORMAT
   *     for a damaged or newer one, IO_ERROR
   */
  void load(boolean recover) {
    Path file = dir.resolve(TableStore.DIRECTORY_FILE);
    if (!Files.exists(file)) {
      throw new StorageException(StorageException.Code.NOT_FOUND, "Table store " + dir + " has no " + TableStore.DIRECTORY_FILE);
    }
    byte[] content = AtomicFiles.read(file);
    synchronized (growLock) {
      ShardDirectory.Contents contents = ShardDirectory.decode(content, file);
      nextShardId = contents.nextShardId();
      Set<String> named = new HashSet<>();
      contents.shards().forEach(spec -> named.add(Shard.fileName(spec.id())));
      ShardDirectory.deleteShardFilesExcept(dir, named);
      List<Shard> shards = openAll(contents.shards(), file, recover);
      ShardDirectory d = ShardDirectory.of(contents.globalDepth(), shards);
      if (d == null) {
        shards.forEach(s -> s.dispose(false));
        throw ShardDirectory.corrupted(file, "shards do not cover every hash slot exactly once");
      }
      current = d;
    }
  }

  /** Opens every shard of {@code specs}; on failure closes those already open. */
  private List<Shard> openAll(List<ShardSpec> specs, Path directoryFile, boolean recover) {
    List<Shard> shards = new ArrayList<>();
    try {
      for (ShardSpec spec : specs) {
        Path f = dir.resolve(Shard.fileName(spec.id()));
        if (!Files.exists(f)) {
          throw ShardDirectory.corrupted(directoryFile, "shard file " + f.getFileName() + " is missing");
        }
        shards.add(Shard.open(this, spec, f, recover));
        nextShardId = Math.max(nextShardId, spec.id() + 1);
      }
      return shards;
    } catch (RuntimeException e) {
      shards.forEach(s -> s.dispose(false));
      throw e;
    }
  }

  /** Every current shard, each acquired (release them); retries while a rebuild retires one. */
  List<Shard> pinAll() {
    while (true) {
      ShardDirectory d = current;
      List<Shard> pinned = new ArrayList<>(d.shards.size());
      for (Shard s : d.shards) {
        if (!s.acquire()) {
          break;
        }
        pinned.add(s);
      }
      if (pinned.size() == d.shards.size()) {
        return pinned;
      }
      pinned.forEach(Shard::release);
    }
  }

  long entryCount() {
    long n = 0;
    for (Shard s : current.shards) {
      n += s.count.get();
    }
    return n;
  }

  /** Forces every current shard file to disk. Hold {@link #growLock}, so none is deleted meanwhile. */
  void forceAll() throws IOException {
    assert Thread.holdsLock(growLock);
    for (Shard s : current.shards) {
      s.force();
    }
  }

  /** The ids of the overflow values the current shards' entries point to (scans every entry). */
  Set<Long> overflowIdsInUse() {
    Set<Long> ids = new HashSet<>();
    for (Shard s : current.shards) {
      s.collectOverflowIds(ids);
    }
    return ids;
  }

  /** Closes every open map, deleting the files of retired shards (garbage). */
  void closeAll() {
    synchronized (growLock) {
      Set<Shard> named = current == null ? Set.of() : new HashSet<>(current.shards);
      for (Shard s : new ArrayList<>(open)) {
        s.dispose(!named.contains(s));
      }
    }
  }

  void opened(Shard s) {
    open.add(s);
  }

  void closed(Shard s) {
    open.remove(s);
  }
}
