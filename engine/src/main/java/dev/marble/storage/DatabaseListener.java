package dev.marble.storage;

/**
 * Hears how long a database's commits, redo-log syncs and checkpoints take, for monitoring (see
 * {@link Database#addListener}). Each method runs on the thread that did the work, right after it
 * succeeded (failures are not reported), sometimes with storage locks held: implementations must be
 * quick, thread-safe and must not call back into the database. An exception they throw is logged
 * and otherwise ignored, since the work it reports on has already happened.
 */
public interface DatabaseListener {
  /**
   * A transaction that wrote something committed. {@code nanos} covers the whole commit: waiting
   * for the commit lock, the conflict checks, the redo-log append (and its fsync under sync=FULL),
   * applying the writes to the stores, and a checkpoint when the log had grown big enough.
   */
  default void committed(long nanos) {}

  /**
   * The redo log was forced to disk: one fsync. Under sync=FULL commits waiting at the same time
   * share one; under NORMAL a background thread forces about every 10 ms; under OFF only
   * checkpoints and closing do.
   */
  default void redoLogForced(long nanos) {}

  /** A checkpoint forced every store to disk and emptied the redo log. */
  default void checkpointed(long nanos) {}
}
