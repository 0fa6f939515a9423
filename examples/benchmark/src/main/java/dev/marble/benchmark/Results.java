package dev.marble.benchmark;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * The numbers of one database, printed the moment they are known so that a run that dies later still
 * leaves them on stdout. A measurement either has values or a failure message, never silently neither
 * (a measurement that was not run at all, e.g. the search with {@code --payload binary}, has neither and
 * the report says so).
 */
final class Results {
  /** A number; {@code partial} when the time budget ended the measurement before its planned count. */
  record Value(double number, boolean partial) {}

  final Database database;
  private final Map<Metric, Value> values = new EnumMap<>(Metric.class);
  private final Map<Measurement, String> failures = new EnumMap<>(Measurement.class);
  private final Map<Measurement, String> notes = new EnumMap<>(Measurement.class);
  private String version = "?";
  private String settings = "";

  Results(Database database) {
    this.database = database;
  }

  /** Three significant digits or so, thousands separated: enough for numbers this noisy. */
  static String format(double v) {
    double a = Math.abs(v);
    if (v == Math.rint(v) && a < 1e15) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    String f = a >= 100 ? "%,.0f" : a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : "%.3f";
    return String.format(Locale.ROOT, f, v);
  }

  void put(Metric metric, double number, boolean partial) {
    values.put(metric, new Value(number, partial));
    System.out.printf("  %-7s %-48s %12s%s%n", database.key, metric.measurement.label() + ", "
        + metric.unit, format(number), partial ? "  (time budget reached)" : "");
  }

  void fail(Measurement m, Throwable t) {
    String message = t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    message = message.replaceAll("\\s+", " ");
    if (message.length() > 300) {
      message = message.substring(0, 300) + "...";
    }
    failures.putIfAbsent(m, message);
    System.out.printf("  %-7s %s FAILED: %s%n", database.key, m.title, message);
  }

  /** Records {@code why} as the failure of a measurement that has neither numbers nor a failure. */
  void failIfEmpty(Measurement m, String why) {
    if (failures.containsKey(m) || Metric.of(m).stream().anyMatch(values::containsKey)) {
      return;
    }
    failures.put(m, why);
    System.out.printf("  %-7s %s: %s%n", database.key, m.title, why);
  }

  /** Says how far a timed loop got when its time budget ended it before the planned count. */
  void cutShort(Measurement m, long done, long planned, String what) {
    notes.merge(m, String.format("%,d of %,d %s done when the time budget ran out", done, planned, what),
        (a, b) -> a + "; " + b);
  }

  Value get(Metric metric) {
    return values.get(metric);
  }

  String failure(Measurement m) {
    return failures.get(m);
  }

  String note(Measurement m) {
    return notes.get(m);
  }

  void version(String v) {
    version = v;
  }

  String version() {
    return version;
  }

  void settings(String s) {
    settings = s;
  }

  String settings() {
    return settings;
  }
}
