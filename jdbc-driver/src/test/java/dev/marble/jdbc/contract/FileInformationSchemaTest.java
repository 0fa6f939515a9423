package dev.marble.jdbc.contract;

import java.nio.file.Path;

/** {@link InformationSchemaContract} on a file database. */
class FileInformationSchemaTest extends InformationSchemaContract {
  @Override
  protected Backend backend(Path dir) {
    return Backend.file(dir);
  }
}
