package dev.marble.jdbc.flyway;

import java.sql.SQLException;
import org.flywaydb.core.api.logging.Log;
import org.flywaydb.core.api.logging.LogFactory;
import org.flywaydb.core.internal.database.base.Table;
import org.flywaydb.core.internal.jdbc.JdbcTemplate;

/**
 * A table for Flyway. Flyway locks only its schema history table, and Marble has no
 * {@code LOCK TABLE}; {@code SELECT ... FOR UPDATE} would lock only the rows there are, and the
 * history is empty exactly when two migrators race to apply the first migration. So
 * {@link #doLock} locks a row of its own: it inserts a marker row whose key no history row uses,
 * inside the transaction Flyway opened for the lock, and {@link #doUnlock} deletes it again before
 * that transaction ends. A second migrator inserting the same key waits on Marble's row lock until
 * the first one's transaction ends; the marker is never committed, so nobody else ever sees it.
 */
final class MarbleFlywayTable extends Table<MarbleFlywayDatabase, MarbleFlywaySchema> {
  private static final Log LOG = LogFactory.getLog(MarbleFlywayTable.class);

  /**
   * The marker row's installed_rank. Flyway reads history rows with {@code installed_rank > -1}
   * (its cache starts at -1), so even the lock holder's own reads skip the marker.
   */
  static final int LOCK_RANK = -100;

  /** SQLState of a lock wait that ran out ({@code lock_timeout}): keep waiting. */
  private static final String LOCK_TIMEOUT = "40001";
  /** SQLState of a duplicate key: a committed marker, see {@link #doLock}. */
  private static final String DUPLICATE_KEY = "23505";

  MarbleFlywayTable(JdbcTemplate jdbcTemplate, MarbleFlywayDatabase database, MarbleFlywaySchema schema,
      String name) {
    super(jdbcTemplate, database, schema, name);
  }

  @Override
  protected boolean doExists() throws SQLException {
    return exists(null, schema, name);
  }

  @Override
  protected void doDrop() throws SQLException {
    jdbcTemplate.execute("DROP TABLE " + this + " CASCADE");
  }

  /**
   * Flyway locks again while it already holds the lock (it re-locks for each history row when DDL
   * is not transactional); the marker is inserted only by the outermost lock. Waits as long as
   * Flyway's {@code lockRetryCount} allows, each retry one {@code lock_timeout}.
   */
  @Override
  protected void doLock() throws SQLException {
    if (lockDepth > 0) {
      return;
    }
    int retries = database.getConfiguration().getLockRetryCount();
    for (int attempt = 0; ; attempt++) {
      try {
        jdbcTemplate.update(insertMarker());
        return;
      } catch (SQLException e) {
        if (DUPLICATE_KEY.equals(e.getSQLState())) {
          // Committed by DDL run on the locking connection (a DDL statement commits the open
          // transaction): nobody holds it any more, so it is stale; remove it and take the lock.
          jdbcTemplate.update(deleteMarker());
        } else if (!LOCK_TIMEOUT.equals(e.getSQLState()) || (retries >= 0 && attempt >= retries)) {
          throw e;
        } else {
          LOG.info("Waiting for another migration to release the lock on " + this);
        }
      }
    }
  }

  @Override
  protected void doUnlock() throws SQLException {
    if (lockDepth == 1) {
      jdbcTemplate.update(deleteMarker());
    }
  }

  private String insertMarker() {
    return "INSERT INTO " + this + " (" + database.quote("installed_rank") + ", "
        + database.quote("description") + ", " + database.quote("type") + ", " + database.quote("script") + ", "
        + database.quote("installed_by") + ", " + database.quote("execution_time") + ", "
        + database.quote("success") + ") VALUES (" + LOCK_RANK + ", 'flyway lock', 'LOCK', '', '', 0, TRUE)";
  }

  private String deleteMarker() {
    return "DELETE FROM " + this + " WHERE " + database.quote("installed_rank") + " = " + LOCK_RANK;
  }
}
