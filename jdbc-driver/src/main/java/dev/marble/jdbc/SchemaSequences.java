package dev.marble.jdbc;

import dev.marble.storage.catalog.SchemaDef;
import dev.marble.storage.catalog.SequenceDef;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The sequences a user created in a schema. {@link java.sql.DatabaseMetaData} has no call that lists
 * sequences, yet a tool that must remove every object of a schema (Flyway's {@code clean} of the
 * default schema, which cannot be dropped) has to find them; identity columns' internal sequences
 * are not listed, they go with their table.
 */
public final class SchemaSequences {
  private SchemaSequences() {}

  /** Names in the catalog's spelling, sorted; empty when the schema does not exist. */
  public static List<String> names(Connection connection, String schema) throws SQLException {
    MarbleConnection marble = connection.unwrap(MarbleConnection.class);
    marble.checkOpen();
    SchemaDef def = marble.database().catalog().schema(schema);
    if (def == null) {
      return List.of();
    }
    return def.sequences().values().stream()
        .filter(s -> !s.internal())
        .map(SequenceDef::name)
        .sorted()
        .toList();
  }
}
