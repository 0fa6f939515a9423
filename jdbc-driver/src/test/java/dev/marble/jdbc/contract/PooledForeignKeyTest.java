package dev.marble.jdbc.contract;

import java.nio.file.Path;

/** {@link ForeignKeyContract} on a pooled database. */
class PooledForeignKeyTest extends ForeignKeyContract {
  @Override
  protected Backend backend(Path dir) {
    return Backend.pooled(dir);
  }
}
