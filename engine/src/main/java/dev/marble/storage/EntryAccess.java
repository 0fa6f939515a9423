package dev.marble.storage;

import net.openhft.chronicle.map.ExternalMapQueryContext;
import net.openhft.chronicle.map.MapEntry;

/**
 * Reads and writes single entries in the current shards. Every method runs with the store's
 * lifecycle held shared, the store checked open and the key checked and hashed.
 *
 * <p>Routing: a key's shard is the current directory's slot for its hash, but a rebuild may
 * retire that shard at any moment. So a reader pins it ({@link Shard#acquire}) and a writer holds
 * its gate shared and checks {@link Shard#retired}; whoever loses that race starts over from the
 * directory, which by then names the replacement. A writer lets go of the gate before asking for
 * growth ({@link ShardGrowth} takes it exclusively).
 *
 * <p>Overflow: a value above the threshold, or too large for the shard's segment tier, is written
 * to overflow storage before the entry that points to it, and a replaced or removed value is
 * deleted only after its entry stopped pointing to it. A reader whose pointer has no value any
 * more raced such a writer, and looks again.
 *
 * <p>Checksums: an inline value is stored with a CRC32C over its key and value ({@link
 * StoredValue}), verified by every read; an overflow value is verified by {@link OverflowStore}.
 * A mismatch fails CORRUPTED and names the file.
 */
final class EntryAccess {
  /** Tier rebuilds one write may ask for before giving up (each at least doubles the shard). */
  private static final int MAX_TIER_RETRIES = 8;
  /** Lookups of one key whose overflow value vanished before it is declared missing. */
  private static final int MAX_OVERFLOW_RETRIES = 3;

  private final ShardSet shards;
  private final OverflowStore overflow;
  private final ShardGrowth growth;
  private final StoreLifecycle life;
  private final int overflowThreshold;

  EntryAccess(ShardSet shards, OverflowStore overflow, ShardGrowth growth, StoreLifecycle life) {
    this.shards = shards;
    this.overflow = overflow;
    this.growth = growth;
    this.life = life;
    this.overflowThreshold = shards.options().overflowThreshold();
  }

  /** How one write attempt ended. */
  private enum Attempt { DONE, RETRY, TIER_EXHAUSTED }

  /** What a write or remove found. */
  private static final class Outcome {
    boolean existed;
    /** The overflow value the entry pointed to before, now to be deleted. */
    OverflowPointer old;
  }

  // ------------------------------------------------------------------------------------ reads

  /** The value under {@code key} (hash {@code h}), or null. */
  byte[] get(byte[] key, long h) {
    for (int attempt = 0; ; attempt++) {
      Object found = lookup(key, h);
      if (!(found instanceof OverflowPointer p)) {
        return (byte[]) found;
      }
      byte[] v = overflow.read(p);
      if (v != null) {
        return v;
      }
      if (attempt >= MAX_OVERFLOW_RETRIES) {
        throw new StorageException(StorageException.Code.CORRUPTED,
            "Table store " + shards.where() + ": overflow value " + p.fileName() + " is missing");
      }
      // replaced or removed by a concurrent writer after we read its pointer: look again
    }
  }

  boolean containsKey(byte[] key, long h) {
    Shard s = pin(h);
    try {
      return s.map.containsKey(key);
    } finally {
      s.release();
    }
  }

  /** The inline value (byte[]), an overflow pointer, or null. */
  private Object lookup(byte[] key, long h) {
    Shard s = pin(h);
    try (ExternalMapQueryContext<byte[], byte[], ?> c = s.map.queryContext(key)) {
      MapEntry<byte[], byte[]> e = c.entry();
      return e == null ? null : StoredValue.decode(key, e.value(), s);
    } finally {
      s.release();
    }
  }

  /** The shard for hash {@code h}, acquired (release it). */
  private Shard pin(long h) {
    while (true) {
      Shard s = shards.current().shardFor(h);
      if (s.acquire()) {
        return s;
      }
      // retired meanwhile: the new directory is already published
    }
  }

  // ----------------------------------------------------------------------------------- writes

  /** Stores {@code value} under {@code key}; with {@code onlyIfAbsent}, only when absent. */
  boolean write(byte[] key, long h, byte[] value, boolean onlyIfAbsent) {
    PendingValue v = new PendingValue(key, value);
    try {
      int tierRetries = 0;
      while (true) {
        Shard s = shards.current().shardFor(h);
        Outcome out = new Outcome();
        Attempt a = tryWrite(s, key, v, onlyIfAbsent, out);
        if (a == Attempt.TIER_EXHAUSTED) {
          if (++tierRetries > MAX_TIER_RETRIES) {
            throw new StorageException(StorageException.Code.TOO_LARGE, "Table store " + shards.where()
                + " cannot make room for a " + value.length + "-byte value");
          }
          growth.afterTierExhausted(s);
        } else if (a == Attempt.DONE) {
          return finish(s, v, out, onlyIfAbsent);
        }
      }
    } finally {
      v.deleteIfUnreferenced();
    }
  }

  /** One attempt to write into {@code s}, holding its gate shared. */
  private Attempt tryWrite(Shard s, byte[] key, PendingValue v, boolean onlyIfAbsent, Outcome out) {
    s.gate.readLock().lock();
    try {
      if (s.retired) {
        return Attempt.RETRY;
      }
      writeEntry(s, key, v.stored, onlyIfAbsent, out);
      return Attempt.DONE;
    } catch (IllegalArgumentException e) {
      if (!StoreErrors.isEntryTooLarge(e)) {
        throw e;
      }
      if (v.inOverflow()) {
        throw new StorageException(StorageException.Code.TOO_LARGE, "Table store " + shards.where()
            + ": a key of " + key.length + " bytes is too large", e);
      }
      v.moveToOverflow(); // too large for this shard's segment tier: keep it in overflow storage instead
      return Attempt.RETRY;
    } catch (IllegalStateException e) {
      if (!StoreErrors.isTierExhausted(e)) {
        throw life.translate(e);
      }
      return Attempt.TIER_EXHAUSTED;
    } finally {
      s.gate.readLock().unlock();
    }
  }

  private static void writeEntry(Shard s, byte[] key, byte[] stored, boolean onlyIfAbsent, Outcome out) {
    try (ExternalMapQueryContext<byte[], byte[], ?> c = s.map.queryContext(key)) {
      c.updateLock().lock();
      MapEntry<byte[], byte[]> e = c.entry();
      if (e != null) {
        out.existed = true;
        if (onlyIfAbsent) {
          return;
        }
        out.old = StoredValue.pointerOf(e.value());
        c.replaceValue(e, c.wrapValueAsData(stored));
      } else {
        c.insert(c.absentEntry(), c.wrapValueAsData(stored));
        s.count.incrementAndGet();
      }
    }
  }

  /** After a write into {@code s} went through: frees what it replaced, grows a full shard. */
  private boolean finish(Shard s, PendingValue v, Outcome out, boolean onlyIfAbsent) {
    if (out.existed && onlyIfAbsent) {
      return false;
    }
    v.referenced();
    if (out.old != null) {
      overflow.delete(out.old.id());
    }
    if (!out.existed) {
      growth.afterInsert(s);
    }
    return true;
  }

  /** Removes {@code key} (hash {@code h}); true when it was present. */
  boolean remove(byte[] key, long h) {
    while (true) {
      Shard s = shards.current().shardFor(h);
      Outcome out = new Outcome();
      s.gate.readLock().lock();
      try {
        if (s.retired) {
          continue;
        }
        removeEntry(s, key, out);
      } finally {
        s.gate.readLock().unlock();
      }
      if (out.old != null) {
        overflow.delete(out.old.id());
      }
      return out.existed;
    }
  }

  private static void removeEntry(Shard s, byte[] key, Outcome out) {
    try (ExternalMapQueryContext<byte[], byte[], ?> c = s.map.queryContext(key)) {
      c.updateLock().lock();
      MapEntry<byte[], byte[]> e = c.entry();
      if (e == null) {
        return;
      }
      out.existed = true;
      out.old = StoredValue.pointerOf(e.value());
      c.remove(e);
    }
    s.count.decrementAndGet();
  }

  /**
   * The bytes a write stores in the map, and the overflow value it wrote that no entry points to
   * yet. Invariant: {@code unreferenced} is deleted unless an entry came to point to it.
   */
  private final class PendingValue {
    private final byte[] value;
    byte[] stored;
    private OverflowPointer unreferenced;

    PendingValue(byte[] key, byte[] value) {
      this.value = value;
      if (value.length > overflowThreshold) {
        moveToOverflow();
      } else {
        stored = StoredValue.inline(key, value); // with its checksum
      }
    }

    boolean inOverflow() {
      return unreferenced != null;
    }

    void moveToOverflow() {
      unreferenced = overflow.write(value);
      stored = unreferenced.encode();
    }

    /** An entry points to the value now: it must outlive this write. */
    void referenced() {
      unreferenced = null;
    }

    void deleteIfUnreferenced() {
      if (unreferenced != null) {
        overflow.delete(unreferenced.id());
      }
    }
  }
}
