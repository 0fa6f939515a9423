package dev.marble.jdbc.contract;

import java.nio.file.Path;

/** {@link JdbcApiContract} on a memory database. */
class MemoryJdbcApiTest extends JdbcApiContract {
  @Override
  protected Backend backend(Path dir) {
    return Backend.memory();
  }
}
