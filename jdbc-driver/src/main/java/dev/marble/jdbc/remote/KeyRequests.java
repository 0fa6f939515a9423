package dev.marble.jdbc.remote;

import java.sql.Statement;

/** Marks statement text with the generated-keys request of the JDBC call (see {@link RemoteProtocol}). */
final class KeyRequests {
  private KeyRequests() {}

  /**
   * {@code request} is what the JDBC call passed after the SQL: an {@code int} flag
   * ({@link Statement#RETURN_GENERATED_KEYS} or not), column indexes, or column names.
   */
  static String mark(String sql, Object request) {
    if (request instanceof Integer flag) {
      return flag == Statement.RETURN_GENERATED_KEYS ? RemoteProtocol.KEYS + sql : sql;
    }
    if (request instanceof int[] indexes) {
      String[] names = new String[indexes.length];
      for (int i = 0; i < indexes.length; i++) {
        names[i] = "#" + indexes[i];
      }
      return RemoteProtocol.withKeyColumns(names, sql);
    }
    if (request instanceof String[] names) {
      return RemoteProtocol.withKeyColumns(names, sql);
    }
    return sql;
  }
}
