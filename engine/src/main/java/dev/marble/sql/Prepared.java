package dev.marble.sql;

import dev.marble.storage.ReadView;
import dev.marble.storage.StorageException;
import dev.marble.storage.Table;
import dev.marble.storage.Transaction;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.runtime.Bindable;
import org.apache.calcite.sql.SqlNode;

/**
 * A statement ready to run: a compiled plan (query or DML), a DDL command, or an EXPLAIN result.
 * Immutable and shared by every session that prepares the same SQL against the same catalog.
 */
public final class Prepared {
  /** What a statement is, which decides how it runs and what JDBC returns. */
  public enum Kind { QUERY, DML, DDL, EXPLAIN, TRANSACTION, ADMIN }

  private final SqlEngine engine;
  private final String sql;
  private final Kind kind;
  private final List<ResultField> fields;
  private final List<ParameterField> parameters;
  private final Bindable<Object> bindable;
  private final Map<String, Object> stash;
  /** The statement itself, for DDL and transaction control (they run from the tree). */
  private final SqlNode ddl;
  private final String planText;
  private final Table target;
  /** How often the plan runs, each time with the next slice of the parameters (multi-row INSERT). */
  private final int runs;
  /** A SELECT ... FOR UPDATE: what to lock of each result row; null for other statements. */
  private final RowLocking locking;
  /** The privileges a query, DML statement or EXPLAIN needs, checked at each execution. */
  private final List<Access> accesses;

  private Prepared(SqlEngine engine, String sql, Kind kind, List<ResultField> fields,
      List<ParameterField> parameters, Bindable<Object> bindable, Map<String, Object> stash, SqlNode ddl,
      String planText, Table target, int runs, RowLocking locking, List<Access> accesses) {
    this.engine = engine;
    this.sql = sql;
    this.kind = kind;
    this.fields = List.copyOf(fields);
    this.parameters = List.copyOf(parameters);
    this.bindable = bindable;
    this.stash = stash;
    this.ddl = ddl;
    this.planText = planText;
    this.target = target;
    this.runs = runs;
    this.locking = locking;
    this.accesses = List.copyOf(accesses);
  }

  static Prepared plan(SqlEngine engine, String sql, Table target, List<ResultField> fields,
      List<ParameterField> parameters, Bindable<Object> bindable, Map<String, Object> stash, List<Access> accesses) {
    return new Prepared(engine, sql, target != null ? Kind.DML : Kind.QUERY, fields, parameters, bindable, stash,
        null, null, target, 1, null, accesses);
  }

  /** A query whose rows are locked (SELECT ... FOR UPDATE); {@code fields} are the visible ones. */
  static Prepared locking(SqlEngine engine, String sql, List<ResultField> fields, List<ParameterField> parameters,
      Bindable<Object> bindable, Map<String, Object> stash, RowLocking locking, List<Access> accesses) {
    return new Prepared(engine, sql, Kind.QUERY, fields, parameters, bindable, stash, null, null, null, 1, locking,
        accesses);
  }

  /** {@code oneRow}, an INSERT of one row of parameters, run once per row of a {@code rows}-row INSERT. */
  static Prepared repeated(Prepared oneRow, int rows, String sql) {
    List<ParameterField> all = new java.util.ArrayList<>();
    for (int r = 0; r < rows; r++) {
      all.addAll(oneRow.parameters);
    }
    return new Prepared(oneRow.engine, sql, Kind.DML, List.of(), all, oneRow.bindable, oneRow.stash, null, null,
        oneRow.target, rows, null, oneRow.accesses);
  }

  static Prepared ddl(SqlEngine engine, String sql, SqlNode node) {
    return new Prepared(engine, sql, Kind.DDL, List.of(), List.of(), null, Map.of(), node, null, null, 1, null,
        List.of());
  }

  static Prepared transaction(SqlEngine engine, String sql, dev.marble.sql.parser.MarbleTransaction node) {
    return new Prepared(engine, sql, Kind.TRANSACTION, List.of(), List.of(), null, Map.of(), node, null, null, 1,
        null, List.of());
  }

  static Prepared admin(SqlEngine engine, String sql, dev.marble.sql.parser.MarbleAdmin node) {
    List<ResultField> fields = node.action == dev.marble.sql.parser.MarbleAdmin.Action.CHECK_DATABASE
        ? Admin.CHECK_FIELDS : List.of();
    return new Prepared(engine, sql, Kind.ADMIN, fields, List.of(), null, Map.of(), node, null, null, 1, null,
        List.of());
  }

  static Prepared explain(SqlEngine engine, String sql, List<ResultField> fields, List<ParameterField> params,
      String planText, List<Access> accesses) {
    return new Prepared(engine, sql, Kind.EXPLAIN, fields, params, null, Map.of(), null, planText, null, 1, null,
        accesses);
  }

  public String sql() {
    return sql;
  }

  public Kind kind() {
    return kind;
  }

  /** Result columns of a query or EXPLAIN; empty otherwise. */
  public List<ResultField> fields() {
    return fields;
  }

  public List<ParameterField> parameters() {
    return parameters;
  }

  /** The table an INSERT, UPDATE, DELETE or MERGE writes; null for other statements. */
  public Table target() {
    return target;
  }

  boolean cacheable() {
    return kind == Kind.QUERY || kind == Kind.DML;
  }

  /**
   * Runs the statement in {@code session}. A failing statement leaves nothing behind: its writes
   * are undone, the rest of the transaction stays. In auto-commit mode a successful write commits.
   *
   * @param params parameter values in Calcite's runtime representation, one per {@code ?}
   * @param collectKeys whether to return inserted rows for getGeneratedKeys
   */
  public Execution execute(Session session, Object[] params, boolean collectKeys, AtomicBoolean cancel) {
    session.startStatement();
    return SqlErrors.guard(() -> {
      checkPrivileges(session);
      return run(session, params, collectKeys, cancel);
    });
  }

  /** Before anything runs (a DDL statement would commit the open transaction first). */
  private void checkPrivileges(Session session) {
    switch (kind) {
      case QUERY, DML, EXPLAIN -> Privileges.check(session, accesses);
      case DDL -> DdlExecutor.checkPrivileges(session, ddl);
      case ADMIN -> Privileges.requireAdmin(session, ((dev.marble.sql.parser.MarbleAdmin) ddl).action.name()
          .replace('_', ' '));
      case TRANSACTION -> { }
    }
  }

  private Execution run(Session session, Object[] params, boolean collectKeys, AtomicBoolean cancel) {
    return switch (kind) {
      case QUERY -> query(session, params, cancel);
      case DML -> write(session, params, collectKeys, cancel);
      case DDL -> {
        if (session.inTransaction()) {
          session.commit(); // DDL commits the open transaction first, as in Oracle and MySQL
        }
        long count = new DdlExecutor(engine, session).execute(ddl, sql);
        yield Execution.count(count, null);
      }
      case EXPLAIN -> new Execution(Linq4j.enumerator(List.<Object[]>of(new Object[] {planText})), -1, null);
      case TRANSACTION -> {
        control(session, (dev.marble.sql.parser.MarbleTransaction) ddl);
        yield Execution.count(0, null);
      }
      case ADMIN -> Admin.run(session, (dev.marble.sql.parser.MarbleAdmin) ddl);
    };
  }

  private static void control(Session session, dev.marble.sql.parser.MarbleTransaction t) {
    String name = t.savepoint == null ? null : t.savepoint.getSimple();
    switch (t.action) {
      case COMMIT -> session.commit();
      case ROLLBACK -> session.rollback();
      case ROLLBACK_TO_SAVEPOINT -> session.rollbackToSavepoint(name);
      case SAVEPOINT -> session.savepoint(name);
      case RELEASE_SAVEPOINT -> session.releaseSavepoint(name);
      case BEGIN -> session.begin();
    }
  }

  /** A READ COMMITTED statement restarts at most this often when concurrent commits keep changing its rows. */
  private static final int MAX_RESTARTS = 1_000;

  private Execution write(Session session, Object[] params, boolean collectKeys, AtomicBoolean cancel) {
    Transaction tx = session.transaction();
    for (int restarts = 0; ; restarts++) {
      int mark = tx.mark();
      try {
        long count = 0;
        List<Object[]> keys = collectKeys ? new java.util.ArrayList<>() : null;
        ReferentialChecks.Scope foreignKeys = new ReferentialChecks.Scope();
        try (ReadView view = tx.openReadView()) { // each attempt reads the newest commits
          int width = params.length / runs;
          for (int run = 0; run < runs; run++) {
            Object[] slice = runs == 1 ? params : java.util.Arrays.copyOfRange(params, run * width, (run + 1) * width);
            MarbleDataContext context = context(session, slice, cancel, collectKeys, view, foreignKeys);
            try (Enumerator<Object> e = bindable.bind(context).enumerator()) {
              while (e.moveNext()) {
                count += ((Number) e.current()).longValue();
              }
            }
            if (keys != null) {
              keys.addAll(context.generatedKeys());
            }
          }
          foreignKeys.finish(); // after every run: the statement's rows are checked as a whole
        }
        if (session.commitsEachStatement()) {
          session.commit();
        }
        return Execution.count(count, keys);
      } catch (StorageException e) {
        tx.rollbackTo(mark);
        if (e.code() == StorageException.Code.ROW_CHANGED && restarts < MAX_RESTARTS) {
          continue; // a row changed under the statement: run it again on the committed data
        }
        abandon(session, e.code());
        throw e;
      } catch (RuntimeException | Error e) {
        tx.rollbackTo(mark);
        if (session.commitsEachStatement()) {
          session.rollback();
        }
        throw e;
      }
    }
  }

  /**
   * After a failed statement: a deadlock, lock timeout or serialization failure rolls the whole
   * transaction back (its locks go, so the others can proceed; SQLState class 40 says retry);
   * other failures undo the statement alone.
   */
  private static void abandon(Session session, StorageException.Code code) {
    boolean transactionFailed = code == StorageException.Code.DEADLOCK || code == StorageException.Code.LOCK_TIMEOUT
        || code == StorageException.Code.SERIALIZATION_FAILURE || code == StorageException.Code.ROW_CHANGED;
    if (transactionFailed || session.commitsEachStatement()) {
      session.rollback();
    }
  }

  /**
   * Runs a SELECT ... FOR UPDATE: reads all its rows, then locks them (see {@link RowLocking}).
   * Like a write, a READ COMMITTED query restarts when a row changed before it was locked, and a
   * deadlock, lock timeout or serialization failure rolls the transaction back. NOWAIT failing
   * fails the statement only. In auto-commit mode there is nothing to hold locks for: it is a
   * plain query.
   */
  private Execution lockingQuery(Session session, Object[] params, AtomicBoolean cancel) {
    Transaction tx = session.transaction();
    boolean lock = !session.commitsEachStatement();
    for (int restarts = 0; ; restarts++) {
      List<Object[]> rows = new java.util.ArrayList<>();
      try (Enumerator<Object[]> e = open(session, params, cancel, false)) { // hidden columns: never scalar
        while (e.moveNext()) {
          Object[] row = e.current();
          if (lock) {
            locking.lock(tx, row);
          }
          rows.add(locking.strip(row));
        }
      } catch (StorageException e) {
        if (e.code() == StorageException.Code.ROW_CHANGED && restarts < MAX_RESTARTS) {
          continue; // a row changed before it was locked: read again, now the newest commits
        }
        abandon(session, e.code());
        throw e;
      }
      return new Execution(Linq4j.enumerator(rows), -1, null);
    }
  }

  /** Runs a query; its read view stays open until the rows are closed. */
  private Execution query(Session session, Object[] params, AtomicBoolean cancel) {
    if (locking != null) {
      return lockingQuery(session, params, cancel);
    }
    return new Execution(open(session, params, cancel, fields.size() == 1), -1, null);
  }

  /** The query's rows, read through a fresh read view of the transaction that closing them closes. */
  private Enumerator<Object[]> open(Session session, Object[] params, AtomicBoolean cancel, boolean scalar) {
    ReadView view = session.transaction().openReadView();
    try {
      Enumerator<Object> raw = bindable.bind(context(session, params, cancel, false, view, null)).enumerator();
      return rows(raw, view, scalar);
    } catch (RuntimeException | Error e) {
      view.close();
      throw e;
    }
  }

  private MarbleDataContext context(Session session, Object[] params, AtomicBoolean cancel, boolean keys,
      ReadView view, ReferentialChecks.Scope foreignKeys) {
    Snapshot snap = engine.snapshot();
    return new MarbleDataContext(session, snap.root.plus(), engine.typeFactory(), stash, params, cancel, keys, view,
        foreignKeys);
  }

  /**
   * Calcite returns bare values for one-column results and arrays otherwise; JDBC wants arrays.
   * Closing the rows closes the query's read view.
   */
  private Enumerator<Object[]> rows(Enumerator<Object> raw, ReadView view, boolean scalar) {
    return new Enumerator<>() {
      private Object[] current;

      @Override
      public Object[] current() {
        return current;
      }

      @Override
      public boolean moveNext() {
        boolean more = SqlErrors.guard(raw::moveNext);
        if (more) {
          Object row = SqlErrors.guard(raw::current); // generated projections compute here
          current = scalar ? new Object[] {row} : (Object[]) row;
        }
        return more;
      }

      @Override
      public void reset() {
        raw.reset();
      }

      private boolean closed;

      @Override
      public void close() {
        if (!closed) {
          closed = true;
          try {
            raw.close();
          } finally {
            view.close();
          }
        }
      }
    };
  }
}
