package dev.marble.jdbc;

import java.sql.SQLException;

/** JDBC's {@code unwrap}: Marble objects wrap nothing, so they unwrap only to what they are. */
final class Wrappers {
  private Wrappers() {}

  static <T> T unwrap(Object self, Class<T> iface) throws SQLException {
    if (iface.isInstance(self)) {
      return iface.cast(self);
    }
    throw new SQLException(self.getClass().getSimpleName() + " is not a wrapper for " + iface.getName(), "HY000");
  }
}
