package dev.marble.jdbc.hibernate;

import jakarta.persistence.Timeout;
import org.hibernate.Timeouts;
import org.hibernate.dialect.RowLockStrategy;
import org.hibernate.dialect.lock.PessimisticLockStyle;
import org.hibernate.dialect.lock.spi.ConnectionLockTimeoutStrategy;
import org.hibernate.dialect.lock.spi.LockTimeoutType;
import org.hibernate.dialect.lock.spi.LockingSupport;
import org.hibernate.dialect.lock.spi.OuterJoinLockingType;

/**
 * What Marble's {@code SELECT ... FOR UPDATE} can do: lock clauses naming the locked tables ({@code
 * of alias}), so Hibernate locks just the entity's rows, also across outer joins; {@code nowait};
 * no {@code skip locked} and no lock wait time in SQL (the connection's {@code lock_timeout}
 * setting applies).
 */
final class MarbleLockingSupport implements LockingSupport, LockingSupport.Metadata {
  static final MarbleLockingSupport INSTANCE = new MarbleLockingSupport();

  @Override
  public Metadata getMetadata() {
    return this;
  }

  @Override
  public ConnectionLockTimeoutStrategy getConnectionLockTimeoutStrategy() {
    return ConnectionLockTimeoutStrategy.NONE;
  }

  @Override
  public PessimisticLockStyle getPessimisticLockStyle() {
    return PessimisticLockStyle.CLAUSE;
  }

  /**
   * NOWAIT goes into the SQL. So does SKIP LOCKED, which Marble refuses (0A000): answering NONE
   * would make Hibernate drop it silently and wait for locked rows instead of skipping them. Other
   * wait times are not expressible; Hibernate leaves them out and the connection's lock_timeout
   * applies.
   */
  @Override
  public LockTimeoutType getLockTimeoutType(Timeout timeout) {
    int millis = timeout.milliseconds();
    return millis == Timeouts.NO_WAIT_MILLI || millis == Timeouts.SKIP_LOCKED_MILLI
        ? LockTimeoutType.QUERY : LockTimeoutType.NONE;
  }

  @Override
  public RowLockStrategy getReadRowLockStrategy() {
    return RowLockStrategy.TABLE;
  }

  @Override
  public RowLockStrategy getWriteRowLockStrategy() {
    return RowLockStrategy.TABLE;
  }

  @Override
  public OuterJoinLockingType getOuterJoinLockingType() {
    return OuterJoinLockingType.IDENTIFIED;
  }
}
