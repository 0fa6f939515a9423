package dev.marble.storage;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ordered sides of one database's indexes, by index id: opened with their hash stores, folded
 * at checkpoints once their deltas grow, and folded completely at close (which is what lets the
 * next clean open trust the files).
 */
final class OrderedIndexes {
  /** A delta smaller than this (and than an eighth of its run) waits for a later checkpoint. */
  private static final int FOLD_MIN = 65_536;

  private final Map<Long, OrderedIndex> byId = new ConcurrentHashMap<>();
  private final boolean trusted;

  /** @param trusted whether files on disk match the stores (the last close was clean) */
  OrderedIndexes(boolean trusted) {
    this.trusted = trusted;
  }

  OrderedIndex open(long id, Path dir, TableStore entries) {
    return byId.computeIfAbsent(id, k -> OrderedIndex.open(dir, entries, trusted));
  }

  /** At a checkpoint (commits paused): folds the deltas worth folding. */
  void foldLarge(long oldestSnapshot) {
    for (OrderedIndex index : byId.values()) {
      if (index.pending() > Math.max(FOLD_MIN, index.runSize() / 8)) {
        index.fold(oldestSnapshot);
      }
    }
  }

  /** Folds every delta (close, backup); {@code Long.MAX_VALUE} once no snapshot can be open. */
  void foldAll(long oldestSnapshot) {
    for (OrderedIndex index : byId.values()) {
      if (index.pending() > 0) {
        index.fold(oldestSnapshot);
      }
    }
  }

  void drop(long id) {
    byId.remove(id);
  }

  void clear() {
    byId.clear();
  }
}
