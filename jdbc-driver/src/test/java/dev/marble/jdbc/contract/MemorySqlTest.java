package dev.marble.jdbc.contract;

import java.nio.file.Path;

/** {@link SqlContract} on a memory database. */
class MemorySqlTest extends SqlContract {
  @Override
  protected Backend backend(Path dir) {
    return Backend.memory();
  }
}
