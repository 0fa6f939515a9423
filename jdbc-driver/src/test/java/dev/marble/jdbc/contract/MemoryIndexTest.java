package dev.marble.jdbc.contract;

import java.nio.file.Path;

/** {@link IndexContract} on a memory database. */
class MemoryIndexTest extends IndexContract {
  @Override
  protected Backend backend(Path dir) {
    return Backend.memory();
  }
}
