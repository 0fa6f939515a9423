package dev.marble.benchmark;

import java.util.Arrays;

/**
 * Latencies in nanoseconds, appended by one thread and merged afterwards; percentiles from the
 * sorted array (no histogram library: the counts are small enough to keep every value).
 */
final class Latencies {
  private long[] values = new long[1024];
  private int size;
  private boolean sorted = true;

  void add(long nanos) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = nanos;
    sorted = false;
  }

  void addAll(Latencies other) {
    for (int i = 0; i < other.size; i++) {
      add(other.values[i]);
    }
  }

  int count() {
    return size;
  }

  /** The value below which a share {@code q} (0..1) of the values fall, in milliseconds; NaN when empty. */
  double percentileMillis(double q) {
    if (size == 0) {
      return Double.NaN;
    }
    if (!sorted) {
      Arrays.sort(values, 0, size);
      sorted = true;
    }
    int index = (int) Math.min(size - 1, Math.ceil(q * size) - 1);
    return values[Math.max(0, index)] / 1e6;
  }
}
