package dev.marble.sql;

import java.util.List;
import org.apache.calcite.linq4j.Enumerator;

/**
 * The outcome of running one statement: rows (a query) or an update count (DML, DDL), and for
 * inserts the rows whose generated keys were asked for (storage values, full table rows).
 */
public record Execution(Enumerator<Object[]> rows, long updateCount, List<Object[]> generatedKeys) {
  static Execution count(long n, List<Object[]> keys) {
    return new Execution(null, n, keys);
  }

  public boolean isQuery() {
    return rows != null;
  }
}
