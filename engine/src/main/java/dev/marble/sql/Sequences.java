package dev.marble.sql;

import dev.marble.storage.Database;
import dev.marble.storage.catalog.Catalog;
import dev.marble.storage.catalog.SchemaDef;
import dev.marble.storage.catalog.SequenceDef;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlUnresolvedFunction;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.util.SqlShuttle;
import org.apache.calcite.util.NlsString;

/**
 * Rewrites {@code NEXT VALUE FOR s} and {@code CURRENT VALUE FOR s}, and PostgreSQL's
 * {@code nextval('s')} and {@code currval('s')}, into calls of Marble's sequence functions before
 * validation (Calcite's own implementation is a per-thread counter in memory). An unknown sequence
 * fails here, naming it. Also turns two functions scripts use everywhere into their standard
 * forms: {@code NOW()} into {@code CURRENT_TIMESTAMP}, {@code IFNULL(a, b)} (H2, MySQL) into
 * {@code COALESCE(a, b)}.
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
      return sequenceCall(kind, id, call);
    }
    if (call.getOperator() instanceof SqlUnresolvedFunction f) {
      String name = f.getName().toUpperCase(Locale.ROOT);
      if (call.operandCount() == 1 && call.operand(0) instanceof SqlCharStringLiteral literal
          && (name.equals("NEXTVAL") || name.equals("CURRVAL"))) {
        return sequenceCall(name.equals("NEXTVAL") ? SqlKind.NEXT_VALUE : SqlKind.CURRENT_VALUE,
            sequenceName(literal), call);
      }
      if (call.operandCount() == 2 && name.equals("IFNULL")) {
        return SqlStdOperatorTable.COALESCE.createCall(call.getParserPosition(),
            call.operand(0).accept(this), call.operand(1).accept(this));
      }
      if (call.operandCount() == 0 && name.equals("NOW")) {
        // As the parser gives CURRENT_TIMESTAMP: an identifier the validator turns into the call.
        return new SqlIdentifier("CURRENT_TIMESTAMP", call.getParserPosition());
      }
    }
    return super.visit(call);
  }

  /**
   * The sequence a {@code nextval} argument names: {@code 's'}, {@code 'schema.s'} or a quoted
   * {@code '"s"'}; unquoted parts fold to upper case, as identifiers do.
   */
  private static SqlIdentifier sequenceName(SqlCharStringLiteral literal) {
    String text = literal.getValueAs(NlsString.class).getValue();
    List<String> names = new ArrayList<>();
    for (String part : text.split("\\.", -1)) {
      String p = part.strip();
      names.add(p.length() > 1 && p.startsWith("\"") && p.endsWith("\"")
          ? p.substring(1, p.length() - 1) : p.toUpperCase(Locale.ROOT));
    }
    return new SqlIdentifier(names, literal.getParserPosition());
  }

  private SqlNode sequenceCall(SqlKind kind, SqlIdentifier id, SqlCall call) {
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
}
