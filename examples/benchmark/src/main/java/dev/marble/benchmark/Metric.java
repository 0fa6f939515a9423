package dev.marble.benchmark;

import java.util.ArrayList;
import java.util.List;

/**
 * One number in the report: which measurement it belongs to, its unit and which way is better. The
 * direction decides the "Marble / best peer" ratio (best = highest or lowest among the peers) and
 * the chart; {@link Direction#NONE} numbers (row counts, sizes at the end) get no ratio.
 */
enum Metric {
  LOAD_ROWS(Measurement.LOAD, "rows/s", Direction.HIGHER, true),
  LOAD_MB(Measurement.LOAD, "MB/s", Direction.HIGHER, false),
  INDEX_S(Measurement.INDEX, "seconds", Direction.LOWER, true),
  READ_OPS(Measurement.POINT_READS, "reads/s", Direction.HIGHER, true),
  READ_P50(Measurement.POINT_READS, "p50 µs", Direction.LOWER, false),
  READ_P99(Measurement.POINT_READS, "p99 µs", Direction.LOWER, false),
  SCAN_MB(Measurement.SCAN, "scan MB/s", Direction.HIGHER, true),
  RAW_MB(Measurement.SCAN, "raw read MB/s", Direction.HIGHER, false),
  SCAN_OF_RAW(Measurement.SCAN, "scan / raw %", Direction.HIGHER, false),
  TEXT_LOAD_ROWS(Measurement.SEARCH, "text load rows/s", Direction.HIGHER, false),
  RARE_MB(Measurement.SEARCH, "rare word MB/s", Direction.HIGHER, true),
  RARE_ROWS(Measurement.SEARCH, "rare word rows", Direction.NONE, false),
  COMMON_MB(Measurement.SEARCH, "common word MB/s", Direction.HIGHER, false),
  COMMON_ROWS(Measurement.SEARCH, "common word rows", Direction.NONE, false),
  CATEGORY_OPS(Measurement.CATEGORY, "queries/s", Direction.HIGHER, true),
  CATEGORY_ROWS(Measurement.CATEGORY, "rows/s", Direction.HIGHER, false),
  UPDATE_OPS(Measurement.UPDATES, "updates/s", Direction.HIGHER, true),
  DELETE_OPS(Measurement.DELETES, "deletes/s", Direction.HIGHER, true),
  REOPEN_MS(Measurement.REOPEN, "ms", Direction.LOWER, true),
  DISK_RATIO(Measurement.DISK, "bytes / payload byte", Direction.LOWER, true),
  DISK_MB(Measurement.DISK, "MB after load", Direction.LOWER, false),
  DISK_END_MB(Measurement.DISK, "MB at end", Direction.NONE, false);

  enum Direction { HIGHER, LOWER, NONE }

  final Measurement measurement;
  final String unit;
  final Direction direction;
  /** The one number per measurement that the chart shows. */
  final boolean headline;

  Metric(Measurement measurement, String unit, Direction direction, boolean headline) {
    this.measurement = measurement;
    this.unit = unit;
    this.direction = direction;
    this.headline = headline;
  }

  static List<Metric> of(Measurement m) {
    List<Metric> list = new ArrayList<>();
    for (Metric metric : values()) {
      if (metric.measurement == m) {
        list.add(metric);
      }
    }
    return list;
  }

  static Metric headline(Measurement m) {
    for (Metric metric : of(m)) {
      if (metric.headline) {
        return metric;
      }
    }
    throw new IllegalStateException("no headline metric for " + m);
  }

  /** How much better {@code value} is than {@code reference}: above 1 is better, whatever the unit. */
  double advantage(double value, double reference) {
    return direction == Direction.LOWER ? reference / value : value / reference;
  }
}
