package dev.marble.sql;

import dev.marble.sql.ForeignKeys.Link;
import dev.marble.sql.ForeignKeys.Path;
import dev.marble.sql.parser.ReferentialAction;
import dev.marble.storage.ByteKey;
import dev.marble.storage.ReadView;
import dev.marble.storage.Table;
import dev.marble.storage.TableStore;
import dev.marble.storage.Transaction;
import dev.marble.storage.catalog.ColumnDef;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Enforces foreign keys for the writes of one statement (one {@link TableWriter#execute} run), in
 * the statement's transaction: whatever it changes is undone with the statement, rolled back with
 * the transaction and committed (and redo-logged) with it as one write set.
 *
 * <p>Child side: a new or changed non-NULL foreign key value must find its referenced row (MATCH
 * SIMPLE: a NULL in any column means no check). Parent side: deleting a referenced row, or
 * changing its referenced columns, applies the foreign key's action to the referencing rows:
 * CASCADE deletes or changes them, SET NULL / SET DEFAULT change them, RESTRICT fails at once, and
 * NO ACTION fails unless the statement itself fixed things by its end. Cascades run from a work
 * queue, not recursion: chains of any length, and cycles, which end because a deleted or changed
 * row is no longer found by its old values.
 *
 * <p>Checks read the newest committed data overlaid by the transaction's own writes, whatever the
 * isolation level. Concurrency: a child row locks the parent row it references (a write lock, held
 * to commit), and deleting or changing a parent row locks it too, so of two transactions, one
 * inserting a child and one deleting its parent, the second waits for the first and then checks
 * against what it committed. The price: transactions adding children of one parent row queue.
 */
final class ReferentialChecks {
  /** Values of foreign key {@code link} left to check; {@code childKey}: the row holding them (child side). */
  private record Pending(Link link, Object[] values, byte[] childKey) {}

  /** A row a statement or a cascade deleted ({@code row} null) or changed. */
  private record Change(Table table, Object[] old, Object[] row) {}

  private final ForeignKeys keys;
  private final Session session;
  private final Transaction tx;
  /** Child values whose parent was missing when written; checked again when the statement ends. */
  private final List<Pending> orphans = new ArrayList<>();
  /** NO ACTION: parent values that still had children; checked again when the statement ends. */
  private final List<Pending> referenced = new ArrayList<>();
  /** Keys of rows cascades deleted or changed, per table id: the statement must not write them again. */
  private final Map<Long, Set<ByteKey>> cascaded = new HashMap<>();
  private final ArrayDeque<Change> work = new ArrayDeque<>();
  /**
   * Parent values this statement found (and locked), per foreign key: a parent stays while this
   * transaction holds its lock, and the statement changing it itself meets its children on the
   * parent side, so a repeat needs no lookup. Bounded: a bulk load of distinct values stops adding.
   */
  private final Map<Link, Set<List<Object>>> found = new java.util.IdentityHashMap<>();
  private int foundCount;
  private static final int FOUND_LIMIT = 10_000;
  /** SET DEFAULT values per foreign key, evaluated once per statement. */
  private final Map<String, Object[]> defaults = new HashMap<>();

  private ReferentialChecks(ForeignKeys keys, Session session) {
    this.keys = keys;
    this.session = session;
    this.tx = session.transaction();
  }

  /**
   * The foreign key checks of one statement, which may run its plan several times (a multi-row
   * INSERT runs once per row): created by the first run that needs them, finished after the last.
   */
  static final class Scope {
    private ReferentialChecks checks;

    /** The checks for a run writing {@code table}, or null when no foreign key involves it. */
    ReferentialChecks checksFor(Session session, Table table) {
      if (checks == null) {
        ForeignKeys keys = session.engine().snapshot().foreignKeys();
        if (!keys.involves(table.def().id())) {
          return null;
        }
        checks = new ReferentialChecks(keys, session);
      }
      return checks;
    }

    void finish() {
      if (checks != null) {
        checks.finish();
      }
    }
  }

  void inserted(Table table, Object[] row) {
    checkReferences(table, null, row);
  }

  void updated(Table table, Object[] old, Object[] row) {
    checkReferences(table, old, row);
    work.add(new Change(table, old, row));
    drain();
  }

  void deleted(Table table, Object[] old) {
    work.add(new Change(table, old, null));
    drain();
  }

  /** Whether a cascade of this statement already deleted or changed the row (read before it did). */
  boolean cascaded(Table table, Object[] row) {
    Set<ByteKey> keysOfTable = cascaded.get(table.def().id());
    return keysOfTable != null && keysOfTable.contains(new ByteKey(table.key(row)));
  }

  /** End of statement: what was left pending must now hold. */
  private void finish() {
    for (Pending p : orphans) {
      if (stillHolds(p) && !parentExists(p.link(), p.values())) {
        throw new SqlEngineException(SqlEngineException.Code.FOREIGN_KEY_VIOLATION, "Foreign key "
            + p.link().name() + " violated: table " + p.link().child().qualifiedName() + " row with "
            + p.link().describe(p.values(), true) + " references no row of table " + p.link().parent().qualifiedName());
      }
    }
    for (Pending p : referenced) {
      if (!parentExists(p.link(), p.values()) && !rows(p.link().child(), p.link().childPath(),
          p.link().childPositions(), p.values(), false).isEmpty()) {
        throw stillReferenced(p.link(), p.values());
      }
    }
  }

  /** Whether the row a pending child check is about still holds the values (the statement may have changed it since). */
  private boolean stillHolds(Pending p) {
    byte[] now = tx.get(p.link().child(), p.childKey());
    return now != null && matches(p.link().child(), p.link().childPositions(),
        p.link().child().decode(p.childKey(), now), p.values());
  }

  // ---- child side ---------------------------------------------------------------------------

  /** The foreign key values {@code row} sets (that {@code old} did not hold) must find their parents. */
  private void checkReferences(Table table, Object[] old, Object[] row) {
    for (Link link : keys.outgoing(table.def().id())) {
      Object[] values = link.childValues(row);
      if (values == null || (old != null && sameValues(values, link.childValues(old)))) {
        continue;
      }
      Set<List<Object>> known = found.computeIfAbsent(link, l -> new HashSet<>());
      List<Object> asList = Arrays.asList(values);
      if (known.contains(asList)) {
        continue;
      }
      if (!parentExists(link, values)) {
        orphans.add(new Pending(link, values, table.key(row)));
      } else if (foundCount < FOUND_LIMIT) {
        known.add(asList);
        foundCount++;
      }
    }
  }

  /** Whether the referenced row exists; if so it is locked until commit, so it stays. */
  private boolean parentExists(Link link, Object[] values) {
    for (Object[] candidate : rows(link.parent(), link.parentPath(), link.parentPositions(), values, false)) {
      byte[] key = link.parent().key(candidate);
      byte[] now = tx.lockAndGet(link.parent(), key);
      if (now != null && matches(link.parent(), link.parentPositions(), link.parent().decode(key, now), values)) {
        return true;
      }
    }
    return false;
  }

  // ---- parent side --------------------------------------------------------------------------

  private void drain() {
    while (!work.isEmpty()) {
      Change c = work.poll();
      for (Link link : keys.incoming(c.table().def().id())) {
        Object[] was = link.parentValues(c.old());
        if (was == null) {
          continue; // a NULL in the referenced columns: no child matches
        }
        if (c.row() == null) {
          apply(link, link.onDelete(), was, null);
        } else {
          Object[] now = new Object[was.length];
          for (int i = 0; i < now.length; i++) {
            now[i] = c.row()[link.parentPositions()[i]];
          }
          if (!sameValues(was, now)) {
            apply(link, link.onUpdate(), was, now);
          }
        }
      }
    }
  }

  /** Applies {@code action} to the rows referencing {@code was}; {@code now}: the new values, null on delete. */
  private void apply(Link link, ReferentialAction action, Object[] was, Object[] now) {
    boolean deleted = now == null;
    boolean check = action == ReferentialAction.NO_ACTION || action == ReferentialAction.RESTRICT;
    List<Object[]> children = rows(link.child(), link.childPath(), link.childPositions(), was, !check);
    if (children.isEmpty()) {
      return;
    }
    switch (action) {
      case NO_ACTION -> referenced.add(new Pending(link, was, null));
      case RESTRICT -> throw stillReferenced(link, was);
      case CASCADE -> {
        for (Object[] child : children) {
          if (deleted) {
            touch(link.child(), child);
            tx.delete(link.child(), child);
            work.add(new Change(link.child(), child, null));
          } else {
            change(link, child, now, null);
          }
        }
      }
      case SET_NULL -> children.forEach(child -> change(link, child, new Object[was.length], "SET NULL"));
      case SET_DEFAULT -> children.forEach(child -> change(link, child, defaults(link), "SET DEFAULT"));
    }
  }

  /** Sets the foreign key columns of a child row to {@code values} (parent order), for action {@code what}. */
  private void change(Link link, Object[] child, Object[] values, String what) {
    Object[] row = child.clone();
    List<ColumnDef> columns = link.child().def().columns();
    for (int i = 0; i < values.length; i++) {
      int p = link.childPositions()[i];
      row[p] = IndexIntervals.exact(values[i], columns.get(p).type());
      if (row[p] == null && !columns.get(p).nullable()) {
        throw new SqlEngineException(SqlEngineException.Code.NOT_NULL_VIOLATION, "NULL not allowed for column "
            + columns.get(p).name() + " of table " + link.child().qualifiedName() + " (ON "
            + (what == null ? "UPDATE CASCADE" : "DELETE/UPDATE " + what) + " of foreign key " + link.name() + ")");
      }
    }
    touch(link.child(), child);
    tx.update(link.child(), child, row);
    if ("SET DEFAULT".equals(what)) {
      checkReferences(link.child(), null, row); // the default must reference a row too, even the one deleted
    }
    work.add(new Change(link.child(), child, row));
  }

  private void touch(Table table, Object[] row) {
    cascaded.computeIfAbsent(table.def().id(), id -> new HashSet<>()).add(new ByteKey(table.key(row)));
  }

  private Object[] defaults(Link link) {
    return defaults.computeIfAbsent(link.name(), n -> {
      Object[] out = new Object[link.childPositions().length];
      for (int i = 0; i < out.length; i++) {
        ColumnDef c = link.child().def().columns().get(link.childPositions()[i]);
        if (c.defaultSql() != null) {
          String sql = "SELECT CAST(" + c.defaultSql() + " AS " + ColumnTypes.sqlName(c.type(), c.precision(),
              c.scale()) + ")";
          try (var rows = session.engine().prepare(sql, session).execute(session, new Object[0], false, null).rows()) {
            rows.moveNext();
            out[i] = MarbleTypes.toStorage(rows.current()[0], c.type());
          }
        }
      }
      return out;
    });
  }

  private static SqlEngineException stillReferenced(Link link, Object[] values) {
    return new SqlEngineException(SqlEngineException.Code.FOREIGN_KEY_VIOLATION, "Foreign key " + link.name()
        + " violated: row with " + link.describe(values, false) + " of table " + link.parent().qualifiedName()
        + " is still referenced from table " + link.child().qualifiedName());
  }

  // ---- finding rows by values ---------------------------------------------------------------

  /**
   * The rows of {@code table} whose columns at {@code positions} hold {@code values}, as of now:
   * the newest commits overlaid by this transaction's writes. Without {@code all} it stops at the
   * first (a check only asks whether there is one).
   */
  private List<Object[]> rows(Table table, Path path, int[] positions, Object[] values, boolean all) {
    Object[] target = new Object[values.length];
    for (int i = 0; i < values.length; i++) {
      target[i] = IndexIntervals.exact(values[i], table.def().columns().get(positions[i]).type());
      if (target[i] == null) {
        return List.of(); // no value of the column's type equals it
      }
    }
    List<Object[]> out = new ArrayList<>();
    if (path.primaryKey()) {
      byte[] key = table.keyOf(reorder(target, path.order()));
      byte[] row = tx.get(table, key);
      if (row != null) {
        out.add(table.decode(key, row));
      }
      return out;
    }
    try (ReadView view = session.database().openReadView()) {
      TableStore.Cursor cursor = path.index() != null
          ? tx.indexScan(table, path.index(), view, new IndexIntervals(path.index(), 1, values.length,
              new int[0][], new boolean[0][], false).compute(reorder(target, path.order())), false)
          : tx.scan(table, view, false);
      try (cursor) {
        while (cursor.next() && (all || out.isEmpty())) {
          Object[] row = table.decode(cursor.key(), cursor.value());
          if (matches(table, positions, row, target)) {
            out.add(row);
          }
        }
      }
    }
    return out;
  }

  private static Object[] reorder(Object[] values, int[] order) {
    Object[] out = new Object[order.length];
    for (int i = 0; i < order.length; i++) {
      out[i] = values[order[i]];
    }
    return out;
  }

  private static boolean matches(Table table, int[] positions, Object[] row, Object[] values) {
    for (int i = 0; i < positions.length; i++) {
      Object v = IndexIntervals.exact(values[i], table.def().columns().get(positions[i]).type());
      if (v == null || !same(row[positions[i]], v)) {
        return false;
      }
    }
    return true;
  }

  private static boolean sameValues(Object[] a, Object[] b) {
    if (b == null) {
      return false;
    }
    for (int i = 0; i < a.length; i++) {
      if (!same(a[i], b[i])) {
        return false;
      }
    }
    return true;
  }

  private static boolean same(Object a, Object b) {
    if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
      return x.compareTo(y) == 0;
    }
    if (a instanceof byte[] x && b instanceof byte[] y) {
      return Arrays.equals(x, y);
    }
    return a != null && a.equals(b);
  }
}
