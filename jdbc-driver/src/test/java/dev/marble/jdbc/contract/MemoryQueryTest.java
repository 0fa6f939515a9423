package dev.marble.jdbc.contract;

import java.nio.file.Path;

/** {@link QueryContract} on a memory database. */
class MemoryQueryTest extends QueryContract {
  @Override
  protected Backend backend(Path dir) {
    return Backend.memory();
  }
}
