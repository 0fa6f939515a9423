package dev.marble.sql;

import dev.marble.sql.parser.impl.MarbleSqlParserImpl;
import dev.marble.storage.Database;
import java.util.LinkedHashMap;
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
 * version: the plan cache) and hands back {@link Prepared} statements that sessions execute.
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
  private final JavaTypeFactory typeFactory = new JavaTypeFactoryImpl(MarbleTypeSystem.INSTANCE);
  private final Map<String, Prepared> plans = new LinkedHashMap<>(64, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Prepared> eldest) {
      return size() > PLAN_CACHE_SIZE;
    }
  };
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
    String key = snap.catalog.version() + "\u0000" + session.schema() + "\u0000" + sql;
    Prepared cached;
    synchronized (plans) {
      cached = plans.get(key);
    }
    if (cached != null) {
      return cached;
    }
    Prepared prepared = SqlErrors.guard(() -> new Planner(this, snap, session.schema()).prepare(sql, parse(sql)));
    plansBuilt.incrementAndGet();
    if (prepared.cacheable()) {
      synchronized (plans) {
        plans.put(key, prepared);
      }
    }
    return prepared;
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
