package dev.marble.sql;

import dev.marble.storage.catalog.ColumnDef;
import dev.marble.storage.catalog.SchemaDef;
import dev.marble.storage.catalog.TableDef;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.calcite.DataContexts;
import org.apache.calcite.adapter.enumerable.EnumerableCalc;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableInterpretable;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRules;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.config.CalciteConnectionConfigImpl;
import org.apache.calcite.config.CalciteConnectionProperty;
import org.apache.calcite.plan.ConventionTraitDef;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.plan.volcano.VolcanoPlanner;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.rel.RelCollationTraitDef;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexExecutorImpl;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.runtime.Bindable;
import org.apache.calcite.sql.SqlExplain;
import org.apache.calcite.sql.SqlExplainLevel;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.fun.SqlLibrary;
import org.apache.calcite.sql.fun.SqlLibraryOperatorTableFactory;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlOperatorTables;
import org.apache.calcite.sql.validate.SqlConformanceEnum;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql2rel.SqlToRelConverter;
import org.apache.calcite.sql2rel.StandardConvertletTable;
import org.apache.calcite.tools.Program;
import org.apache.calcite.tools.Programs;
import org.apache.calcite.util.Pair;

/**
 * Plans one statement: validate, convert to relational algebra, optimise with Marble's rules,
 * generate and compile Java code. One instance per prepare; not thread-safe.
 */
final class Planner {
  /** Built-in SQL functions: the standard ones plus the common PostgreSQL/MySQL/Oracle ones. */
  private static final SqlOperatorTable FUNCTIONS = SqlOperatorTables.chain(
      SqlStdOperatorTable.instance(),
      SqlLibraryOperatorTableFactory.INSTANCE.getOperatorTable(
          EnumSet.of(SqlLibrary.POSTGRESQL, SqlLibrary.MYSQL, SqlLibrary.ORACLE)),
      SqlOperatorTables.of(MarbleFunctions.NEXT_VALUE, MarbleFunctions.CURRENT_VALUE,
          MarbleFunctions.GEN_RANDOM_UUID, MarbleFunctions.RANDOM_UUID));

  private static final CalciteConnectionConfig CONFIG = config();

  private final SqlEngine engine;
  private final Snapshot snapshot;
  private final String schema;
  private final CalciteCatalogReader reader;
  /** The cluster of the statement being converted; views expand into it. */
  private RelOptCluster cluster;

  Planner(SqlEngine engine, Snapshot snapshot, String schema) {
    this.engine = engine;
    this.snapshot = snapshot;
    this.schema = schema;
    this.reader = new CalciteCatalogReader(snapshot.root, List.of(schema), engine.typeFactory(), CONFIG);
  }

  private static CalciteConnectionConfig config() {
    Properties p = new Properties();
    p.setProperty(CalciteConnectionProperty.CASE_SENSITIVE.camelName(), "false");
    p.setProperty(CalciteConnectionProperty.CONFORMANCE.camelName(), SqlConformanceEnum.LENIENT.name());
    return new CalciteConnectionConfigImpl(p);
  }

  Prepared prepare(String sql, SqlNode parsed) {
    if (parsed instanceof dev.marble.sql.parser.MarbleTransaction control) {
      return Prepared.transaction(engine, sql, control);
    }
    if (parsed instanceof dev.marble.sql.parser.MarbleAdmin admin) {
      return Prepared.admin(engine, sql, admin);
    }
    if (DdlExecutor.handles(parsed)) {
      return Prepared.ddl(engine, sql, parsed);
    }
    SqlNode node = Merges.rewrite(Sequences.rewrite(parsed, engine.database(), snapshot.catalog, schema));
    if (node instanceof SqlExplain explain) {
      Compiled c = compile(explain.getExplicandum(), false);
      String text = RelOptUtil.toString(c.rel, SqlExplainLevel.EXPPLAN_ATTRIBUTES);
      ResultField plan = new ResultField("PLAN", "PLAN", null, null, SqlTypeName.VARCHAR, text.length(), 0,
          false, null, false);
      return Prepared.explain(engine, sql, List.of(plan), c.parameters, text, c.accesses);
    }
    boolean dml = node.getKind().belongsTo(SqlKind.DML);
    if (dml) {
      rejectSystemTarget(node);
    }
    Compiled c = compile(node, dml);
    Map<String, Object> stash = new HashMap<>();
    @SuppressWarnings("unchecked")
    Bindable<Object> bindable = EnumerableInterpretable.toBindable(stash, null, c.rel, EnumerableRel.Prefer.ARRAY);
    dev.marble.storage.Table target = dml ? ((MarbleModify) c.rel).getTable().unwrapOrThrow(MarbleTable.class).table() : null;
    return Prepared.plan(engine, sql, target, dml ? List.of() : c.fields, c.parameters, bindable, Map.copyOf(stash),
        c.accesses);
  }

  /**
   * Plans a query that ends in a locking clause (cut off into {@code lock}): its result carries
   * the rows to lock as hidden columns, see {@link RowLocking}.
   */
  Prepared prepareLocking(String sql, SqlNode parsed, LockClause lock) {
    RowLocking.select(parsed);
    SqlNode node = Sequences.rewrite(parsed, engine.database(), snapshot.catalog, schema);
    // validation rewrites the tree it checks, so a second parse is the one asked about aggregates
    SqlValidator validator = validator(false);
    SqlNode validated = validator.validate(
        Sequences.rewrite(engine.parse(lock.query()), engine.database(), snapshot.catalog, schema));
    RowLocking.checkNotAggregate(validator.isAggregate(RowLocking.select(validated)));
    List<RowLocking.Locked> locked = RowLocking.rewrite(node, lock, this::lockable);
    Compiled c = compile(node, false);
    RowLocking locking = RowLocking.of(locked, c.fields.size(), lock.nowait());
    Map<String, Object> stash = new HashMap<>();
    @SuppressWarnings("unchecked")
    Bindable<Object> bindable = EnumerableInterpretable.toBindable(stash, null, c.rel, EnumerableRel.Prefer.ARRAY);
    // locking rows is a step towards changing them: UPDATE is needed too, as in PostgreSQL
    List<Access> accesses = new ArrayList<>(c.accesses);
    locked.forEach(l -> accesses.add(new Access(l.table().schema(), l.table().def().name(),
        dev.marble.storage.catalog.Privilege.UPDATE)));
    return Prepared.locking(engine, sql, c.fields.subList(0, locking.visible()), c.parameters, bindable,
        Map.copyOf(stash), locking, accesses);
  }

  /** The Marble table a FROM name denotes, or null for a view. */
  private dev.marble.storage.Table lockable(org.apache.calcite.sql.SqlIdentifier name) {
    org.apache.calcite.prepare.Prepare.PreparingTable t = reader.getTable(name.names);
    MarbleTable table = t == null ? null : t.unwrap(MarbleTable.class);
    return table == null ? null : table.table();
  }

  /** INFORMATION_SCHEMA is read-only: a DML statement must not target one of its tables. */
  private void rejectSystemTarget(SqlNode node) {
    SqlNode target = null;
    if (node instanceof org.apache.calcite.sql.SqlInsert insert) {
      target = insert.getTargetTable();
    } else if (node instanceof org.apache.calcite.sql.SqlUpdate update) {
      target = update.getTargetTable();
    } else if (node instanceof org.apache.calcite.sql.SqlDelete delete) {
      target = delete.getTargetTable();
    } else if (node instanceof org.apache.calcite.sql.SqlMerge merge) {
      target = merge.getTargetTable();
    }
    if (target instanceof org.apache.calcite.sql.SqlIdentifier id) {
      String targetSchema = id.names.size() > 1 ? id.names.get(id.names.size() - 2) : schema;
      InformationSchema.rejectChange(targetSchema, node.getKind().sql);
    }
  }

  RelDataType viewRowType(SqlNode query, List<String> columnNames) {
    SqlValidator validator = validator(false);
    SqlNode validated = validator.validate(Sequences.rewrite(query, engine.database(), snapshot.catalog, schema));
    RelDataType type = validator.getValidatedNodeType(validated);
    if (columnNames == null || columnNames.isEmpty()) {
      return type;
    }
    return engine.typeFactory().createStructType(
        type.getFieldList().stream().map(RelDataTypeField::getType).toList(), columnNames);
  }

  /**
   * Validates a CHECK condition against a table's columns (the table may not exist yet): it must be
   * a boolean expression over those columns, without subqueries.
   */
  void validateCheck(dev.marble.storage.catalog.TableDef table, dev.marble.storage.catalog.ConstraintDef check) {
    Map<String, RelDataType> types = new HashMap<>();
    for (ColumnDef c : table.columns()) {
      types.put(c.name(), MarbleTypes.toRelType(engine.typeFactory(), c));
    }
    SqlValidator validator = validator(false);
    SqlNode validated = validator.validateParameterizedExpression(engine.parseExpression(check.checkSql()), types);
    RelDataType type = validator.getValidatedNodeType(validated);
    if (type.getSqlTypeName() != SqlTypeName.BOOLEAN) {
      throw new SqlEngineException(SqlEngineException.Code.INVALID_STATEMENT, "Check constraint " + check.name()
          + " of table " + table.name() + " must be a condition, not a " + type.getSqlTypeName() + " value");
    }
  }

  /** Result fields of a view's query, with the origins of its columns. */
  List<ResultField> viewFields(dev.marble.storage.catalog.ViewDef view) {
    SqlValidator validator = validator(false);
    SqlNode validated = validator.validate(
        Sequences.rewrite(engine.parse(view.sql()), engine.database(), snapshot.catalog, schema));
    return resultFields(validator, validated);
  }

  private record Compiled(EnumerableRel rel, List<ResultField> fields, List<ParameterField> parameters,
      List<Access> accesses) {}

  private Compiled compile(SqlNode node, boolean dml) {
    MarbleValidator validator = validator(dml && !isInsert(node));
    SqlNode validated = validator.validate(node);
    List<Access> accesses = validator.accesses();
    List<ResultField> fields = dml ? List.of() : resultFields(validator, validated);
    List<ParameterField> params = new ArrayList<>();
    for (RelDataTypeField f : validator.getParameterRowType(validated).getFieldList()) {
      RelDataType t = f.getType();
      params.add(new ParameterField(t.getSqlTypeName(), t.getPrecision(), t.getScale()));
    }
    VolcanoPlanner planner = planner(node instanceof org.apache.calcite.sql.SqlInsert insert && insert.isUpsert());
    cluster = RelOptCluster.create(planner, new RexBuilder(engine.typeFactory()));
    SqlToRelConverter converter = new SqlToRelConverter(this::expandView, validator, reader, cluster,
        StandardConvertletTable.INSTANCE,
        SqlToRelConverter.config().withTrimUnusedFields(true).withExpand(false)
            // Calcite converts a MERGE's source twice (for the join and for the INSERT values) and
            // maps one onto the other by position; merged projections shift those positions, and a
            // VALUES or constant source then inserted the wrong columns.
            .withRelBuilderConfigTransform(c -> node.getKind() == SqlKind.MERGE ? c.withBloat(-1) : c));
    RelRoot root = converter.convertQuery(validated, false, true);
    RelNode rel = Checks.attach(root.rel, engine, validator, converter);
    rel = converter.flattenTypes(rel, true);
    Program program = Programs.standard();
    RelTraitSet desired = rel.getTraitSet().replace(EnumerableConvention.INSTANCE).replace(root.collation).simplify();
    EnumerableRel best = (EnumerableRel) program.run(planner, rel, desired, List.of(), List.of());
    if (!dml && !root.isRefTrivial()) {
      best = projectRoot(best, root);
    }
    return new Compiled(best, fields, params, accesses);
  }

  private static boolean isInsert(SqlNode node) {
    return node.getKind() == SqlKind.INSERT;
  }

  /** Keeps only the root's fields (ORDER BY may have added hidden sort columns). */
  private static EnumerableRel projectRoot(EnumerableRel rel, RelRoot root) {
    RexBuilder rexBuilder = rel.getCluster().getRexBuilder();
    List<RexNode> projects = new ArrayList<>();
    for (int field : Pair.left(root.fields)) {
      projects.add(rexBuilder.makeInputRef(rel, field));
    }
    RexProgram program = RexProgram.create(rel.getRowType(), projects, null, root.validatedRowType, rexBuilder);
    return EnumerableCalc.create(rel, program);
  }

  private MarbleValidator validator(boolean showRowId) {
    SqlValidator.Config config = SqlValidator.Config.DEFAULT
        .withIdentifierExpansion(true)
        .withConformance(SqlConformanceEnum.LENIENT)
        .withDefaultNullCollation(org.apache.calcite.config.NullCollation.LOW);
    return new MarbleValidator(SqlOperatorTables.chain(FUNCTIONS, reader), reader, engine.typeFactory(), config,
        showRowId);
  }

  private VolcanoPlanner planner(boolean upsert) {
    // Rules read the connection config from the planner's context (FilterDateRangeRule, which
    // rewrites EXTRACT(YEAR FROM d) = 2024 into a range, fails without it).
    VolcanoPlanner planner = new VolcanoPlanner(org.apache.calcite.plan.Contexts.of(CONFIG));
    planner.addRelTraitDef(ConventionTraitDef.INSTANCE);
    planner.addRelTraitDef(RelCollationTraitDef.INSTANCE);
    RelOptUtil.registerDefaultRules(planner, false, false);
    planner.removeRule(EnumerableRules.ENUMERABLE_TABLE_MODIFICATION_RULE);
    MarbleRules.register(planner, upsert);
    planner.setExecutor(new RexExecutorImpl(DataContexts.EMPTY));
    return planner;
  }

  /** Plans a view's query in place (Calcite calls this for every view reference). */
  private RelRoot expandView(RelDataType rowType, String queryString, List<String> schemaPath,
      List<String> viewPath) {
    Planner inner = new Planner(engine, snapshot, schemaPath.isEmpty() ? schema : schemaPath.get(0));
    SqlValidator validator = inner.validator(false);
    SqlNode parsed = Sequences.rewrite(engine.parse(queryString), engine.database(), snapshot.catalog, inner.schema);
    SqlNode validated = validator.validate(parsed);
    inner.cluster = cluster;
    SqlToRelConverter converter = new SqlToRelConverter(inner::expandView, validator, inner.reader, cluster,
        StandardConvertletTable.INSTANCE, SqlToRelConverter.config().withTrimUnusedFields(false).withExpand(false));
    return converter.convertQuery(validated, false, true);
  }

  private List<ResultField> resultFields(SqlValidator validator, SqlNode validated) {
    RelDataType type = validator.getValidatedNodeType(validated);
    List<List<String>> origins = validator.getFieldOrigins(validated);
    List<ResultField> fields = new ArrayList<>();
    List<RelDataTypeField> list = type.getFieldList();
    for (int i = 0; i < list.size(); i++) {
      RelDataTypeField f = list.get(i);
      List<String> origin = origins == null || i >= origins.size() ? null : origins.get(i);
      fields.add(field(f, origin));
    }
    return fields;
  }

  /** A result column; {@code origin} is [catalog, schema, table, column] of a plain column reference. */
  private ResultField field(RelDataTypeField f, List<String> origin) {
    RelDataType t = f.getType();
    if (origin == null || origin.size() < 3) {
      return new ResultField(f.getName(), f.getName(), null, null, t.getSqlTypeName(), t.getPrecision(),
          t.getScale(), t.isNullable(), null, false);
    }
    String schemaName = origin.get(origin.size() - 3);
    String tableName = origin.get(origin.size() - 2);
    String columnName = origin.get(origin.size() - 1);
    SchemaDef s = snapshot.catalog.schema(schemaName);
    TableDef table = s == null ? null : s.table(tableName);
    ColumnDef column = table == null ? null : table.column(columnName);
    if (column != null) {
      int precision = column.precision() > 0 ? column.precision() : t.getPrecision();
      int scale = column.type() == dev.marble.storage.ColumnType.DECIMAL ? column.scale() : t.getScale();
      return new ResultField(f.getName(), columnName, schemaName, tableName, t.getSqlTypeName(), precision, scale,
          t.isNullable(), column.type(), column.identity() != null);
    }
    ResultField viewColumn = s == null || s.view(tableName) == null ? null
        : snapshot.viewField(schemaName, s.view(tableName), columnName);
    if (viewColumn != null) {
      return new ResultField(f.getName(), columnName, schemaName, tableName, t.getSqlTypeName(),
          viewColumn.precision(), viewColumn.scale(), t.isNullable(), viewColumn.storageType(), false);
    }
    return new ResultField(f.getName(), columnName, schemaName, tableName, t.getSqlTypeName(), t.getPrecision(),
        t.getScale(), t.isNullable(), null, false);
  }
}
