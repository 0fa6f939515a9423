package dev.marble.sql;

/**
 * The one exception type of the SQL layer, with stable codes that the JDBC layer maps to SQLStates
 * in one place. Messages name the table, column, constraint or token concerned.
 */
public class SqlEngineException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Stable reasons; add new ones at the end. */
  public enum Code {
    /** Malformed SQL; the message carries line and column. */
    SYNTAX,
    UNKNOWN_TABLE,
    UNKNOWN_COLUMN,
    /** Unknown schema, sequence, view, index, constraint or function. */
    UNKNOWN_OBJECT,
    /** CREATE of a name that exists. */
    DUPLICATE_OBJECT,
    /** Valid syntax that breaks a semantic rule (types, ambiguous names, GROUP BY ...). */
    INVALID_STATEMENT,
    NOT_NULL_VIOLATION,
    CHECK_VIOLATION,
    FOREIGN_KEY_VIOLATION,
    STRING_TOO_LONG,
    NUMERIC_OUT_OF_RANGE,
    INVALID_CAST,
    DIVISION_BY_ZERO,
    /** Other data errors (bad date, bad argument to a function). */
    DATA_ERROR,
    /** Valid SQL that Marble does not support (yet). */
    NOT_SUPPORTED,
    /** A DROP that other objects depend on, without CASCADE. */
    DEPENDENT_OBJECTS,
    /** A value given for a GENERATED ALWAYS column. */
    GENERATED_ALWAYS,
    /** The operation was cancelled or timed out. */
    CANCELLED,
    /** MERGE matched one target row with several source rows. */
    CARDINALITY_VIOLATION,
    /** A savepoint that does not exist, or one asked for outside a transaction. */
    INVALID_SAVEPOINT,
    /** FOR UPDATE NOWAIT met a row another transaction has locked. */
    LOCK_NOT_AVAILABLE,
    /** A statement would write a row that a cascade of the same statement already changed. */
    TRIGGERED_DATA_CHANGE,
    /** Connecting with an unknown user or a wrong password (the message never says which). */
    INVALID_AUTHORIZATION,
    /** The session's user lacks a privilege on a table or view, or ADMIN. */
    INSUFFICIENT_PRIVILEGE,
    /** CREATE USER or CREATE ROLE of a name that a user or role has. */
    DUPLICATE_AUTHORIZATION
  }

  private final Code code;

  public SqlEngineException(Code code, String message) {
    super(message);
    this.code = code;
  }

  public SqlEngineException(Code code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  public Code code() {
    return code;
  }
}
