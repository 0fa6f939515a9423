package dev.marble.server;

import dev.marble.jdbc.remote.RemoteProtocol;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A statement text marked with a generated-keys request ({@link RemoteProtocol#KEYS} or
 * {@link RemoteProtocol#KEYS_COLUMNS}), decoded into the JDBC call the client made.
 */
final class KeyRequest {
  private final String sql;
  private final int[] indexes;
  private final String[] names;

  private KeyRequest(String sql, int[] indexes, String[] names) {
    this.sql = sql;
    this.indexes = indexes;
    this.names = names;
  }

  static boolean isMarked(String text) {
    return text.startsWith(RemoteProtocol.KEYS) || text.startsWith(RemoteProtocol.KEYS_COLUMNS);
  }

  static KeyRequest parse(String text) throws SQLException {
    if (text.startsWith(RemoteProtocol.KEYS)) {
      return new KeyRequest(text.substring(RemoteProtocol.KEYS.length()), null, null);
    }
    String[] columnsAndSql = RemoteProtocol.splitKeyColumns(text);
    String[] columns = columnsAndSql[0].split(",");
    if (!columns[0].startsWith("#")) {
      return new KeyRequest(columnsAndSql[1], null, columns);
    }
    int[] indexes = new int[columns.length];
    try {
      for (int i = 0; i < columns.length; i++) {
        indexes[i] = Integer.parseInt(columns[i].substring(1));
      }
    } catch (NumberFormatException e) {
      throw new SQLException("Malformed generated-key columns: " + columnsAndSql[0], "08P01", e);
    }
    return new KeyRequest(columnsAndSql[1], indexes, null);
  }

  PreparedStatement prepare(Connection c) throws SQLException {
    if (indexes != null) {
      return c.prepareStatement(sql, indexes);
    }
    return names != null ? c.prepareStatement(sql, names) : c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS);
  }

  long executeUpdate(Statement s) throws SQLException {
    if (indexes != null) {
      return s.executeLargeUpdate(sql, indexes);
    }
    return names != null ? s.executeLargeUpdate(sql, names) : s.executeLargeUpdate(sql, Statement.RETURN_GENERATED_KEYS);
  }

  boolean execute(Statement s) throws SQLException {
    if (indexes != null) {
      return s.execute(sql, indexes);
    }
    return names != null ? s.execute(sql, names) : s.execute(sql, Statement.RETURN_GENERATED_KEYS);
  }
}
