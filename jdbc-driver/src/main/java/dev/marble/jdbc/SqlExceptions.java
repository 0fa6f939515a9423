package dev.marble.jdbc;

import dev.marble.sql.SqlEngineException;
import dev.marble.storage.StorageException;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTransactionRollbackException;

/**
 * The one place where engine exceptions become {@link SQLException}s: each stable code of the SQL
 * and storage layers has one SQLState, and the subclass follows the state's class (22 data, 23
 * integrity, 28 authorization, 42 syntax or access, 08 connection, 40 rollback, 0A not supported).
 *
 * <p>Class 08 is used only where the connection cannot be used (it could not be opened, or its
 * database was closed under it): pools evict connections on 08.
 */
public final class SqlExceptions {
  private SqlExceptions() {}

  public static SQLException of(Throwable e) {
    if (e instanceof SQLException s) {
      return s;
    }
    if (e instanceof SqlEngineException s) {
      return create(s.getMessage(), state(s.code()), s);
    }
    if (e instanceof StorageException s) {
      return create(s.getMessage(), state(s.code()), s);
    }
    for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
      if (c instanceof SqlEngineException || c instanceof StorageException || c instanceof SQLException) {
        return of(c);
      }
    }
    return create("Internal error in Marble: " + e, "XX000", e);
  }

  /** The SQLException subclass that goes with {@code state}; also used for errors a server sent. */
  public static SQLException create(String message, String state, Throwable cause) {
    SQLException e = switch (state.substring(0, 2)) {
      case "22" -> new SQLDataException(message, state, cause);
      case "23" -> new SQLIntegrityConstraintViolationException(message, state, cause);
      case "42" -> new SQLSyntaxErrorException(message, state, cause);
      case "08" -> new SQLNonTransientConnectionException(message, state, cause);
      case "40" -> new SQLTransactionRollbackException(message, state, cause);
      case "0A" -> new SQLFeatureNotSupportedException(message, state, cause);
      case "28" -> new java.sql.SQLInvalidAuthorizationSpecException(message, state, cause);
      default -> new SQLException(message, state, cause);
    };
    return e;
  }

  static String state(SqlEngineException.Code code) {
    return switch (code) {
      case SYNTAX, INVALID_STATEMENT -> "42000";
      case UNKNOWN_TABLE -> "42S02";
      case UNKNOWN_COLUMN -> "42S22";
      case UNKNOWN_OBJECT -> "42704";
      case DUPLICATE_OBJECT -> "42S01";
      case NOT_NULL_VIOLATION -> "23502";
      case CHECK_VIOLATION -> "23514";
      case FOREIGN_KEY_VIOLATION -> "23503";
      case STRING_TOO_LONG -> "22001";
      case NUMERIC_OUT_OF_RANGE -> "22003";
      case INVALID_CAST -> "22018";
      case DIVISION_BY_ZERO -> "22012";
      case DATA_ERROR -> "22000";
      case NOT_SUPPORTED -> "0A000";
      case DEPENDENT_OBJECTS -> "2BP01";
      case GENERATED_ALWAYS -> "428C9";
      case CANCELLED -> "57014";
      case CARDINALITY_VIOLATION -> "21000";
      case INVALID_SAVEPOINT -> "3B001";
      case LOCK_NOT_AVAILABLE -> "55P03";
      case TRIGGERED_DATA_CHANGE -> "27000";
      case INVALID_AUTHORIZATION -> "28000";
      case INSUFFICIENT_PRIVILEGE -> "42501";
      case DUPLICATE_AUTHORIZATION -> "42710";
    };
  }

  static String state(StorageException.Code code) {
    return switch (code) {
      case LOCKED, NOT_FOUND, UNSUPPORTED_FORMAT -> "08001";
      case CLOSED -> "08003";
      case IO_ERROR -> "58030";
      case CORRUPTED -> "XX001";
      case DUPLICATE_KEY -> "23505";
      case TOO_LARGE -> "54000";
      case READ_ONLY -> "25006";
      case SEQUENCE_EXHAUSTED -> "2200H";
      case DEADLOCK -> "40P01";
      case LOCK_TIMEOUT, SERIALIZATION_FAILURE, ROW_CHANGED -> "40001";
      case INTERRUPTED -> "57014";
    };
  }
}
