package dev.marble.storage;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which shard owns which key (extendible hashing): {@code 2^globalDepth} slots, indexed by the low
 * bits of {@link #hash}, each naming a shard; a shard of local depth {@code d} owns every slot
 * whose low {@code d} bits equal its {@code bits}. Also the format of the directory file
 * ({@value TableStore#DIRECTORY_FILE}) that persists it, and the cleanup of shard files it does not
 * name.
 *
 * <p>Invariants: a directory is immutable (a rebuild publishes a new one, so a reader uses
 * whichever it read), and {@link #of} builds one only when every slot names exactly one shard
 * and every shard fills exactly its slots.
 *
 * <p>The file holds magic, format and hash versions, the next shard id, the global depth, then
 * each shard's {@link ShardSpec}, then a CRC32 of all that. It is replaced atomically, so after a
 * crash it names either the old or the new shards; shard files it does not name are left-overs of
 * an interrupted rebuild, deleted on open.
 */
final class ShardDirectory {
  /** Under TableStore's name, as before it was split, so log configuration keeps applying. */
  private static final Logger LOG = LoggerFactory.getLogger(TableStore.class);
  /** Deepest split: the directory then has 2^20 slots (a few MB). Beyond it shards only grow. */
  static final int MAX_DEPTH = 20;
  private static final byte[] MAGIC = {'M', 'R', 'B', 'L', 'S', 'H', 'R', 'D'};
  private static final int FORMAT_VERSION = 1;
  /** Version of {@link #hash}: the shard layout depends on it, so it must never change silently. */
  private static final int HASH_VERSION = 1;
  private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  final int globalDepth;
  /** Distinct shards, each once. */
  final List<Shard> shards;
  private final Shard[] slots;

  private ShardDirectory(int globalDepth, Shard[] slots, List<Shard> shards) {
    this.globalDepth = globalDepth;
    this.slots = slots;
    this.shards = shards;
  }

  /** The directory of {@code shards} at {@code globalDepth}, or null when they do not tile it. */
  static ShardDirectory of(int globalDepth, List<Shard> shards) {
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
    return new ShardDirectory(globalDepth, slots, List.copyOf(shards));
  }

  Shard shardFor(long hash) {
    return slots[(int) (hash & (slots.length - 1))];
  }

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

  // --------------------------------------------------------------------------------- the file

  /** What a directory file says: enough to reopen every shard and rebuild the slots. */
  record Contents(long nextShardId, int globalDepth, List<ShardSpec> shards) {}

  /** The directory file's bytes; {@code nextShardId} keeps shard ids unique across restarts. */
  byte[] encode(long nextShardId) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.write(MAGIC);
      out.writeInt(FORMAT_VERSION);
      out.writeInt(HASH_VERSION);
      out.writeLong(nextShardId);
      out.writeInt(globalDepth);
      out.writeInt(shards.size());
      for (Shard s : shards) {
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
    return bytes.toByteArray();
  }

  /**
   * Parses the content of directory file {@code file}.
   *
   * @throws StorageException CORRUPTED when damaged, UNSUPPORTED_FORMAT when written by a newer
   *     format or hash
   */
  static Contents decode(byte[] content, Path file) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(content))) {
      byte[] magic = new byte[MAGIC.length];
      in.readFully(magic);
      if (!Arrays.equals(magic, MAGIC)) {
        throw corrupted(file, "not a shard directory");
      }
      checkVersions(in.readInt(), in.readInt(), file);
      checkCrc(content, file);
      long nextShardId = in.readLong();
      int globalDepth = in.readInt();
      int count = in.readInt();
      if (globalDepth < 0 || globalDepth > MAX_DEPTH || count < 1 || count > (1 << globalDepth)) {
        throw corrupted(file, "depth " + globalDepth + " with " + count + " shards");
      }
      List<ShardSpec> specs = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        specs.add(new ShardSpec(in.readLong(), in.readInt(), in.readLong(), in.readLong(), in.readInt(), in.readInt()));
      }
      return new Contents(nextShardId, globalDepth, specs);
    } catch (IOException e) {
      throw corrupted(file, "truncated");
    }
  }

  private static void checkVersions(int format, int hashVersion, Path file) {
    if (format != FORMAT_VERSION || hashVersion != HASH_VERSION) {
      throw new StorageException(StorageException.Code.UNSUPPORTED_FORMAT, "Shard directory " + file
          + " has format " + format + "/" + hashVersion + "; this Marble reads " + FORMAT_VERSION + "/" + HASH_VERSION);
    }
  }

  private static void checkCrc(byte[] content, Path file) {
    if (content.length < 4) {
      throw corrupted(file, "too short");
    }
    CRC32 crc = new CRC32();
    crc.update(content, 0, content.length - 4);
    int stored = ByteBuffer.wrap(content, content.length - 4, 4).getInt();
    if (stored != (int) crc.getValue()) {
      throw corrupted(file, "checksum mismatch");
    }
  }

  static StorageException corrupted(Path file, String message) {
    return new StorageException(StorageException.Code.CORRUPTED, "Shard directory " + file + " is damaged: " + message);
  }

  /** Deletes the shard files in {@code dir} whose names are not in {@code named}. */
  static void deleteShardFilesExcept(Path dir, Set<String> named) {
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, TableStore.SHARD_PREFIX + "*" + TableStore.SHARD_SUFFIX)) {
      for (Path p : ds) {
        if (!named.contains(p.getFileName().toString())) {
          LOG.info("Table store {}: deleting {} (left by an interrupted rebuild)", dir, p.getFileName());
          Files.deleteIfExists(p);
        }
      }
    } catch (IOException e) {
      throw StoreErrors.ioError("Cannot clean table store " + dir, e);
    }
  }

  /** Deletes every shard file and the directory file (with its temporary) in {@code dir}. */
  static void deleteFiles(Path dir) {
    deleteShardFilesExcept(dir, Set.of());
    Path file = dir.resolve(TableStore.DIRECTORY_FILE);
    try {
      Files.deleteIfExists(file);
      Files.deleteIfExists(file.resolveSibling(file.getFileName() + ".tmp")); // AtomicFiles' temporary
    } catch (IOException e) {
      throw StoreErrors.ioError("Cannot delete " + file, e);
    }
  }
}
