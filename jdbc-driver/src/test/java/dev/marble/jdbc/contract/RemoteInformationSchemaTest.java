package dev.marble.jdbc.contract;

import java.nio.file.Path;

/** {@link InformationSchemaContract} over jdbc:marble:remote:// against a Marble server. */
class RemoteInformationSchemaTest extends InformationSchemaContract {
  @Override
  protected Backend backend(Path dir) {
    return Backend.remote();
  }
}
