package dev.marble.jdbc;

import java.sql.SQLException;
import java.sql.Savepoint;

/**
 * A JDBC savepoint of an embedded or a remote connection: numbered when unnamed, named otherwise,
 * as {@link Savepoint} requires. The connection that made it knows what it stands for.
 *
 * @param id the connection's number for it, unique per connection
 * @param name the application's name, or null
 */
public record JdbcSavepoint(int id, String name) implements Savepoint {
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
      throw new SQLException("Savepoint " + id + " has no name", "3B001");
    }
    return name;
  }
}
