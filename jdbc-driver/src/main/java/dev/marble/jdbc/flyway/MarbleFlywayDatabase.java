package dev.marble.jdbc.flyway;

import java.sql.Connection;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.internal.database.base.Database;
import org.flywaydb.core.internal.database.base.Table;
import org.flywaydb.core.internal.jdbc.JdbcConnectionFactory;
import org.flywaydb.core.internal.jdbc.StatementInterceptor;

/** What Flyway needs to know about Marble's SQL and transactions. */
final class MarbleFlywayDatabase extends Database<MarbleFlywayConnection> {

  MarbleFlywayDatabase(Configuration configuration, JdbcConnectionFactory jdbcConnectionFactory,
      StatementInterceptor statementInterceptor) {
    super(configuration, jdbcConnectionFactory, statementInterceptor);
  }

  @Override
  protected MarbleFlywayConnection doGetConnection(Connection connection) {
    return new MarbleFlywayConnection(this, connection);
  }

  /** Every Marble version has what the plugin uses. */
  @Override
  public void ensureSupported(Configuration configuration) {
  }

  /**
   * False: a DDL statement commits the open transaction before it runs, so a failed migration
   * cannot be rolled back past its last DDL statement. Flyway then records the failure in the
   * history (repair removes it) and takes the history lock again for each history row it writes.
   */
  @Override
  public boolean supportsDdlTransactions() {
    return false;
  }

  /**
   * False, and it must stay so: the history lock is a row lock held by the history connection's
   * open transaction ({@link MarbleFlywayTable#doLock}). On one shared connection the first DDL
   * statement of a migration would commit that transaction and so release the lock.
   */
  @Override
  public boolean useSingleConnection() {
    return false;
  }

  @Override
  public String getBooleanTrue() {
    return "TRUE";
  }

  @Override
  public String getBooleanFalse() {
    return "FALSE";
  }

  /** Marble has schemas and no catalogs. */
  @Override
  public boolean catalogIsSchema() {
    return false;
  }

  /** installed_by is NOT NULL; Marble's user name is empty until the database has users. */
  @Override
  protected String doGetCurrentUser() throws java.sql.SQLException {
    String user = super.doGetCurrentUser();
    return user == null ? "" : user;
  }

  /** The schema history table; Flyway's signature has the raw Table type. */
  @Override
  @SuppressWarnings("rawtypes")
  public String getRawCreateScript(Table table, boolean baseline) {
    String name = table.getName();
    return "CREATE TABLE " + table + " (\n"
        + "  " + quote("installed_rank") + " INT NOT NULL,\n"
        + "  " + quote("version") + " VARCHAR(50),\n"
        + "  " + quote("description") + " VARCHAR(200) NOT NULL,\n"
        + "  " + quote("type") + " VARCHAR(20) NOT NULL,\n"
        + "  " + quote("script") + " VARCHAR(1000) NOT NULL,\n"
        + "  " + quote("checksum") + " INT,\n"
        + "  " + quote("installed_by") + " VARCHAR(100) NOT NULL,\n"
        + "  " + quote("installed_on") + " TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL,\n"
        + "  " + quote("execution_time") + " INT NOT NULL,\n"
        + "  " + quote("success") + " BOOLEAN NOT NULL,\n"
        + "  CONSTRAINT " + quote(name + "_pk") + " PRIMARY KEY (" + quote("installed_rank") + ")\n"
        + ");\n"
        // An index takes its table's schema; Marble's CREATE INDEX wants an unqualified name.
        + "CREATE INDEX " + quote(name + "_s_idx")
        + " ON " + table + " (" + quote("success") + ");\n"
        + (baseline ? getBaselineStatement(table) + ";\n" : "");
  }
}
