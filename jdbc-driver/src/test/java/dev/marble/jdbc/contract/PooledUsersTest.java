package dev.marble.jdbc.contract;

import java.nio.file.Path;

/** {@link UsersContract} on a pooled database. */
class PooledUsersTest extends UsersContract {
  @Override
  protected Backend backend(Path dir) {
    return Backend.pooled(dir);
  }
}
