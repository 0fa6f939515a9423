package dev.marble.benchmark;

import java.sql.SQLException;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one client thread (or, merged, one mode) did: latencies per operation kind inside the
 * measured window, retried conflicts, errors by SQLState with one message each, and the
 * acknowledged writes.
 */
final class Tally {
  final Map<LoadKind, Latencies> latencies = new EnumMap<>(LoadKind.class);
  final Map<String, Long> errors = new TreeMap<>();
  final Map<String, String> errorSamples = new TreeMap<>();
  final Ledger ledger = new Ledger();
  long retries;

  Tally() {
    for (LoadKind k : LoadKind.values()) {
      latencies.put(k, new Latencies());
    }
  }

  void error(String state, String message) {
    errors.merge(state, 1L, Long::sum);
    errorSamples.putIfAbsent(state, message);
  }

  void error(SQLException e) {
    error(e.getSQLState() == null ? "(no SQLState)" : e.getSQLState(), e.toString());
  }

  long errorCount() {
    return errors.values().stream().mapToLong(Long::longValue).sum();
  }

  void addAll(Tally other) {
    other.latencies.forEach((k, l) -> latencies.get(k).addAll(l));
    other.errors.forEach((s, n) -> errors.merge(s, n, Long::sum));
    other.errorSamples.forEach(errorSamples::putIfAbsent);
    ledger.addAll(other.ledger);
    retries += other.retries;
  }

  /** Every kind together. */
  Latencies overall() {
    Latencies all = new Latencies();
    latencies.values().forEach(all::addAll);
    return all;
  }
}
