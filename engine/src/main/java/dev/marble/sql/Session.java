package dev.marble.sql;

import dev.marble.storage.Database;
import dev.marble.storage.Transaction;
import dev.marble.storage.catalog.Catalog;

/**
 * What the SQL layer keeps per connection: the database, the current schema and the open
 * transaction. In auto-commit mode each statement runs in a transaction of its own.
 */
public final class Session {
  private final Database database;
  private final SqlEngine engine;
  private String schema = Catalog.DEFAULT_SCHEMA;
  private boolean autoCommit = true;
  private Transaction transaction;
  private final String user;

  public Session(Database database, String user) {
    this.database = database;
    this.engine = SqlEngine.of(database);
    this.user = user;
  }

  public Database database() {
    return database;
  }

  public SqlEngine engine() {
    return engine;
  }

  public String user() {
    return user;
  }

  public String schema() {
    return schema;
  }

  public void setSchema(String schema) {
    if (database.catalog().schema(schema) == null) {
      throw new SqlEngineException(SqlEngineException.Code.UNKNOWN_OBJECT, "Schema " + schema + " does not exist");
    }
    this.schema = database.catalog().schemas().keySet().stream()
        .filter(s -> s.equals(schema)).findFirst()
        .orElseGet(() -> database.catalog().schemas().keySet().stream()
            .filter(s -> s.equalsIgnoreCase(schema)).findFirst().orElseThrow());
  }

  public boolean autoCommit() {
    return autoCommit;
  }

  /** Switching auto-commit on commits the open transaction, as JDBC requires. */
  public void setAutoCommit(boolean on) {
    if (on && !autoCommit) {
      commit();
    }
    autoCommit = on;
  }

  /** The open transaction, begun on first use. */
  public Transaction transaction() {
    if (transaction == null) {
      transaction = database.begin();
    }
    return transaction;
  }

  public boolean inTransaction() {
    return transaction != null && !transaction.isEmpty();
  }

  public void commit() {
    if (transaction != null) {
      Transaction tx = transaction;
      transaction = null;
      tx.commit();
    }
  }

  public void rollback() {
    if (transaction != null) {
      transaction.rollback();
      transaction = null;
    }
  }
}
