package dev.marble.sql;

import dev.marble.sql.parser.ReferentialAction;
import dev.marble.storage.Database;
import dev.marble.storage.Table;
import dev.marble.storage.catalog.Catalog;
import dev.marble.storage.catalog.ConstraintDef;
import dev.marble.storage.catalog.SchemaDef;
import dev.marble.storage.catalog.TableDef;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The foreign keys of one catalog version, each resolved to the tables and the access paths that
 * check it: how to find the referenced row (primary key, else a unique index) and how to find
 * the referencing rows (the child's primary key, else an index led by the foreign key columns,
 * else a scan). Built once per catalog version ({@link Snapshot}), immutable.
 */
final class ForeignKeys {
  static final ForeignKeys NONE = new ForeignKeys(Map.of(), Map.of());

  /** One foreign key. Positions are SQL column positions, in the order of the constraint's columns. */
  record Link(ConstraintDef def, Table child, int[] childPositions, Table parent, int[] parentPositions,
      ReferentialAction onDelete, ReferentialAction onUpdate, Path parentPath, Path childPath) {

    /** The foreign key values of a child row, or null when one is NULL (MATCH SIMPLE: nothing to check). */
    Object[] childValues(Object[] row) {
      return values(row, childPositions);
    }

    /** The referenced values of a parent row, or null when one is NULL (no child can match). */
    Object[] parentValues(Object[] row) {
      return values(row, parentPositions);
    }

    private static Object[] values(Object[] row, int[] positions) {
      Object[] out = new Object[positions.length];
      for (int i = 0; i < positions.length; i++) {
        out[i] = row[positions[i]];
        if (out[i] == null) {
          return null;
        }
      }
      return out;
    }

    String name() {
      return def.name();
    }

    String describe(Object[] values, boolean childSide) {
      Table t = childSide ? child : parent;
      int[] positions = childSide ? childPositions : parentPositions;
      StringBuilder b = new StringBuilder("(");
      for (int i = 0; i < positions.length; i++) {
        b.append(i == 0 ? "" : ", ").append(t.def().columns().get(positions[i]).name());
      }
      b.append(")=(");
      for (int i = 0; i < values.length; i++) {
        b.append(i == 0 ? "" : ", ").append(values[i] instanceof byte[] bytes ? Arrays.toString(bytes) : values[i]);
      }
      return b.append(')').toString();
    }
  }

  /**
   * How to find rows of a table by given values of some of its columns: the primary key ({@code
   * index} null), an index whose leading columns they are, or a scan (both null). {@code order[i]}
   * is the constraint column that supplies key or index column {@code i}.
   */
  record Path(Table.Index index, int[] order, boolean primaryKey) {}

  private final Map<Long, List<Link>> outgoing;
  private final Map<Long, List<Link>> incoming;

  private ForeignKeys(Map<Long, List<Link>> outgoing, Map<Long, List<Link>> incoming) {
    this.outgoing = outgoing;
    this.incoming = incoming;
  }

  static ForeignKeys of(Database database, Catalog catalog) {
    Map<Long, List<Link>> out = new HashMap<>();
    Map<Long, List<Link>> in = new HashMap<>();
    Map<Long, Table> tables = new HashMap<>();
    for (SchemaDef s : catalog.schemas().values()) {
      for (TableDef t : s.tables().values()) {
        for (ConstraintDef c : t.constraints()) {
          if (c.kind() != ConstraintDef.Kind.FOREIGN_KEY) {
            continue;
          }
          TableDef parentDef = catalog.schema(c.refSchema()).table(c.refTable());
          Table child = tables.computeIfAbsent(t.id(), id -> database.table(s.name(), t));
          Table parent = tables.computeIfAbsent(parentDef.id(), id -> database.table(c.refSchema(), parentDef));
          int[] childPositions = c.columns().stream().mapToInt(t::position).toArray();
          int[] parentPositions = c.refColumns().stream().mapToInt(n -> parentDef.position(parentDef.column(n).id()))
              .toArray();
          Link link = new Link(c, child, childPositions, parent, parentPositions, action(c.onDelete()),
              action(c.onUpdate()), path(parent, parentPositions, true), path(child, childPositions, false));
          out.computeIfAbsent(t.id(), id -> new ArrayList<>()).add(link);
          in.computeIfAbsent(parentDef.id(), id -> new ArrayList<>()).add(link);
        }
      }
    }
    return out.isEmpty() ? NONE : new ForeignKeys(Map.copyOf(out), Map.copyOf(in));
  }

  private static ReferentialAction action(String sql) {
    return ReferentialAction.valueOf(sql.toUpperCase(Locale.ROOT).replace(' ', '_'));
  }

  /**
   * The access path for {@code positions}: the primary key when they are its columns; else, on
   * the parent side, the unique index on exactly them, and on the child side an index they lead.
   */
  private static Path path(Table table, int[] positions, boolean unique) {
    int[] pk = table.def().primaryKeyPositions();
    if (pk.length > 0 && sameSet(pk, positions)) {
      return new Path(null, orderOf(pk, positions), true);
    }
    for (Table.Index index : table.indexes()) {
      int[] ip = index.positions();
      if (unique ? index.def().unique() && sameSet(ip, positions)
          : ip.length >= positions.length && sameSet(Arrays.copyOf(ip, positions.length), positions)) {
        return new Path(index, orderOf(Arrays.copyOf(ip, positions.length), positions), false);
      }
    }
    return new Path(null, null, false);
  }

  private static boolean sameSet(int[] a, int[] b) {
    Set<Integer> x = new HashSet<>();
    Arrays.stream(a).forEach(x::add);
    Set<Integer> y = new HashSet<>();
    Arrays.stream(b).forEach(y::add);
    return a.length == b.length && x.equals(y);
  }

  private static int[] orderOf(int[] keyPositions, int[] positions) {
    int[] order = new int[keyPositions.length];
    for (int i = 0; i < keyPositions.length; i++) {
      for (int j = 0; j < positions.length; j++) {
        if (positions[j] == keyPositions[i]) {
          order[i] = j;
        }
      }
    }
    return order;
  }

  boolean involves(long tableId) {
    return outgoing.containsKey(tableId) || incoming.containsKey(tableId);
  }

  /** Foreign keys of table {@code tableId} (it is the child). */
  List<Link> outgoing(long tableId) {
    return outgoing.getOrDefault(tableId, List.of());
  }

  /** Foreign keys that reference table {@code tableId} (it is the parent). */
  List<Link> incoming(long tableId) {
    return incoming.getOrDefault(tableId, List.of());
  }
}
