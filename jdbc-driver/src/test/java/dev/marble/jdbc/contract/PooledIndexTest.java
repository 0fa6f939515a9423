package dev.marble.jdbc.contract;

import java.nio.file.Path;

/** {@link IndexContract} on a pooled database. */
class PooledIndexTest extends IndexContract {
  @Override
  protected Backend backend(Path dir) {
    return Backend.pooled(dir);
  }
}
