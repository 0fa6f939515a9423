package dev.marble.jdbc.contract;

import java.nio.file.Path;

/** {@link QueryContract} over jdbc:marble:remote:// against a Marble server. */
class RemoteQueryTest extends QueryContract {
  @Override
  protected Backend backend(Path dir) {
    return Backend.remote();
  }
}
