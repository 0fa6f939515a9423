package dev.marble.storage;

import java.util.ArrayList;
import java.util.List;
import net.openhft.chronicle.hash.Data;
import net.openhft.chronicle.map.MapSegmentContext;

/**
 * The pull cursor of {@link TableStore#cursor()}: walks the shards it pinned when it opened, one
 * Chronicle segment at a time, copying a segment's entries into a batch so no segment lock is
 * held between calls.
 *
 * <p>Invariants: every shard from {@code shardIndex} on is pinned by this cursor and released
 * exactly once, when the cursor passes it or closes. A pinned shard that a rebuild retires keeps
 * its map open, frozen, so an entry present for the cursor's whole life is returned exactly once;
 * one written or removed meanwhile may or may not be. Each batch takes the store's lifecycle
 * shared and checks it open, so a store closed under the cursor fails it with CLOSED. Overflow
 * values are read when returned: one replaced meanwhile yields the current value, one removed
 * meanwhile is skipped.
 *
 * <p>Damage: every value is verified (inline ones by their CRC32C when the segment is copied,
 * overflow ones when read). A damaged entry fails {@link #next()} with CORRUPTED ({@link
 * StoredValue.Damaged}, naming the file) when the cursor reaches it; the cursor stays usable and the
 * next call moves on past that entry, so a check can report every damaged entry of a store.
 */
final class StoreCursor implements TableStore.Cursor {
  private final List<Shard> shards; // pinned, released as the cursor passes them
  private final StoreLifecycle life;
  private final OverflowStore overflow;
  private final EntryAccess entries;
  private int shardIndex;
  private int segment;
  private final ArrayList<byte[]> keys = new ArrayList<>();
  private final ArrayList<Object> values = new ArrayList<>(); // byte[], OverflowPointer or StorageException
  private int pos;
  private byte[] key;
  private byte[] value;
  private boolean done;
  /** Keys only: values are neither copied nor verified, {@link #value()} is {@link #NO_VALUE}. */
  private final boolean keysOnly;

  static final byte[] NO_VALUE = new byte[0];

  /** A cursor over {@code pinned}, which it releases. */
  StoreCursor(List<Shard> pinned, StoreLifecycle life, OverflowStore overflow, EntryAccess entries,
      boolean keysOnly) {
    this.shards = pinned;
    this.life = life;
    this.overflow = overflow;
    this.entries = entries;
    this.keysOnly = keysOnly;
  }

  @Override
  public boolean next() {
    while (!done) {
      if (pos < keys.size()) {
        if (take()) {
          return true;
        }
      } else if (!loadBatch()) {
        close();
      }
    }
    return false;
  }

  /**
   * Makes the batch's next entry current; false when it was removed meanwhile.
   *
   * @throws StorageException CORRUPTED for a damaged entry (then passed: the next call goes on)
   */
  private boolean take() {
    byte[] k = keys.get(pos);
    Object v = values.get(pos);
    keys.set(pos, null); // let the batch's arrays go as the caller consumes them
    values.set(pos, null);
    pos++;
    key = null;
    value = null;
    if (v instanceof StorageException damaged) {
      throw damaged;
    }
    if (v instanceof OverflowPointer p) {
      v = resolve(k, p);
      if (v == null) {
        return false;
      }
    }
    key = k;
    value = (byte[]) v;
    return true;
  }

  private byte[] resolve(byte[] k, OverflowPointer p) {
    life.shared().lock();
    try {
      life.checkOpen();
      byte[] v = overflow.read(p);
      return v != null ? v : entries.get(k, ShardDirectory.hash(k)); // replaced meanwhile: the current value
    } finally {
      life.shared().unlock();
    }
  }

  /** Loads the next non-empty segment; false at the end. */
  private boolean loadBatch() {
    keys.clear();
    values.clear();
    pos = 0;
    life.shared().lock();
    try {
      life.checkOpen();
      while (shardIndex < shards.size()) {
        Shard s = shards.get(shardIndex);
        if (segment < s.map.segments()) {
          loadSegment(s, segment++);
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
      life.shared().unlock();
    }
  }

  private void loadSegment(Shard s, int index) {
    try (MapSegmentContext<byte[], byte[], ?> c = s.map.segmentContext(index)) {
      c.forEachSegmentEntry(e -> {
        byte[] k = StoredValue.copy(e.key());
        keys.add(k);
        values.add(keysOnly ? NO_VALUE : decode(k, e.value(), s));
      });
    } catch (IllegalStateException e) {
      throw life.translate(e);
    }
  }

  /** The value, or the CORRUPTED failure that {@link #take} raises when the cursor gets there. */
  private static Object decode(byte[] k, Data<byte[]> v, Shard s) {
    try {
      return StoredValue.decode(k, v, s);
    } catch (StorageException e) {
      return e;
    }
  }

  @Override
  public byte[] key() {
    checkCurrent();
    return key;
  }

  @Override
  public byte[] value() {
    checkCurrent();
    return value;
  }

  private void checkCurrent() {
    if (key == null) {
      throw new IllegalStateException("no current entry: call next() first");
    }
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
