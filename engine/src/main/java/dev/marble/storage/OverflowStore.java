package dev.marble.storage;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A table store's values too large to keep inside a shard map, each addressed by an {@link
 * OverflowPointer}: files {@code overflow/<id>.blob} for a store on disk, a heap map in memory.
 *
 * <p>Invariants kept by the callers: a value is written (on disk: and fsynced) before an entry
 * points to it, and deleted only once no entry does. A crash therefore leaves at worst orphans,
 * which recovery deletes ({@link #deleteOrphans}), never an entry pointing to nothing. Ids are
 * random, so concurrent writers need no coordination. A value deleted meanwhile (by a concurrent
 * replace or remove) reads as null; one whose bytes do not match its pointer fails CORRUPTED.
 *
 * <p>File format ({@link #FILE_FORMAT}, on disk): one format byte, a CRC32C of the value (4 bytes,
 * little-endian), then the value. A read checks the format, the CRC32C, then the length and CRC32
 * its pointer recorded; any mismatch fails CORRUPTED ({@link StoredValue.Damaged}) naming the file.
 */
abstract class OverflowStore {
  /** Under TableStore's name, as before it was split, so log configuration keeps applying. */
  private static final Logger LOG = LoggerFactory.getLogger(TableStore.class);

  /** The first byte of an overflow file: its format. */
  static final byte FILE_FORMAT = 1;
  /** Bytes before the value in an overflow file: format, CRC32C. */
  static final int FILE_HEADER = 5;

  private final String where;

  private OverflowStore(String where) {
    this.where = where;
  }

  /** Values as files in {@code folder}, created on the first write. */
  static OverflowStore inFolder(Path folder, String where) {
    return new OnDisk(folder, where);
  }

  /** Values on the heap, for an in-memory store. */
  static OverflowStore onHeap(String where) {
    return new OnHeap(where);
  }

  /** Stores a value durably under a new id. */
  abstract OverflowPointer write(byte[] value);

  /** The value, or null when it no longer exists; CORRUPTED when it fails its checks. */
  abstract byte[] read(OverflowPointer p);

  abstract void delete(long id);

  /** The ids of every stored value. */
  abstract Set<Long> ids();

  /** Makes the creation and deletion of value files durable (their contents already are). */
  abstract void sync() throws IOException;

  void deleteAll() {
    for (Long id : ids()) {
      delete(id);
    }
  }

  /** Deletes every value and, on disk, the folder (when nothing else is in it). */
  void drop() {
    deleteAll();
  }

  /** After a crash: deletes the values no entry points to, written for entries that never made it. */
  void deleteOrphans(Supplier<Set<Long>> referenced) {
    Set<Long> ids = ids();
    if (ids.isEmpty()) {
      return; // spares the scan of every entry
    }
    Set<Long> live = referenced.get();
    int deleted = 0;
    for (Long id : ids) {
      if (!live.contains(id)) {
        delete(id);
        deleted++;
      }
    }
    if (deleted > 0) {
      LOG.info("Table store {}: deleted {} orphaned overflow file(s)", where, deleted);
    }
  }

  final byte[] check(OverflowPointer p, byte[] v) {
    if (!p.matches(v)) {
      throw damaged(p, "does not match the length and CRC32 its entry recorded (" + p.length() + " bytes, "
          + StoredValue.hex(p.crc()) + ")");
    }
    return v;
  }

  /** {@code value} as an overflow file holds it: format, CRC32C, value. */
  static byte[] frame(byte[] value) {
    byte[] file = new byte[FILE_HEADER + value.length];
    file[0] = FILE_FORMAT;
    CRC32C c = new CRC32C();
    c.update(value);
    StoredValue.writeIntLe(file, 1, (int) c.getValue());
    System.arraycopy(value, 0, file, FILE_HEADER, value.length);
    return file;
  }

  /** The value an overflow file holds, its format and CRC32C checked; CORRUPTED when they fail. */
  final byte[] unframe(OverflowPointer p, byte[] file) {
    if (file.length < FILE_HEADER) {
      throw damaged(p, "is truncated (" + file.length + " bytes)");
    }
    if (file[0] != FILE_FORMAT) {
      throw damaged(p, "has an unknown format " + file[0]);
    }
    CRC32C c = new CRC32C();
    c.update(file, FILE_HEADER, file.length - FILE_HEADER);
    int stored = StoredValue.readIntLe(file, 1);
    int computed = (int) c.getValue();
    if (stored != computed) {
      throw damaged(p, "has a checksum mismatch: stored " + StoredValue.hex(stored) + ", computed "
          + StoredValue.hex(computed) + " over " + (file.length - FILE_HEADER) + " value bytes");
    }
    return Arrays.copyOfRange(file, FILE_HEADER, file.length);
  }

  private StoredValue.Damaged damaged(OverflowPointer p, String what) {
    String file = TableStore.OVERFLOW_DIR + "/" + p.fileName();
    return new StoredValue.Damaged(file, null, "Table store " + where + ": overflow file " + file + " " + what);
  }

  /** Values on the heap; arrays are copied in and out, so callers never share them. */
  private static final class OnHeap extends OverflowStore {
    private final Map<Long, byte[]> values = new ConcurrentHashMap<>();

    OnHeap(String where) {
      super(where);
    }

    @Override
    OverflowPointer write(byte[] value) {
      byte[] copy = value.clone();
      while (true) {
        long id = ThreadLocalRandom.current().nextLong();
        if (values.putIfAbsent(id, copy) == null) {
          return OverflowPointer.of(id, copy);
        }
      }
    }

    @Override
    byte[] read(OverflowPointer p) {
      byte[] v = values.get(p.id());
      return v == null ? null : check(p, v).clone();
    }

    @Override
    void delete(long id) {
      values.remove(id);
    }

    @Override
    Set<Long> ids() {
      return new HashSet<>(values.keySet());
    }

    @Override
    void sync() {}
  }

  /** One file per value, created exclusively and fsynced before its pointer is handed out. */
  private static final class OnDisk extends OverflowStore {
    private final Path folder;

    OnDisk(Path folder, String where) {
      super(where);
      this.folder = folder;
    }

    private Path path(long id) {
      return folder.resolve(OverflowPointer.fileName(id));
    }

    @Override
    OverflowPointer write(byte[] value) {
      try {
        Files.createDirectories(folder);
      } catch (IOException e) {
        throw StoreErrors.ioError("Cannot create overflow folder " + folder, e);
      }
      while (true) {
        long id = ThreadLocalRandom.current().nextLong();
        if (writeNew(path(id), value)) {
          return OverflowPointer.of(id, value);
        }
      }
    }

    /**
     * Writes and forces a new file; false when the name is taken (astronomically unlikely). The
     * bytes go through a stream and {@code FileDescriptor.sync}, not a channel, so an interrupt of
     * the writing thread does not abort the write.
     */
    private static boolean writeNew(Path f, byte[] value) {
      try {
        Files.createFile(f); // claims the name exclusively; creating is not interruptible
      } catch (FileAlreadyExistsException e) {
        return false;
      } catch (IOException e) {
        throw StoreErrors.ioError("Cannot write overflow value " + f, e);
      }
      try {
        AtomicFiles.writeAndSync(f, frame(value));
        return true;
      } catch (IOException e) {
        try {
          Files.deleteIfExists(f);
        } catch (IOException ignored) {
          // an orphan, deleted by the next recovery
        }
        throw StoreErrors.ioError("Cannot write overflow value " + f, e);
      }
    }

    @Override
    byte[] read(OverflowPointer p) {
      Path f = path(p.id());
      try {
        return check(p, unframe(p, AtomicFiles.readAll(f))); // a stream: not aborted by an interrupt
      } catch (NoSuchFileException e) {
        return null;
      } catch (IOException e) {
        throw StoreErrors.ioError("Cannot read overflow value " + f, e);
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
    void drop() {
      deleteAll();
      try {
        Files.deleteIfExists(folder);
      } catch (IOException e) {
        LOG.debug("Overflow folder of {} not deleted: {}", folder.getParent(), e.toString());
      }
    }

    @Override
    Set<Long> ids() {
      Set<Long> ids = new HashSet<>();
      if (!Files.isDirectory(folder)) {
        return ids;
      }
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(folder, "*" + OverflowPointer.FILE_SUFFIX)) {
        for (Path p : ds) {
          String n = p.getFileName().toString();
          try {
            ids.add(Long.parseUnsignedLong(n.substring(0, n.length() - OverflowPointer.FILE_SUFFIX.length()), 16));
          } catch (NumberFormatException ignored) {
            // not ours
          }
        }
      } catch (IOException e) {
        throw StoreErrors.ioError("Cannot list overflow folder " + folder, e);
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
}
