package org.apache.calcite.avatica.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Calendar;
import org.apache.calcite.avatica.Meta;

/**
 * Marble's server (dev.marble.server.MarbleMeta) extends Avatica's JdbcMeta and answers some calls
 * itself; JdbcMeta's subclasses get no access to the statement of a cache entry nor to the result
 * set factory, which are package-private. This class, in Avatica's package, is the one door to
 * them. It depends on Avatica internals of the pinned version (avatica.version in the root pom);
 * the server tests break first if an upgrade changes them.
 */
public final class MarbleJdbcAccess {
  private MarbleJdbcAccess() {}

  public static Statement statement(StatementInfo info) {
    return info.statement;
  }

  public static Meta.MetaResultSet resultSet(String connectionId, int statementId, ResultSet rs, int maxRowsInFirstFrame)
      throws SQLException {
    return JdbcResultSet.create(connectionId, statementId, rs, maxRowsInFirstFrame);
  }

  /** The calendar JdbcMeta reads parameter values with (the JVM's zone), for the same reading. */
  public static Calendar calendar(JdbcMeta meta) {
    return meta.calendar;
  }

  public static Meta.MetaResultSet count(String connectionId, int statementId, long count) {
    return JdbcResultSet.count(connectionId, statementId, count);
  }
}
