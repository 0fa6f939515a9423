package dev.marble.jdbc.contract;

import java.nio.file.Path;

/** {@link QueryContract} on a file database. */
class FileQueryTest extends QueryContract {
  @Override
  protected Backend backend(Path dir) {
    return Backend.file(dir);
  }
}
