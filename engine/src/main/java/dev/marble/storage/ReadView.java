package dev.marble.storage;

/**
 * What a statement or transaction reads: the database as of one commit (see {@link Versions}).
 * Close it when done reading (each {@link #retain} needs one more close); while open, the previous
 * versions of rows it may read are kept.
 */
public final class ReadView implements AutoCloseable {
  private final Versions.Snapshot snapshot;

  ReadView(Versions.Snapshot snapshot) {
    this.snapshot = snapshot;
  }

  long csn() {
    return snapshot.csn;
  }

  /** One more user (a cursor that outlives the statement that opened the view). */
  public ReadView retain() {
    snapshot.retain();
    return this;
  }

  @Override
  public void close() {
    snapshot.close();
  }
}
