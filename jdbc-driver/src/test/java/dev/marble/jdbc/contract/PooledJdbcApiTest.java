package dev.marble.jdbc.contract;

import java.nio.file.Path;

/** {@link JdbcApiContract} on a pooled database. */
class PooledJdbcApiTest extends JdbcApiContract {
  @Override
  protected Backend backend(Path dir) {
    return Backend.pooled(dir);
  }
}
