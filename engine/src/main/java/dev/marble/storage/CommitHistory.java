package dev.marble.storage;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Which commit last wrote each row and each table, for as long as a REPEATABLE READ or
 * SERIALIZABLE transaction is open: their conflict checks ask whether a commit after their start
 * wrote something (first committer wins; SERIALIZABLE read validation). Entries no open
 * transaction can need are dropped, so this stays empty when nobody uses those levels.
 */
final class CommitHistory {
  /** Start numbers of the open snapshot transactions, with counts. */
  private final ConcurrentSkipListMap<Long, Integer> open = new ConcurrentSkipListMap<>();
  private final Map<Long, Map<ByteKey, Long>> rows = new ConcurrentHashMap<>();
  private final Map<Long, Long> tables = new ConcurrentHashMap<>();

  void started(long snapshot) {
    open.merge(snapshot, 1, Integer::sum);
  }

  void finished(long snapshot) {
    open.computeIfPresent(snapshot, (k, n) -> n == 1 ? null : n - 1);
    if (open.isEmpty()) {
      rows.clear();
      tables.clear();
    }
  }

  /** Records what commit {@code csn} wrote (row keys per table id). Commit lock held. */
  void committed(long csn, Map<Long, Set<ByteKey>> written) {
    if (open.isEmpty()) {
      return;
    }
    written.forEach((table, keys) -> {
      Map<ByteKey, Long> last = rows.computeIfAbsent(table, t -> new ConcurrentHashMap<>());
      keys.forEach(k -> last.put(k, csn));
      tables.put(table, csn);
    });
    if ((csn & 0x3FF) == 0) {
      long oldest = open.firstKey();
      rows.values().forEach(m -> m.values().removeIf(s -> s <= oldest));
    }
  }

  /** Whether a commit after {@code snapshot} wrote the row. */
  boolean rowChangedSince(long table, byte[] key, long snapshot) {
    Map<ByteKey, Long> last = rows.get(table);
    Long csn = last == null ? null : last.get(new ByteKey(key));
    return csn != null && csn > snapshot;
  }

  /** Whether a commit after {@code snapshot} wrote any row of the table. */
  boolean tableChangedSince(long table, long snapshot) {
    Long csn = tables.get(table);
    return csn != null && csn > snapshot;
  }
}
