package dev.marble.jdbc.contract;

import java.nio.file.Path;

/** {@link SqlContract} over jdbc:marble:remote:// against a Marble server. */
class RemoteSqlTest extends SqlContract {
  @Override
  protected Backend backend(Path dir) {
    return Backend.remote();
  }
}
