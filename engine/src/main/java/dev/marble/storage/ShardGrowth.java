package dev.marble.storage;

import dev.marble.storage.TableStore.StoreOptions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import net.openhft.chronicle.map.ExternalMapQueryContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds full shards: into one bigger shard (4x while small, 2x once large) while a shard holds few entries relative to
 * {@code maxShardEntries}, beyond that split in two by the next hash bit. Either way only that
 * shard is copied, with key and value sizes re-estimated from its data.
 *
 * <p>A rebuild holds the store's {@code growLock} and the shard's gate exclusively, so writers of
 * that shard wait while readers and everyone else carry on. Order, which crash safety rests on:
 * copy into new shard files, force them, atomically replace the directory file, publish the new
 * directory, and only then retire the old shard (its file goes once no reader pins it). A crash
 * before the directory file is replaced leaves unnamed new files, which the next open deletes.
 *
 * <p>Danger: ask for growth holding no shard gate. A rebuild takes {@code growLock}, then the
 * shard's gate exclusively: a caller holding a gate shared would deadlock against itself or
 * against another rebuild waiting for that gate.
 */
final class ShardGrowth {
  /** Under TableStore's name, as before it was split, so log configuration keeps applying. */
  private static final Logger LOG = LoggerFactory.getLogger(TableStore.class);

  /** A shard holding more than this grows by doubling, a smaller one by quadrupling. */
  private static final long LARGE_SHARD_BYTES = 256L << 20;

  private final ShardSet shards;
  private final OverflowStore overflow;
  private final StoreLifecycle life;
  private final StoreOptions options;
  private final AtomicLong splits = new AtomicLong();
  private final AtomicLong rebuilds = new AtomicLong();
  private final AtomicLong tierGrowths = new AtomicLong();
  private volatile Consumer<String> testHook;

  ShardGrowth(ShardSet shards, OverflowStore overflow, StoreLifecycle life) {
    this.shards = shards;
    this.overflow = overflow;
    this.life = life;
    this.options = shards.options();
  }

  /** How a shard is rebuilt: into one or two shards of {@code capacity} entries of these sizes. */
  private record Plan(long entries, boolean split, long capacity, int avgKey, int avgValue) {
    /** After the copy ran out of segment tiers: more entries, bigger values. */
    Plan roomier() {
      return new Plan(entries, split, capacity * 2, avgKey, avgValue + avgValue / 2);
    }
  }

  /** Thrown inside a copy whose new shards ran out of segment tiers; never escapes. */
  private static final class TierExhaustedDuringCopy extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TierExhaustedDuringCopy() {
      super(null, null, false, false);
    }
  }

  // ---------------------------------------------------------------------------------- triggers

  /** After an insert into {@code s}: rebuilds it when full. A failure is logged, not thrown. */
  void afterInsert(Shard s) {
    if (!s.wantsGrowth()) {
      return;
    }
    try {
      grow(s, false);
    } catch (RuntimeException e) {
      // the row is stored; retry once the shard has taken some more entries
      s.growRetryAt = s.count.get() + Math.max(16, s.capacity / 16);
      LOG.warn("Table store {}: growing shard {} failed, will retry: {}", shards.where(), s.id, e.toString());
    }
  }

  /** After Chronicle refused {@code s} another segment tier: rebuilds it, sized up. */
  void afterTierExhausted(Shard s) {
    tierGrowths.incrementAndGet();
    grow(s, true);
  }

  /** Called with the lifecycle held shared and no shard gate held. */
  private void grow(Shard s, boolean tierExhausted) {
    synchronized (shards.growLock) {
      if (s.retired || life.isClosed()) {
        return;
      }
      s.gate.writeLock().lock();
      try {
        if (s.retired || (!tierExhausted && s.count.get() < s.capacity)) {
          return; // another writer's rebuild got there first
        }
        rebuild(s, tierExhausted);
      } finally {
        s.gate.writeLock().unlock();
      }
    }
  }

  // ----------------------------------------------------------------------------------- rebuild

  /** Plans, copies and commits the rebuild of {@code s}; holds growLock and s's write gate. */
  private void rebuild(Shard s, boolean tierExhausted) {
    long t0 = System.nanoTime();
    Plan plan = plan(s, tierExhausted);
    List<OverflowPointer> converted = new ArrayList<>();
    List<Shard> built = null;
    for (int attempt = 0; built == null; attempt++) {
      try {
        built = copyInto(s, plan, converted);
      } catch (TierExhaustedDuringCopy e) {
        if (attempt >= 4) {
          throw new StorageException(StorageException.Code.TOO_LARGE, "Table store " + shards.where()
              + ": cannot rebuild shard " + s.id + " (" + plan.entries() + " entries)");
        }
        plan = plan.roomier();
      }
    }
    commit(s, plan, built, converted);
    log(s, plan, built.size(), (System.nanoTime() - t0) / 1_000_000);
  }

  /** Sizes the new shard(s) from what {@code s} actually holds. */
  private Plan plan(Shard s, boolean tierExhausted) {
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
    long want;
    if (tierExhausted) {
      boolean misjudged = avgValue > s.avgValue * 1.05 || avgKey > s.avgKey * 1.05;
      want = Math.max(misjudged ? s.capacity : s.capacity * 2, n * 2);
      avgValue = Math.max(avgValue, s.avgValue); // never shrink the estimate after running out
    } else if (s.capacity * (avgKey + (long) avgValue) < LARGE_SHARD_BYTES) {
      want = Math.max(s.capacity * 4, n * 2); // small: few copies matter more than idle room
    } else {
      // Large: Chronicle allocates a shard's whole capacity on disk, so doubling (half full to
      // full) beats quadrupling, which left 1.9 bytes on disk per payload byte.
      want = Math.max(s.capacity * 2, n + n / 2);
    }
    long max = options.maxShardEntries();
    if (want <= max || s.depth >= ShardDirectory.MAX_DEPTH) {
      return new Plan(n, false, want, avgKey, avgValue);
    }
    if (s.capacity < max && max >= n * 2) {
      return new Plan(n, false, max, avgKey, avgValue);
    }
    // Each half takes about n/2 entries; room for half as many again keeps it two-thirds full
    // (a half built for max entries would be half empty on disk, Chronicle allocates it all).
    return new Plan(n, true, Math.max(16, n / 2 + n / 4), avgKey, avgValue);
  }

  /**
   * Copies every entry of {@code s} into one new shard, or two by the next hash bit. An inline
   * value too large for a new shard's tier moves to overflow storage; its pointer is added to
   * {@code converted}. On failure deletes what it built and converted.
   */
  private List<Shard> copyInto(Shard s, Plan plan, List<OverflowPointer> converted) {
    List<Shard> built = new ArrayList<>(2);
    try {
      if (plan.split()) {
        built.add(shards.newShard(s.depth + 1, s.bits, plan.capacity(), plan.avgKey(), plan.avgValue()));
        built.add(shards.newShard(s.depth + 1, s.bits | (1L << s.depth), plan.capacity(), plan.avgKey(), plan.avgValue()));
      } else {
        built.add(shards.newShard(s.depth, s.bits, plan.capacity(), plan.avgKey(), plan.avgValue()));
      }
      s.map.forEachEntry(e -> {
        byte[] key = StoredValue.copy(e.key());
        byte[] stored = StoredValue.copy(e.value());
        Shard target = plan.split() ? built.get((int) ((ShardDirectory.hash(key) >>> s.depth) & 1)) : built.get(0);
        copyEntry(target, key, stored, converted, s);
      });
      return built;
    } catch (RuntimeException e) {
      discard(built, converted);
      if (e instanceof IllegalStateException ise) {
        if (StoreErrors.isTierExhausted(ise)) {
          throw new TierExhaustedDuringCopy();
        }
        throw life.translate(ise);
      }
      throw e;
    }
  }

  /**
   * Copies one entry into the new shard; an inline value too large for it moves to overflow
   * storage. {@code inlineValue} verifies the checksum, so a damaged value is not re-stored under
   * a fresh one.
   */
  private void copyEntry(Shard target, byte[] key, byte[] stored, List<OverflowPointer> converted, Shard source) {
    try {
      insertCopy(target, key, stored);
    } catch (IllegalArgumentException ex) {
      byte[] value = StoreErrors.isEntryTooLarge(ex) ? StoredValue.inlineValue(key, stored, source) : null;
      if (value == null) {
        throw ex;
      }
      OverflowPointer p = overflow.write(value);
      converted.add(p);
      insertCopy(target, key, p.encode());
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

  /**
   * Makes the new shards durable and current, then retires {@code s}. Until the directory file is
   * replaced a failure leaves the store as it was: the new shards and converted values are deleted.
   */
  private void commit(Shard s, Plan plan, List<Shard> built, List<OverflowPointer> converted) {
    try {
      hook("copied");
      for (Shard c : built) {
        c.force();
      }
      ShardDirectory old = shards.current();
      List<Shard> list = new ArrayList<>(old.shards);
      list.remove(s);
      list.addAll(built);
      int depth = Math.max(old.globalDepth, plan.split() ? s.depth + 1 : s.depth);
      shards.publish(ShardDirectory.of(depth, list));
    } catch (IOException | RuntimeException e) {
      discard(built, converted);
      if (e instanceof IOException io) {
        throw StoreErrors.ioError("Cannot sync new shards of " + shards.where(), io);
      }
      throw (RuntimeException) e;
    }
    hook("committed");
    s.retire();
    (plan.split() ? splits : rebuilds).incrementAndGet();
  }

  /** Deletes the shards and overflow values of a rebuild that will not be committed. */
  private void discard(List<Shard> built, List<OverflowPointer> converted) {
    for (Shard c : built) {
      c.dispose(true);
    }
    for (OverflowPointer p : converted) {
      overflow.delete(p.id());
    }
    converted.clear();
  }

  private void log(Shard s, Plan plan, int built, long ms) {
    String what = plan.split() ? "split" : "rebuilt";
    if (ms >= 1000) {
      LOG.info("Table store {}: {} shard {} ({} entries) into {} shard(s) of {} entries in {} ms",
          shards.where(), what, s.id, plan.entries(), built, plan.capacity(), ms);
    } else if (LOG.isDebugEnabled()) {
      LOG.debug("Table store {}: {} shard {} ({} entries, key {} B, value {} B) into {} shard(s) of {} entries in {} ms",
          shards.where(), what, s.id, plan.entries(), plan.avgKey(), plan.avgValue(), built, plan.capacity(), ms);
    }
  }

  // ------------------------------------------------------------------------ diagnostics (tests)

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

  /** Called with "copied" and "committed" during every rebuild. */
  void setTestHook(Consumer<String> hook) {
    this.testHook = hook;
  }

  private void hook(String event) {
    Consumer<String> h = testHook;
    if (h != null) {
      h.accept(event);
    }
  }
}
