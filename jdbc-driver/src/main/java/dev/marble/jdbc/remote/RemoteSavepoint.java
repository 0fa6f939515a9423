package dev.marble.jdbc.remote;

import java.sql.SQLException;
import java.sql.Savepoint;

/** A savepoint of a remote connection; on the server it is the SQL savepoint {@link #sqlName()}. */
final class RemoteSavepoint implements Savepoint {
  private final int id;
  private final String name;

  RemoteSavepoint(int id, String name) {
    this.id = id;
    this.name = name;
  }

  /** A quoted identifier: unique per connection, whatever name the application chose. */
  String sqlName() {
    String base = "SP" + id + (name == null ? "" : "_" + name);
    return '"' + base.replace("\"", "\"\"") + '"';
  }

  @Override
  public int getSavepointId() throws SQLException {
    if (name != null) {
      throw new SQLException("Savepoint " + name + " is named; it has no id", "3B001");
    }
    return id;
  }

  @Override
  public String getSavepointName() throws SQLException {
    if (name == null) {
      throw new SQLException("This savepoint has no name; use getSavepointId", "3B001");
    }
    return name;
  }
}
