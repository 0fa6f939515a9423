package dev.marble.jdbc.contract;

import java.nio.file.Path;

/** {@link JdbcApiContract} on a file database. */
class FileJdbcApiTest extends JdbcApiContract {
  @Override
  protected Backend backend(Path dir) {
    return Backend.file(dir);
  }
}
