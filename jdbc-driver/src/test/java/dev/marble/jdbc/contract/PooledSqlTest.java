package dev.marble.jdbc.contract;

import java.nio.file.Path;

/** {@link SqlContract} on a pooled database. */
class PooledSqlTest extends SqlContract {
  @Override
  protected Backend backend(Path dir) {
    return Backend.pooled(dir);
  }
}
