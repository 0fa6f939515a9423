package dev.marble.jdbc.contract;

import java.nio.file.Path;

/** {@link UsersContract} on a memory database. */
class MemoryUsersTest extends UsersContract {
  @Override
  protected Backend backend(Path dir) {
    return Backend.memory();
  }
}
