package dev.marble.jdbc.contract;

import java.nio.file.Path;

/** {@link IndexContract} over jdbc:marble:remote:// against a Marble server. */
class RemoteIndexTest extends IndexContract {
  @Override
  protected Backend backend(Path dir) {
    return Backend.remote();
  }
}
