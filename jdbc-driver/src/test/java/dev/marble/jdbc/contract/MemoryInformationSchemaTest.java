package dev.marble.jdbc.contract;

import java.nio.file.Path;

/** {@link InformationSchemaContract} on a memory database. */
class MemoryInformationSchemaTest extends InformationSchemaContract {
  @Override
  protected Backend backend(Path dir) {
    return Backend.memory();
  }
}
