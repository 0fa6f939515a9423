package dev.marble.jdbc.contract;

import java.nio.file.Path;

/** {@link ForeignKeyContract} on a file database. */
class FileForeignKeyTest extends ForeignKeyContract {
  @Override
  protected Backend backend(Path dir) {
    return Backend.file(dir);
  }
}
