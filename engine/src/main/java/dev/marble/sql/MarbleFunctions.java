package dev.marble.sql;

import dev.marble.storage.Database;
import dev.marble.storage.catalog.SchemaDef;
import dev.marble.storage.catalog.SequenceDef;
import java.lang.reflect.Method;
import org.apache.calcite.linq4j.function.NonDeterministic;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParserPos;
import java.util.List;
import org.apache.calcite.sql.type.InferTypes;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;

/**
 * Functions Marble adds to SQL and calls from generated code: sequence values for {@code NEXT VALUE
 * FOR}, identity columns and hidden row ids; random UUIDs.
 *
 * <p>Calcite's own NEXT VALUE FOR keeps a per-thread in-memory counter; Marble rewrites it (before
 * validation) into {@link #NEXT_VALUE} with the sequence named by a literal, so the value comes from
 * the database's persisted sequence store. The operator is not deterministic, so the planner never
 * folds it into a constant.
 */
public final class MarbleFunctions {
  private static final char SEP = '\u0001';

  public static final SqlUserDefinedFunction NEXT_VALUE = operator("MARBLE$NEXT_VALUE", "nextValue");
  public static final SqlUserDefinedFunction CURRENT_VALUE = operator("MARBLE$CURRENT_VALUE", "currentValue");

  /** PostgreSQL's and H2's names for a random (version 4) UUID, e.g. as a column default. */
  public static final SqlUserDefinedFunction GEN_RANDOM_UUID = uuidOperator("GEN_RANDOM_UUID");
  public static final SqlUserDefinedFunction RANDOM_UUID = uuidOperator("RANDOM_UUID");

  private MarbleFunctions() {}

  /** Called by generated code. */
  @NonDeterministic
  public static java.util.UUID randomUuid() {
    return java.util.UUID.randomUUID();
  }

  /** Called by generated code. */
  @NonDeterministic
  public static long nextValue(String reference) {
    Target t = resolve(reference);
    return t.database.sequences().next(t.key, t.def);
  }

  /** Called by generated code: the value NEXT VALUE FOR would return, minus one step. */
  @NonDeterministic
  public static long currentValue(String reference) {
    Target t = resolve(reference);
    return t.database.sequences().peek(t.key, t.def) - t.def.increment();
  }

  /** A call of NEXT_VALUE for a sequence, as SQL (used to rewrite NEXT VALUE FOR). */
  static SqlNode nextValueCall(SqlUserDefinedFunction op, Database db, String schema, String sequence, SqlParserPos pos) {
    return op.createCall(pos, SqlLiteral.createCharString(reference(db, schema, sequence), pos));
  }

  /** A call of NEXT_VALUE for a sequence, as a row expression (identity and row id defaults). */
  static RexNode nextValueRex(RexBuilder rexBuilder, Database db, String schema, String sequence) {
    return rexBuilder.makeCall(NEXT_VALUE, rexBuilder.makeLiteral(reference(db, schema, sequence)));
  }

  private static String reference(Database db, String schema, String sequence) {
    return db.name() + SEP + schema + SEP + sequence;
  }

  private record Target(Database database, String key, SequenceDef def) {}

  private static Target resolve(String reference) {
    int a = reference.indexOf(SEP);
    int b = reference.indexOf(SEP, a + 1);
    Database db = SqlEngine.database(reference.substring(0, a));
    String schema = reference.substring(a + 1, b);
    String name = reference.substring(b + 1);
    SchemaDef s = db.catalog().schema(schema);
    SequenceDef def = s == null ? null : s.sequence(name);
    if (def == null) {
      throw new SqlEngineException(SqlEngineException.Code.UNKNOWN_OBJECT,
          "Sequence " + schema + "." + name + " does not exist");
    }
    return new Target(db, dev.marble.storage.SequenceStore.key(schema, def.name()), def);
  }

  private static SqlUserDefinedFunction uuidOperator(String name) {
    Method method;
    try {
      method = MarbleFunctions.class.getMethod("randomUuid");
    } catch (NoSuchMethodException e) {
      throw new ExceptionInInitializerError(e);
    }
    return new SqlUserDefinedFunction(new SqlIdentifier(name, SqlParserPos.ZERO), SqlKind.OTHER_FUNCTION,
        ReturnTypes.explicit(SqlTypeName.UUID), null,
        OperandTypes.operandMetadata(List.of(), types -> List.of(), i -> "", i -> false),
        ScalarFunctionImpl.create(method)) {
      @Override
      public boolean isDeterministic() {
        return false;
      }
    };
  }

  private static SqlUserDefinedFunction operator(String name, String methodName) {
    Method method;
    try {
      method = MarbleFunctions.class.getMethod(methodName, String.class);
    } catch (NoSuchMethodException e) {
      throw new ExceptionInInitializerError(e);
    }
    return new SqlUserDefinedFunction(new SqlIdentifier(name, SqlParserPos.ZERO), SqlKind.OTHER_FUNCTION,
        ReturnTypes.BIGINT_NULLABLE, InferTypes.RETURN_TYPE,
        OperandTypes.operandMetadata(List.of(SqlTypeFamily.CHARACTER),
            types -> List.of(types.createSqlType(SqlTypeName.VARCHAR)), i -> "sequence", i -> false),
        ScalarFunctionImpl.create(method)) {
      @Override
      public boolean isDeterministic() {
        return false;
      }
    };
  }
}
