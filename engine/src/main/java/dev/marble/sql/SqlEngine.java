package dev.marble.sql;

import dev.marble.sql.parser.impl.MarbleSqlParserImpl;
import dev.marble.storage.Database;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.validate.SqlConformanceEnum;

/**
 * The SQL front door of one database: parses, plans (once per SQL text, schema and catalog
 * version: the plan cache) and hands back {@link Prepared} statements that sessions execute. Plain
 * statements have their literals lifted into parameters first, so one-off statements that differ
 * only in their values share a plan too.
 *
 * <p>Thread-safe. Plans are immutable and shared by all sessions; a catalog change (DDL) makes the
 * next prepare build a new {@link Snapshot}, and old plans are never found again.
 */
public final class SqlEngine {
  /** Engines by database name, so generated code can reach a database from a literal name. */
  private static final Map<String, SqlEngine> ENGINES = new ConcurrentHashMap<>();
  private static final int PLAN_CACHE_SIZE = 1024;

  static final SqlParser.Config PARSER_CONFIG = SqlParser.config()
      .withParserFactory(MarbleSqlParserImpl.FACTORY)
      .withQuoting(Quoting.DOUBLE_QUOTE)
      .withUnquotedCasing(Casing.TO_UPPER)
      .withQuotedCasing(Casing.UNCHANGED)
      .withCaseSensitive(false)
      .withConformance(SqlConformanceEnum.LENIENT)
      .withIdentifierMaxLength(256);

  private final Database database;
  /**
   * Character strings are UTF-8: Calcite's default (ISO-8859-1) would refuse a literal such as
   * {@code '€'} that a parameter or a stored value holds without trouble.
   */
  private final JavaTypeFactory typeFactory = new JavaTypeFactoryImpl(MarbleTypeSystem.INSTANCE) {
    @Override
    public java.nio.charset.Charset getDefaultCharset() {
      return java.nio.charset.StandardCharsets.UTF_8;
    }

    /**
     * UUID values are java.util.UUID (as storage decodes them). Calcite's default, Object, made
     * generated code call its UUID functions without a cast and compare UUID keys with a comparator
     * that does not compile: CAST(uuid AS VARCHAR) and merge joins on UUID columns failed.
     */
    @Override
    public java.lang.reflect.Type getJavaClass(org.apache.calcite.rel.type.RelDataType type) {
      return type.getSqlTypeName() == org.apache.calcite.sql.type.SqlTypeName.UUID
          ? java.util.UUID.class : super.getJavaClass(type);
    }
  };
  private final BoundedCache<Prepared> plans = new BoundedCache<>(PLAN_CACHE_SIZE);
  /** Lifted texts that failed to plan (e.g. {@code WHERE ? = ?}): their statements run with their literals. */
  private final BoundedCache<Boolean> unliftable = new BoundedCache<>(PLAN_CACHE_SIZE);
  private volatile Snapshot snapshot;
  private final java.util.concurrent.atomic.AtomicLong plansBuilt = new java.util.concurrent.atomic.AtomicLong();

  private SqlEngine(Database database) {
    this.database = database;
  }

  /** The engine of a database (one per open database). */
  public static SqlEngine of(Database database) {
    return ENGINES.compute(database.name(),
        (name, engine) -> engine != null && engine.database == database ? engine : new SqlEngine(database));
  }

  /** Forgets a closed database's engine. */
  public static void release(Database database) {
    ENGINES.computeIfPresent(database.name(), (name, engine) -> engine.database == database ? null : engine);
  }

  static Database database(String name) {
    SqlEngine engine = ENGINES.get(name);
    if (engine == null) {
      throw new SqlEngineException(SqlEngineException.Code.UNKNOWN_OBJECT, "Database " + name + " is not open");
    }
    return engine.database;
  }

  public Database database() {
    return database;
  }

  JavaTypeFactory typeFactory() {
    return typeFactory;
  }

  /** The Calcite view of the current catalog, rebuilt after DDL. */
  Snapshot snapshot() {
    Snapshot s = snapshot;
    if (s == null || s.catalog != database.catalog()) {
      synchronized (this) {
        s = snapshot;
        if (s == null || s.catalog != database.catalog()) {
          s = new Snapshot(this, database.catalog());
          snapshot = s;
        }
      }
    }
    return s;
  }

  /**
   * Parses and plans {@code sql} for {@code session}'s schema, or returns the cached plan. DDL is
   * parsed but not planned; it runs when executed.
   */
  public Prepared prepare(String sql, Session session) {
    Snapshot snap = snapshot();
    String key = key(snap, session, sql);
    Prepared cached = plans.get(key);
    if (cached != null) {
      return cached;
    }
    Prepared prepared = SqlErrors.guard(() -> {
      LockClause lock = LockClause.of(sql);
      if (lock != null) {
        return new Planner(this, snap, session.schema()).prepareLocking(sql, parse(lock.query()), lock);
      }
      SqlNode parsed = parse(sql);
      MultiRowInsert.Template template = MultiRowInsert.of(parsed);
      return template != null ? Prepared.repeated(prepare(template.sql(), session), template.rows(), sql)
          : new Planner(this, snap, session.schema()).prepare(sql, parsed);
    });
    plansBuilt.incrementAndGet();
    if (prepared.cacheable()) {
      plans.put(key, prepared);
    }
    return prepared;
  }

  /**
   * Prepares a plain statement, one that runs once from its text: literals are lifted into
   * parameters where that means the same ({@link LiteralLifter}), so statements that differ only
   * in their values share one plan. The statement keeps its literals and is prepared as by
   * {@link #prepare} when nothing can be lifted, the lifted text does not plan, or a value does
   * not fit its parameter's type exactly; results and errors are then those of the text itself.
   */
  public Bound prepareOneOff(String sql, Session session) {
    LiteralLifter.Lifted lifted = LiteralLifter.lift(sql);
    if (lifted != null) {
      Prepared shared = prepareLifted(lifted.sql(), session);
      Object[] values = shared == null ? null : bind(lifted.literals(), shared.parameters());
      if (values != null) {
        return new Bound(shared, values);
      }
    }
    return new Bound(prepare(sql, session), NO_PARAMETERS);
  }

  private static final Object[] NO_PARAMETERS = {};

  /** The plan of a lifted text, or null when it does not plan: it holds no values, so it never will. */
  private Prepared prepareLifted(String sql, Session session) {
    String key = key(snapshot(), session, sql);
    if (unliftable.get(key) != null) {
      return null;
    }
    try {
      return prepare(sql, session);
    } catch (RuntimeException e) {
      unliftable.put(key, Boolean.TRUE);
      return null;
    }
  }

  /** The literals as values of the parameters, or null when one does not fit its parameter exactly. */
  private static Object[] bind(List<Literal> literals, List<ParameterField> parameters) {
    if (literals.size() != parameters.size()) {
      return null;
    }
    Object[] values = new Object[literals.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = literals.get(i).bindAs(parameters.get(i));
      if (values[i] == null) {
        return null;
      }
    }
    return values;
  }

  /** Plans are per catalog version (DDL makes new ones) and schema (it resolves names). */
  private static String key(Snapshot snap, Session session, String sql) {
    return snap.catalog.version() + "\u0000" + session.schema() + "\u0000" + sql;
  }

  /** How many statements this engine has parsed and planned (cache misses), for tests and diagnostics. */
  public long plansBuilt() {
    return plansBuilt.get();
  }

  /** Parses one statement; a trailing semicolon is fine, a second statement is not. */
  SqlNode parse(String sql) {
    org.apache.calcite.sql.SqlNodeList statements;
    try {
      statements = SqlParser.create(sql, PARSER_CONFIG).parseStmtList();
    } catch (SqlParseException e) {
      throw SqlErrors.syntax(e, sql);
    }
    if (statements.size() != 1) {
      throw new SqlEngineException(SqlEngineException.Code.SYNTAX, statements.isEmpty()
          ? "The SQL text holds no statement"
          : "The SQL text holds " + statements.size() + " statements; run one per execute (or use executeBatch)");
    }
    return statements.get(0);
  }

  SqlNode parseExpression(String sql) {
    try {
      return SqlParser.create(sql, PARSER_CONFIG).parseExpression();
    } catch (SqlParseException e) {
      throw SqlErrors.syntax(e, sql);
    }
  }

  /** The row type of a view's query, validated against {@code snap}. */
  org.apache.calcite.rel.type.RelDataType viewRowType(Snapshot snap, String schema,
      dev.marble.storage.catalog.ViewDef view) {
    return new Planner(this, snap, schema).viewRowType(parse(view.sql()), view.columnNames());
  }
}
