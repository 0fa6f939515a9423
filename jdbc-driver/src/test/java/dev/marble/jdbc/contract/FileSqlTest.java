package dev.marble.jdbc.contract;

import java.nio.file.Path;

/** {@link SqlContract} on a file database. */
class FileSqlTest extends SqlContract {
  @Override
  protected Backend backend(Path dir) {
    return Backend.file(dir);
  }
}
