package dev.marble.jdbc.contract;

import java.nio.file.Path;

/** {@link JdbcApiContract} over jdbc:marble:remote:// against a Marble server. */
class RemoteJdbcApiTest extends JdbcApiContract {
  @Override
  protected Backend backend(Path dir) {
    return Backend.remote();
  }
}
