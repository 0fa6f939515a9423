package dev.marble.jdbc.contract;

import java.nio.file.Path;

/** {@link QueryContract} on a pooled database. */
class PooledQueryTest extends QueryContract {
  @Override
  protected Backend backend(Path dir) {
    return Backend.pooled(dir);
  }
}
