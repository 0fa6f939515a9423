package dev.marble.jdbc.contract;

import java.nio.file.Path;

/** {@link ForeignKeyContract} over jdbc:marble:remote:// against a Marble server. */
class RemoteForeignKeyTest extends ForeignKeyContract {
  @Override
  protected Backend backend(Path dir) {
    return Backend.remote();
  }
}
