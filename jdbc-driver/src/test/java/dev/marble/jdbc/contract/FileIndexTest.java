package dev.marble.jdbc.contract;

import java.nio.file.Path;

/** {@link IndexContract} on a file database. */
class FileIndexTest extends IndexContract {
  @Override
  protected Backend backend(Path dir) {
    return Backend.file(dir);
  }
}
