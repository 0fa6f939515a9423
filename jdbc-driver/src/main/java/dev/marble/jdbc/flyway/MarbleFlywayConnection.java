package dev.marble.jdbc.flyway;

import java.sql.Connection;
import java.sql.SQLException;

/** A JDBC connection as Flyway sees it: the current schema is JDBC's {@code getSchema/setSchema}. */
final class MarbleFlywayConnection extends org.flywaydb.core.internal.database.base.Connection<MarbleFlywayDatabase> {

  MarbleFlywayConnection(MarbleFlywayDatabase database, Connection connection) {
    super(database, connection);
  }

  @Override
  protected String getCurrentSchemaNameOrSearchPath() throws SQLException {
    return getJdbcConnection().getSchema();
  }

  @Override
  protected void doChangeCurrentSchemaOrSearchPathTo(String schema) throws SQLException {
    getJdbcConnection().setSchema(schema);
  }

  @Override
  public MarbleFlywaySchema getSchema(String name) {
    return new MarbleFlywaySchema(jdbcTemplate, database, name);
  }
}
