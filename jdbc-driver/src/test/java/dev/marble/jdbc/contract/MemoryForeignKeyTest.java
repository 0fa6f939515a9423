package dev.marble.jdbc.contract;

import java.nio.file.Path;

/** {@link ForeignKeyContract} on a memory database. */
class MemoryForeignKeyTest extends ForeignKeyContract {
  @Override
  protected Backend backend(Path dir) {
    return Backend.memory();
  }
}
