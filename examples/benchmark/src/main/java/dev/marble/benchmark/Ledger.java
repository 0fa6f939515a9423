package dev.marble.benchmark;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The writes the database acknowledged to the clients: an entry is added only after the commit
 * (or the auto-committed statement) returned, so every entry must be visible afterwards. One per
 * client thread, merged at the end.
 */
final class Ledger {
  /** Inserted id to the checksum of the body sent. */
  final Map<Long, Long> inserts = new HashMap<>();
  /** Updated id to the versions its committed updates read back, one per acknowledged update. */
  final Map<Long, List<Integer>> updates = new HashMap<>();

  void inserted(long id, long checksum) {
    inserts.put(id, checksum);
  }

  void updated(long id, int version) {
    updates.computeIfAbsent(id, k -> new ArrayList<>()).add(version);
  }

  void addAll(Ledger other) {
    inserts.putAll(other.inserts);
    other.updates.forEach((id, versions) -> updates.computeIfAbsent(id, k -> new ArrayList<>()).addAll(versions));
  }

  long updateCount() {
    return updates.values().stream().mapToLong(List::size).sum();
  }

  static long checksum(String body) {
    CRC32 crc = new CRC32();
    crc.update(body.getBytes(StandardCharsets.UTF_8));
    return crc.getValue();
  }
}
