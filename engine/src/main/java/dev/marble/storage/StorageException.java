package dev.marble.storage;

/**
 * The one exception type of the storage layer. Each has a stable {@link Code}; the JDBC layer maps
 * codes to SQLStates in one place, so a message here must name the table, index, file or holder it
 * is about, never just "failed".
 */
public class StorageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Stable reasons. Add new ones at the end; the JDBC layer maps each to a SQLState. */
  public enum Code {
    /** Another process owns the database directory. */
    LOCKED,
    /** Reading or writing a file failed (disk full, permissions, deleted files). */
    IO_ERROR,
    /** Stored bytes fail their checksum or cannot be decoded. */
    CORRUPTED,
    /** A unique key or unique index already holds the value. */
    DUPLICATE_KEY,
    /** A value or row is larger than Marble can store. */
    TOO_LARGE,
    /** A table, index or file that must exist does not. */
    NOT_FOUND,
    /** The store was closed while in use. */
    CLOSED,
    /** The database was opened read-only or the directory is not writable. */
    READ_ONLY,
    /** A catalog written by a newer Marble, or otherwise unsupported format. */
    UNSUPPORTED_FORMAT,
    /** A sequence reached its MAXVALUE/MINVALUE and does not cycle. */
    SEQUENCE_EXHAUSTED,
    /** Two transactions wait for each other's row locks; this one was chosen to fail. */
    DEADLOCK,
    /** A row lock was not granted within the lock timeout. */
    LOCK_TIMEOUT,
    /** A row changed after this transaction's snapshot (REPEATABLE READ / SERIALIZABLE). */
    SERIALIZATION_FAILURE,
    /**
     * A READ COMMITTED statement read a row that a concurrent commit changed before the statement
     * could lock it; the statement restarts. Never reaches the user.
     */
    ROW_CHANGED,
    /** The thread was interrupted while waiting inside Marble. */
    INTERRUPTED
  }

  private final Code code;

  public StorageException(Code code, String message) {
    super(message);
    this.code = code;
  }

  public StorageException(Code code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  public Code code() {
    return code;
  }
}
