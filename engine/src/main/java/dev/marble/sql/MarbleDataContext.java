package dev.marble.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.schema.SchemaPlus;

/**
 * What a running statement sees: its parameters ({@code "?0"}, ...), the objects its plan stashed,
 * the clock of the statement (CURRENT_TIMESTAMP is the same for every row), the session, and the
 * generated keys the statement produced.
 */
public final class MarbleDataContext implements DataContext {
  private final Session session;
  private final SchemaPlus rootSchema;
  private final JavaTypeFactory typeFactory;
  private final Map<String, Object> stashed;
  private final Object[] parameters;
  private final long utcMillis = System.currentTimeMillis();
  private final TimeZone timeZone = TimeZone.getDefault();
  private final AtomicBoolean cancelFlag;
  private final List<Object[]> generatedKeys;
  private final dev.marble.storage.ReadView view;
  private final ReferentialChecks.Scope foreignKeys;

  MarbleDataContext(Session session, SchemaPlus rootSchema, JavaTypeFactory typeFactory,
      Map<String, Object> stashed, Object[] parameters, AtomicBoolean cancelFlag, boolean collectKeys,
      dev.marble.storage.ReadView view, ReferentialChecks.Scope foreignKeys) {
    this.view = view;
    this.foreignKeys = foreignKeys;
    this.session = session;
    this.rootSchema = rootSchema;
    this.typeFactory = typeFactory;
    this.stashed = stashed;
    this.parameters = parameters;
    this.cancelFlag = cancelFlag;
    this.generatedKeys = collectKeys ? new ArrayList<>() : null;
  }

  /** The session a statement runs in, from the context Calcite's generated code passes around. */
  public static Session session(DataContext root) {
    return ((MarbleDataContext) root).session;
  }

  /**
   * Fails the statement if it was cancelled (Statement.cancel, or its query timeout passed).
   * Scans and writes call this every few hundred rows, so a cancel takes effect promptly
   * without a cost per row.
   */
  public static void checkCancelled(DataContext root) {
    AtomicBoolean flag = ((MarbleDataContext) root).cancelFlag;
    if (flag != null && flag.get()) {
      throw new SqlEngineException(SqlEngineException.Code.CANCELLED,
          "The statement was cancelled (Statement.cancel or its query timeout)");
    }
  }

  /** What the statement reads: the database as of its snapshot (see {@code Versions}). */
  public static dev.marble.storage.ReadView readView(DataContext root) {
    return ((MarbleDataContext) root).view;
  }

  /** The foreign key checks of the statement, shared by all its runs (a query has none). */
  static ReferentialChecks.Scope foreignKeys(DataContext root) {
    return ((MarbleDataContext) root).foreignKeys;
  }

  /** Where inserts record the rows whose keys JDBC's getGeneratedKeys returns; null if unwanted. */
  public static List<Object[]> generatedKeys(DataContext root) {
    return ((MarbleDataContext) root).generatedKeys;
  }

  List<Object[]> generatedKeys() {
    return generatedKeys;
  }

  @Override
  public SchemaPlus getRootSchema() {
    return rootSchema;
  }

  @Override
  public JavaTypeFactory getTypeFactory() {
    return typeFactory;
  }

  @Override
  public QueryProvider getQueryProvider() {
    return null;
  }

  @Override
  public Object get(String name) {
    if (name.startsWith("?")) {
      return parameters[Integer.parseInt(name.substring(1))];
    }
    Object stash = stashed.get(name);
    if (stash != null) {
      return stash;
    }
    long offset = timeZone.getOffset(utcMillis);
    if (Variable.UTC_TIMESTAMP.camelName.equals(name)) {
      return utcMillis;
    } else if (Variable.CURRENT_TIMESTAMP.camelName.equals(name)
        || Variable.LOCAL_TIMESTAMP.camelName.equals(name)) {
      return utcMillis + offset;
    } else if (Variable.TIME_ZONE.camelName.equals(name)) {
      return timeZone;
    } else if (Variable.CANCEL_FLAG.camelName.equals(name)) {
      return cancelFlag;
    } else if (Variable.USER.camelName.equals(name) || Variable.SYSTEM_USER.camelName.equals(name)) {
      return session.user();
    } else if (Variable.LOCALE.camelName.equals(name)) {
      return java.util.Locale.ROOT;
    }
    return null;
  }
}
