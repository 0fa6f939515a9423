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
  /** How long a statement waits for a row another transaction has locked. */
  public static final long DEFAULT_LOCK_TIMEOUT_MILLIS = 10_000;

  private String schema = Catalog.DEFAULT_SCHEMA;
  private Transaction.Isolation isolation = Transaction.Isolation.READ_COMMITTED;
  private long lockTimeoutMillis = DEFAULT_LOCK_TIMEOUT_MILLIS;
  private boolean autoCommit = true;
  /** A START TRANSACTION in auto-commit mode: statements wait for COMMIT or ROLLBACK. */
  private boolean explicit;
  private Transaction transaction;
  /** Savepoint name to undo-log position, in creation order. */
  private final java.util.LinkedHashMap<String, Integer> savepoints = new java.util.LinkedHashMap<>();
  /** The user name; a catalog user's name once the database has users (see {@link Authentication}). */
  private String user;

  /** A session of {@code user}, unchecked: {@link Authentication#open} checks the password first. */
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

  /**
   * The session now acts as {@code name}: it created the database's first user (and would
   * otherwise lose every right with it), or renamed its own user.
   */
  void becomeUser(String name) {
    user = name;
  }

  public String schema() {
    return schema;
  }

  /** Sets the default schema: one of the catalog's, or INFORMATION_SCHEMA (read-only, for queries). */
  public void setSchema(String schema) {
    if (InformationSchema.is(schema)) {
      this.schema = InformationSchema.NAME;
      return;
    }
    if (database.catalog().schema(schema) == null) {
      throw new SqlEngineException(SqlEngineException.Code.UNKNOWN_OBJECT, "Schema " + schema + " does not exist");
    }
    this.schema = database.catalog().schemas().keySet().stream()
        .filter(s -> s.equals(schema)).findFirst()
        .orElseGet(() -> database.catalog().schemas().keySet().stream()
            .filter(s -> s.equalsIgnoreCase(schema)).findFirst().orElseThrow());
  }

  /** The connection's auto-commit setting (JDBC's getAutoCommit). */
  public boolean autoCommit() {
    return autoCommit;
  }

  /** Whether each statement commits by itself now: auto-commit, and no START TRANSACTION open. */
  public boolean commitsEachStatement() {
    return autoCommit && !explicit;
  }

  /** Switching auto-commit on commits the open transaction, as JDBC requires. */
  public void setAutoCommit(boolean on) {
    if (on && !autoCommit) {
      commit();
    }
    autoCommit = on;
  }

  /** START TRANSACTION: in auto-commit mode, statements now wait for COMMIT or ROLLBACK. */
  public void begin() {
    if (autoCommit) {
      explicit = true;
    }
  }

  /** The open transaction, begun on first use. */
  public Transaction transaction() {
    if (transaction == null) {
      transaction = database.begin(isolation, lockTimeoutMillis);
    }
    return transaction;
  }

  public Transaction.Isolation isolation() {
    return isolation;
  }

  /** Applies from the next transaction on (JDBC allows no change inside one that has written). */
  public void setIsolation(Transaction.Isolation level) {
    if (inTransaction()) {
      throw new SqlEngineException(SqlEngineException.Code.INVALID_STATEMENT,
          "The isolation level cannot change inside a transaction that has written; commit or roll back first");
    }
    if (transaction != null) {
      transaction.rollback();
      transaction = null;
    }
    isolation = level;
  }

  public void setLockTimeout(long millis) {
    lockTimeoutMillis = millis;
  }

  /**
   * In auto-commit mode each statement is a transaction of its own: a transaction left over from
   * an earlier read (it has written nothing) ends here, so its snapshot does not linger.
   */
  void startStatement() {
    if (commitsEachStatement() && transaction != null && transaction.isEmpty()) {
      transaction.rollback();
      transaction = null;
    }
  }

  public boolean inTransaction() {
    return transaction != null && !transaction.isEmpty();
  }

  public void commit() {
    savepoints.clear();
    explicit = false;
    if (transaction != null) {
      Transaction tx = transaction;
      transaction = null;
      tx.commit();
    }
  }

  public void rollback() {
    savepoints.clear();
    explicit = false;
    if (transaction != null) {
      transaction.rollback();
      transaction = null;
    }
  }

  /** Marks the current point of the transaction; a name used before moves to here. */
  public void savepoint(String name) {
    if (commitsEachStatement()) {
      throw new SqlEngineException(SqlEngineException.Code.INVALID_SAVEPOINT,
          "Savepoint " + name + " needs a transaction: turn auto-commit off or START TRANSACTION first");
    }
    savepoints.remove(name);
    savepoints.put(name, transaction().mark());
  }

  /** Undoes everything since the savepoint, which stays; later savepoints are gone. */
  public void rollbackToSavepoint(String name) {
    int mark = savepointMark(name);
    transaction().rollbackTo(mark);
    dropSavepointsAfter(name, false);
  }

  /** Forgets the savepoint and those made after it; the work done stays. */
  public void releaseSavepoint(String name) {
    savepointMark(name);
    dropSavepointsAfter(name, true);
  }

  private int savepointMark(String name) {
    Integer mark = savepoints.get(name);
    if (mark == null) {
      throw new SqlEngineException(SqlEngineException.Code.INVALID_SAVEPOINT,
          "Savepoint " + name + " does not exist in this transaction");
    }
    return mark;
  }

  private void dropSavepointsAfter(String name, boolean inclusive) {
    boolean after = false;
    for (var it = savepoints.keySet().iterator(); it.hasNext(); ) {
      String key = it.next();
      if (key.equals(name)) {
        after = true;
        if (inclusive) {
          it.remove();
        }
      } else if (after) {
        it.remove();
      }
    }
  }
}
