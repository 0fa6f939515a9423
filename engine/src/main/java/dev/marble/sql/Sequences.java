package dev.marble.sql;

import dev.marble.storage.Database;
import dev.marble.storage.catalog.Catalog;
import dev.marble.storage.catalog.SchemaDef;
import dev.marble.storage.catalog.SequenceDef;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.util.SqlShuttle;

/**
 * Rewrites {@code NEXT VALUE FOR s} and {@code CURRENT VALUE FOR s} into calls of Marble's sequence
 * functions before validation (Calcite's own implementation is a per-thread counter in memory).
 * An unknown sequence fails here, naming it.
 */
final class Sequences extends SqlShuttle {
  private final Database database;
  private final Catalog catalog;
  private final String schema;

  private Sequences(Database database, Catalog catalog, String schema) {
    this.database = database;
    this.catalog = catalog;
    this.schema = schema;
  }

  static SqlNode rewrite(SqlNode node, Database database, Catalog catalog, String schema) {
    return node.accept(new Sequences(database, catalog, schema));
  }

  @Override
  public SqlNode visit(SqlCall call) {
    SqlKind kind = call.getKind();
    if ((kind == SqlKind.NEXT_VALUE || kind == SqlKind.CURRENT_VALUE)
        && call.operand(0) instanceof SqlIdentifier id) {
      String schemaName = id.names.size() > 1 ? id.names.get(id.names.size() - 2) : schema;
      String name = id.names.get(id.names.size() - 1);
      SchemaDef s = catalog.schema(schemaName);
      SequenceDef def = s == null ? null : s.sequence(name);
      if (def == null || def.internal()) {
        throw new SqlEngineException(SqlEngineException.Code.UNKNOWN_OBJECT,
            "Sequence " + schemaName + "." + name + " does not exist");
      }
      return MarbleFunctions.nextValueCall(
          kind == SqlKind.NEXT_VALUE ? MarbleFunctions.NEXT_VALUE : MarbleFunctions.CURRENT_VALUE,
          database, s.name(), def.name(), call.getParserPosition());
    }
    return super.visit(call);
  }
}
