package dev.marble.benchmark;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks, on a database reopened after the clients finished, that every acknowledged write is
 * there: each preloaded row, each acknowledged insert with the body it was sent (by checksum), and
 * each acknowledged update. Updates add one to the version, so the versions that a row's committed
 * updates read back must all differ (two equal ones: one update overwrote the other) and the
 * visible version must be at least the highest of them. A visible version above the number of
 * acknowledged updates means a transaction committed although its client saw an error; that is
 * counted, not a loss.
 */
final class LoadVerifier {
  /** What the check found; {@code lost} names each acknowledged write that is missing or wrong. */
  record Outcome(long rowsSeen, long insertsAcked, long updatesAcked, List<String> lost, long unacknowledged) {}

  private LoadVerifier() {}

  static Outcome check(Connection c, Ledger ledger, long preloaded) throws SQLException {
    Map<Long, Integer> versions = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT id, version FROM docs")) {
      ps.setFetchSize(5_000);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          versions.put(rs.getLong(1), rs.getInt(2));
        }
      }
    }
    List<String> lost = new ArrayList<>();
    long unacknowledged = 0;
    for (long id = 1; id <= preloaded; id++) {
      Integer visible = versions.get(id);
      if (visible == null) {
        lost.add("preloaded id " + id + " is missing");
      } else if (!ledger.updates.containsKey(id)) {
        unacknowledged += visible;
      }
    }
    checkInserts(c, ledger, preloaded, lost);
    for (Map.Entry<Long, List<Integer>> e : ledger.updates.entrySet()) {
      List<Integer> acked = e.getValue().stream().sorted().toList();
      int visible = versions.getOrDefault(e.getKey(), -1);
      for (int i = 1; i < acked.size(); i++) {
        if (acked.get(i).equals(acked.get(i - 1))) {
          lost.add("id " + e.getKey() + ": two acknowledged updates both read back version " + acked.get(i));
        }
      }
      if (visible < acked.get(acked.size() - 1)) {
        lost.add("id " + e.getKey() + ": version " + visible + " visible, an update acknowledged version "
            + acked.get(acked.size() - 1));
      } else if (visible > acked.size()) {
        unacknowledged += visible - acked.size();
      }
    }
    return new Outcome(versions.size(), ledger.inserts.size(), ledger.updateCount(), lost, unacknowledged);
  }

  private static void checkInserts(Connection c, Ledger ledger, long preloaded, List<String> lost)
      throws SQLException {
    Map<Long, Long> found = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT id, body FROM docs WHERE id > ?")) {
      ps.setLong(1, preloaded);
      ps.setFetchSize(500);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          found.put(rs.getLong(1), Ledger.checksum(rs.getString(2)));
        }
      }
    }
    ledger.inserts.forEach((id, checksum) -> {
      Long actual = found.get(id);
      if (actual == null) {
        lost.add("inserted id " + id + " is missing");
      } else if (!actual.equals(checksum)) {
        lost.add("inserted id " + id + " has another body than the one sent");
      }
    });
  }
}
