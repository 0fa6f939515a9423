package dev.marble.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The tables of {@link ServerLoad}: per mode and operation kind the operations, rate and latency
 * percentiles, then remote / embedded ratios and the integrity check; as text for the console and
 * as docs/server-load.md, both from the same rows.
 */
final class LoadReport {
  /** One mode's numbers and its verification. */
  record Mode(String name, LoadRun.Measured measured, LoadVerifier.Outcome verified) {
    Latencies of(LoadKind kind) {
      return measured.tally().latencies.get(kind);
    }

    double rate(Latencies l) {
      return l.count() / measured.seconds();
    }
  }

  private static final String[] HEAD = {"mode", "operation", "ops", "ops/s", "p50 ms", "p99 ms", "p99.9 ms"};

  private final LoadOptions options;
  private final List<Mode> modes;

  LoadReport(LoadOptions options, List<Mode> modes) {
    this.options = options;
    this.modes = modes;
  }

  /** Rows of the latency table: every kind, then all kinds together, per mode. */
  List<String[]> latencyRows() {
    List<String[]> rows = new ArrayList<>();
    for (Mode m : modes) {
      for (LoadKind k : LoadKind.values()) {
        rows.add(row(m, k.label, m.of(k)));
      }
      rows.add(row(m, "all", m.measured().tally().overall()));
    }
    return rows;
  }

  private static String[] row(Mode m, String label, Latencies l) {
    return new String[] {m.name(), label, String.format(Locale.ROOT, "%,d", l.count()),
        String.format(Locale.ROOT, "%,.0f", m.rate(l)), ms(l.percentileMillis(0.50)),
        ms(l.percentileMillis(0.99)), ms(l.percentileMillis(0.999))};
  }

  private static String ms(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, v < 1 ? "%.3f" : v < 10 ? "%.2f" : "%.1f", v);
  }

  /** Remote over embedded per kind: throughput and latencies (the first two modes, if both ran). */
  List<String[]> ratioRows() {
    List<String[]> rows = new ArrayList<>();
    if (modes.size() < 2) {
      return rows;
    }
    Mode a = modes.get(0);
    Mode b = modes.get(1);
    for (LoadKind k : LoadKind.values()) {
      rows.add(ratio(k.label, a, a.of(k), b, b.of(k)));
    }
    rows.add(ratio("all", a, a.measured().tally().overall(), b, b.measured().tally().overall()));
    return rows;
  }

  private static String[] ratio(String label, Mode a, Latencies la, Mode b, Latencies lb) {
    return new String[] {label, x(a.rate(la) / b.rate(lb)), x(la.percentileMillis(0.5) / lb.percentileMillis(0.5)),
        x(la.percentileMillis(0.99) / lb.percentileMillis(0.99)),
        x(la.percentileMillis(0.999) / lb.percentileMillis(0.999))};
  }

  private static String x(double r) {
    return Double.isNaN(r) || Double.isInfinite(r) ? "-" : String.format(Locale.ROOT, "%.2f×", r);
  }

  List<String[]> integrityRows() {
    List<String[]> rows = new ArrayList<>();
    for (Mode m : modes) {
      Tally t = m.measured().tally();
      LoadVerifier.Outcome v = m.verified();
      rows.add(new String[] {m.name(), String.format(Locale.ROOT, "%,d", v.insertsAcked()),
          String.format(Locale.ROOT, "%,d", v.updatesAcked()), String.format(Locale.ROOT, "%,d", v.rowsSeen()),
          String.valueOf(v.lost().size()), String.valueOf(v.unacknowledged()), errors(t.errors),
          String.valueOf(t.retries)});
    }
    return rows;
  }

  private static String errors(Map<String, Long> byState) {
    if (byState.isEmpty()) {
      return "0";
    }
    StringBuilder s = new StringBuilder();
    byState.forEach((state, n) -> s.append(s.length() == 0 ? "" : ", ").append(n).append(" × ").append(state));
    return s.toString();
  }

  private static final String[] RATIO_HEAD = {"operation", "ops/s", "p50", "p99", "p99.9"};
  private static final String[] INTEGRITY_HEAD = {"mode", "inserts acknowledged", "updates acknowledged",
      "rows after reopen", "lost writes", "committed unacknowledged", "errors by SQLState", "conflicts retried"};

  String text() {
    StringBuilder s = new StringBuilder();
    s.append(table(HEAD, latencyRows(), false)).append('\n');
    if (modes.size() > 1) {
      s.append(modes.get(0).name()).append(" / ").append(modes.get(1).name()).append('\n');
      s.append(table(RATIO_HEAD, ratioRows(), false)).append('\n');
    }
    s.append(table(INTEGRITY_HEAD, integrityRows(), false));
    for (Mode m : modes) {
      m.verified().lost().stream().limit(20).forEach(l -> s.append(m.name()).append(" LOST: ").append(l).append('\n'));
      m.measured().tally().errorSamples.forEach((state, msg) ->
          s.append(m.name()).append(" first ").append(state).append(": ").append(msg).append('\n'));
    }
    return s.toString();
  }

  String markdown(Map<String, String> machine, String when, String loadBefore, String loadAfter) {
    StringBuilder s = new StringBuilder();
    s.append("# Marble server under load\n\n");
    s.append(String.format(Locale.ROOT, "%d concurrent clients, %s s measured per mode after %s s of warm-up, "
        + "%,d preloaded documents, mix %s (point reads, range/index reads, inserts, update transactions), "
        + "`sync=%s`. "
        + "Run %s. Generated by `dev.marble.benchmark.ServerLoad`: every number below comes from that one run; "
        + "do not edit by hand.%n%n", options.clients(), Results.format(options.seconds()),
        Results.format(options.warmupSeconds()), options.rows(), options.mix(),
        options.sync().name().toLowerCase(Locale.ROOT), when));
    s.append("Repeat it (from the repository root; the profile builds the modules it needs):\n\n```sh\n")
        .append(options.command()).append("\n```\n\n");
    s.append("Flags (in `-Dbenchmark.args=\"...\"`): `--clients N` (32), `--seconds S` (60), `--warmup S` (5), "
        + "`--rows N` (20000), `--mix R,G,I,U` (70,10,15,5), `--sync full|normal|off` (full), `--dir PATH`, `--keep`, `--out DIR` (docs), "
        + "`--seed N`.\n\n");
    s.append("## Machine\n\n| | |\n|---|---|\n");
    machine.forEach((k, v) -> s.append("| ").append(k).append(" | ").append(v).append(" |\n"));
    s.append("| Load average (1, 5, 15 min) | ").append(loadBefore).append(" before, ").append(loadAfter)
        .append(" after |\n\n");
    s.append(LoadText.WORKLOAD).append("\n\n## Throughput and latency\n\n");
    s.append(table(HEAD, latencyRows(), true)).append('\n');
    if (modes.size() > 1) {
      s.append("## ").append(modes.get(0).name()).append(" / ").append(modes.get(1).name())
          .append("\n\nAbove 1× in ops/s: the first is faster; above 1× in a latency: the first is slower.\n\n");
      s.append(table(RATIO_HEAD, ratioRows(), true)).append('\n');
    }
    s.append("## Acknowledged writes and errors\n\n").append(LoadText.INTEGRITY).append("\n\n");
    s.append(table(INTEGRITY_HEAD, integrityRows(), true));
    return s.toString();
  }

  /** A table aligned with spaces (console) or in Markdown; text columns (mode, operation) left, numbers right. */
  static String table(String[] head, List<String[]> rows, boolean markdown) {
    int left = head == HEAD ? 2 : 1;
    int[] width = new int[head.length];
    List<String[]> all = new ArrayList<>();
    all.add(head);
    all.addAll(rows);
    for (String[] r : all) {
      for (int i = 0; i < r.length; i++) {
        width[i] = Math.max(width[i], r[i].length());
      }
    }
    StringBuilder s = new StringBuilder();
    for (int n = 0; n < all.size(); n++) {
      String[] r = all.get(n);
      for (int i = 0; i < r.length; i++) {
        String cell = pad(r[i], width[i], i >= left);
        s.append(markdown ? "| " + cell + " " : (i == 0 ? "" : "  ") + cell);
      }
      s.append(markdown ? "|\n" : "\n");
      if (markdown && n == 0) {
        for (int i = 0; i < r.length; i++) {
          s.append(i < left ? "|---" : "|---:");
        }
        s.append("|\n");
      }
    }
    return s.toString();
  }

  private static String pad(String s, int width, boolean right) {
    String fill = " ".repeat(Math.max(0, width - s.length()));
    return right ? fill + s : s + fill;
  }
}
