package dev.marble.jdbc.contract;

import java.nio.file.Path;

/** {@link InformationSchemaContract} on a pooled database. */
class PooledInformationSchemaTest extends InformationSchemaContract {
  @Override
  protected Backend backend(Path dir) {
    return Backend.pooled(dir);
  }
}
