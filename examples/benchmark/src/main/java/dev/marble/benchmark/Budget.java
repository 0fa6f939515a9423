package dev.marble.benchmark;

/**
 * A time limit for one timed loop. Some measurements are far slower on one database than on the
 * others (Marble scans the table for a category lookup until its planner uses secondary indexes),
 * so every loop stops at its budget and reports the rate of what it completed, marked as partial,
 * instead of holding up the run for hours.
 */
final class Budget {
  private final long start = System.nanoTime();
  private final long nanos;
  private boolean reached;

  Budget(double seconds) {
    this.nanos = (long) (seconds * 1e9);
  }

  /** True while time is left; once false, {@link #reached()} says the loop was cut short. */
  boolean left() {
    if (System.nanoTime() - start >= nanos) {
      reached = true;
      return false;
    }
    return true;
  }

  boolean reached() {
    return reached;
  }

  double elapsedSeconds() {
    return (System.nanoTime() - start) / 1e9;
  }

  /** JDBC query timeout for single statements that cannot be cut short in between (scans). */
  static int statementTimeoutSeconds(double budgetSeconds) {
    return (int) Math.max(60, 5 * budgetSeconds);
  }
}
