package dev.marble.sql;

import dev.marble.storage.ColumnType;
import dev.marble.storage.catalog.Catalog;
import dev.marble.storage.catalog.ColumnDef;
import dev.marble.storage.catalog.ConstraintDef;
import dev.marble.storage.catalog.IndexDef;
import dev.marble.storage.catalog.SchemaDef;
import dev.marble.storage.catalog.SequenceDef;
import dev.marble.storage.catalog.TableDef;
import dev.marble.storage.catalog.ViewDef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The rows of the {@link InformationSchema} tables, from one catalog snapshot. Marble has no
 * catalogs, so every *_CATALOG column is null. Rows come sorted by schema, table (or other object)
 * name and position. Internal sequences (behind identity columns and hidden row ids) and the hidden
 * row id column are never listed.
 */
public final class InformationSchemaRows {
  private final Snapshot snapshot;
  private final Catalog catalog;

  InformationSchemaRows(Snapshot snapshot) {
    this.snapshot = snapshot;
    this.catalog = snapshot.catalog;
  }

  Catalog catalog() {
    return catalog;
  }

  private List<SchemaDef> schemas() {
    List<SchemaDef> list = new ArrayList<>(catalog.schemas().values());
    list.sort(Comparator.comparing(SchemaDef::name));
    return list;
  }

  private static List<TableDef> tables(SchemaDef s) {
    return s.tables().values().stream().sorted(Comparator.comparing(TableDef::name)).toList();
  }

  private static List<ViewDef> views(SchemaDef s) {
    return s.views().values().stream().sorted(Comparator.comparing(ViewDef::name)).toList();
  }

  List<Object[]> schemata() {
    List<Object[]> rows = new ArrayList<>();
    List<String> names = new ArrayList<>(schemas().stream().map(SchemaDef::name).toList());
    names.add(InformationSchema.NAME);
    names.sort(null);
    for (String name : names) {
      rows.add(new Object[] {null, name, null, "UTF8"});
    }
    return rows;
  }

  List<Object[]> tables() {
    List<Object[]> rows = new ArrayList<>();
    for (SchemaDef s : schemas()) {
      for (TableDef t : tables(s)) {
        rows.add(new Object[] {null, s.name(), t.name(), "BASE TABLE", "YES", t.comment()});
      }
      for (ViewDef v : views(s)) {
        rows.add(new Object[] {null, s.name(), v.name(), "VIEW", "NO", v.comment()});
      }
    }
    for (InformationSchema.Definition d : InformationSchema.tables()) {
      rows.add(new Object[] {null, InformationSchema.NAME, d.name(), "SYSTEM TABLE", "NO", d.remarks()});
    }
    rows.sort(Comparator.comparing((Object[] r) -> (String) r[1]).thenComparing(r -> (String) r[2]));
    return rows;
  }

  List<Object[]> columns() {
    List<Object[]> rows = new ArrayList<>();
    for (SchemaDef s : schemas()) {
      for (TableDef t : tables(s)) {
        int position = 0;
        for (ColumnDef c : t.columns()) {
          Object[] row = columnRow(s.name(), t.name(), c.name(), ++position, c.defaultSql(), c.nullable(),
              c.type().name(), c.type(), c.precision(), c.scale(), c.comment());
          if (c.identity() != null) {
            identity(row, s, c);
          }
          rows.add(row);
        }
      }
      for (ViewDef v : views(s)) {
        int position = 0;
        for (ResultField f : viewFields(s, v)) {
          ColumnType type = f.storageType() != null ? f.storageType() : MarbleTypes.storageType(f.type());
          rows.add(columnRow(s.name(), v.name(), f.label(), ++position, null, f.nullable(),
              type != null ? type.name() : f.type().getName(), type, f.precision(), f.scale(), null));
        }
      }
    }
    for (InformationSchema.Definition d : InformationSchema.tables()) {
      int position = 0;
      for (InformationSchema.Column c : d.columns()) {
        rows.add(columnRow(InformationSchema.NAME, d.name(), c.name(), ++position, null, c.nullable(),
            c.type().name(), c.type(), -1, 0, null));
      }
    }
    rows.sort(Comparator.comparing((Object[] r) -> (String) r[1]).thenComparing(r -> (String) r[2])
        .thenComparing(r -> (Integer) r[4]));
    return rows;
  }

  /** A view's columns as its query produces them; none when the query no longer plans. */
  private List<ResultField> viewFields(SchemaDef s, ViewDef v) {
    try {
      return snapshot.viewFields(s.name(), v);
    } catch (RuntimeException e) {
      return List.of(); // e.g. a view over a dropped table: it has no describable columns
    }
  }

  private static Object[] columnRow(String schema, String table, String column, int position, String defaultSql,
      boolean nullable, String typeName, ColumnType type, int precision, int scale, String remarks) {
    Integer length = characterLength(type, precision);
    Integer octets = length == null ? null : isText(type) ? Integer.valueOf((int) Math.min(4L * length,
        Integer.MAX_VALUE)) : length;
    return new Object[] {
      null, schema, table, column, position, defaultSql, nullable ? "YES" : "NO",
      typeName, length, octets, numericPrecision(type, precision),
      numericPrecision(type, precision) == null ? null : 10, numericScale(type, scale), datetimePrecision(type),
      "NO", null, null, null, null, null, null, "NEVER", remarks
    };
  }

  /** Fills the identity columns of a COLUMNS row from the column's internal sequence. */
  private static void identity(Object[] row, SchemaDef s, ColumnDef c) {
    row[14] = "YES";
    row[15] = c.identity().always() ? "ALWAYS" : "BY DEFAULT";
    SequenceDef seq = s.sequence(c.identity().sequence());
    if (seq != null) {
      row[16] = seq.start();
      row[17] = seq.increment();
      row[18] = seq.max();
      row[19] = seq.min();
      row[20] = seq.cycle() ? "YES" : "NO";
    }
  }

  private static boolean isText(ColumnType type) {
    return type == ColumnType.CHAR || type == ColumnType.VARCHAR || type == ColumnType.CLOB;
  }

  /** Declared length of character and binary types; null when unbounded or not such a type. */
  private static Integer characterLength(ColumnType type, int precision) {
    if (type == null) {
      return null;
    }
    return switch (type) {
      case CHAR, BINARY -> Math.max(precision, 1);
      case VARCHAR, VARBINARY -> precision > 0 ? precision : null;
      default -> null;
    };
  }

  private static Integer numericPrecision(ColumnType type, int precision) {
    if (type == null) {
      return null;
    }
    if (type == ColumnType.DECIMAL) {
      return precision > 0 ? precision : MarbleTypeSystem.MAX_DECIMAL;
    }
    return type.fixedPrecision() > 0 ? type.fixedPrecision() : null;
  }

  private static Integer numericScale(ColumnType type, int scale) {
    if (type == null) {
      return null;
    }
    return switch (type) {
      case TINYINT, SMALLINT, INTEGER, BIGINT -> 0;
      case DECIMAL -> Math.max(scale, 0);
      default -> null;
    };
  }

  private static Integer datetimePrecision(ColumnType type) {
    if (type == null) {
      return null;
    }
    return switch (type) {
      case DATE, TIME -> 0;
      case TIMESTAMP -> MarbleTypes.TIMESTAMP_PRECISION;
      default -> null;
    };
  }

  List<Object[]> tableConstraints() {
    List<Object[]> rows = new ArrayList<>();
    for (SchemaDef s : schemas()) {
      for (TableDef t : tables(s)) {
        for (ConstraintDef c : t.constraints()) {
          rows.add(new Object[] {null, s.name(), c.name(), null, s.name(), t.name(), type(c.kind()), "NO", "NO"});
        }
      }
    }
    rows.sort(Comparator.comparing((Object[] r) -> (String) r[1]).thenComparing(r -> (String) r[5])
        .thenComparing(r -> (String) r[2]));
    return rows;
  }

  private static String type(ConstraintDef.Kind kind) {
    return switch (kind) {
      case PRIMARY_KEY -> "PRIMARY KEY";
      case UNIQUE -> "UNIQUE";
      case CHECK -> "CHECK";
      case FOREIGN_KEY -> "FOREIGN KEY";
    };
  }

  List<Object[]> keyColumnUsage() {
    List<Object[]> rows = new ArrayList<>();
    for (SchemaDef s : schemas()) {
      for (TableDef t : tables(s)) {
        for (ConstraintDef c : t.constraints()) {
          if (c.kind() == ConstraintDef.Kind.CHECK) {
            continue;
          }
          ReferencedKey key = c.kind() == ConstraintDef.Kind.FOREIGN_KEY ? referencedKey(catalog, s, c) : null;
          for (int i = 0; i < c.columns().size(); i++) {
            Integer inUnique = key == null || key.constraint() == null ? null
                : key.positionInConstraint(i);
            rows.add(new Object[] {null, s.name(), c.name(), null, s.name(), t.name(),
              t.columnById(c.columns().get(i)).name(), i + 1, inUnique});
          }
        }
      }
    }
    rows.sort(Comparator.comparing((Object[] r) -> (String) r[1]).thenComparing(r -> (String) r[5])
        .thenComparing(r -> (String) r[2]).thenComparing(r -> (Integer) r[7]));
    return rows;
  }

  List<Object[]> referentialConstraints() {
    List<Object[]> rows = new ArrayList<>();
    for (SchemaDef s : schemas()) {
      for (TableDef t : tables(s)) {
        for (ConstraintDef c : t.constraints()) {
          if (c.kind() == ConstraintDef.Kind.FOREIGN_KEY) {
            ReferencedKey key = referencedKey(catalog, s, c);
            rows.add(new Object[] {null, s.name(), c.name(), null,
              key.constraint() == null ? null : key.schema(), key.constraint(), "NONE", action(c.onUpdate()),
              action(c.onDelete())});
          }
        }
      }
    }
    rows.sort(Comparator.comparing((Object[] r) -> (String) r[1]).thenComparing(r -> (String) r[2]));
    return rows;
  }

  /** A referential action as the standard spells it; NO ACTION when none was given. */
  public static String action(String action) {
    return action == null ? "NO ACTION" : action.trim().toUpperCase(Locale.ROOT).replace('_', ' ');
  }

  /**
   * What a foreign key references: schema and table as the catalog spells them (as written when the
   * table is gone), the referenced column names in the order of the foreign key's columns, and the
   * primary key or unique constraint on exactly those columns (null when there is none).
   */
  public record ReferencedKey(String schema, String table, List<String> columns, String constraint,
      List<String> constraintColumns) {
    /** 1-based position of the referenced column of foreign key column {@code i} in the constraint. */
    Integer positionInConstraint(int i) {
      int p = i < columns.size() ? constraintColumns.indexOf(columns.get(i)) : -1;
      return p < 0 ? null : p + 1;
    }
  }

  /** The key {@code fk} (a FOREIGN KEY of a table in {@code schema}) references. */
  public static ReferencedKey referencedKey(Catalog catalog, SchemaDef schema, ConstraintDef fk) {
    String refSchemaName = fk.refSchema() != null ? fk.refSchema() : schema.name();
    SchemaDef refSchema = catalog.schema(refSchemaName);
    TableDef ref = refSchema == null ? null : refSchema.table(fk.refTable());
    String schemaShown = refSchema != null ? refSchema.name() : refSchemaName;
    String tableShown = ref != null ? ref.name() : fk.refTable();
    List<String> columns = new ArrayList<>();
    if (fk.refColumns() != null && !fk.refColumns().isEmpty()) {
      for (String n : fk.refColumns()) {
        ColumnDef c = ref == null ? null : ref.column(n);
        columns.add(c != null ? c.name() : n);
      }
    } else if (ref != null && ref.primaryKey() != null) {
      ref.primaryKey().columns().forEach(id -> columns.add(ref.columnById(id).name()));
    }
    if (ref != null) {
      Set<String> wanted = new HashSet<>(columns);
      for (ConstraintDef k : ref.constraints()) {
        if (k.kind() == ConstraintDef.Kind.PRIMARY_KEY || k.kind() == ConstraintDef.Kind.UNIQUE) {
          List<String> have = k.columns().stream().map(id -> ref.columnById(id).name()).toList();
          if (new HashSet<>(have).equals(wanted)) {
            return new ReferencedKey(schemaShown, tableShown, columns, k.name(), have);
          }
        }
      }
    }
    return new ReferencedKey(schemaShown, tableShown, columns, null, List.of());
  }

  List<Object[]> checkConstraints() {
    List<Object[]> rows = new ArrayList<>();
    for (SchemaDef s : schemas()) {
      for (TableDef t : tables(s)) {
        for (ConstraintDef c : t.constraints()) {
          if (c.kind() == ConstraintDef.Kind.CHECK) {
            rows.add(new Object[] {null, s.name(), c.name(), c.checkSql()});
          }
        }
      }
    }
    rows.sort(Comparator.comparing((Object[] r) -> (String) r[1]).thenComparing(r -> (String) r[2]));
    return rows;
  }

  List<Object[]> views() {
    List<Object[]> rows = new ArrayList<>();
    for (SchemaDef s : schemas()) {
      for (ViewDef v : views(s)) {
        rows.add(new Object[] {null, s.name(), v.name(), v.sql(), "NONE", "NO"});
      }
    }
    return rows;
  }

  List<Object[]> sequences() {
    List<Object[]> rows = new ArrayList<>();
    for (SchemaDef s : schemas()) {
      s.sequences().values().stream().filter(q -> !q.internal()).sorted(Comparator.comparing(SequenceDef::name))
          .forEach(q -> rows.add(new Object[] {null, s.name(), q.name(), "BIGINT", 19, 10, 0, q.start(), q.min(),
            q.max(), q.increment(), q.cycle() ? "YES" : "NO"}));
    }
    return rows;
  }

  List<Object[]> indexes() {
    List<Object[]> rows = new ArrayList<>();
    for (SchemaDef s : schemas()) {
      for (TableDef t : tables(s)) {
        ConstraintDef pk = t.primaryKey();
        if (pk != null) {
          addIndex(rows, s, t, pk.name(), true, true, pk.columns(), null, pk.name());
        }
        for (IndexDef index : t.indexes()) {
          if (pk == null || !pk.name().equals(index.constraint())) {
            addIndex(rows, s, t, index.name(), index.unique(), false, index.columns(), index.descending(),
                index.constraint());
          }
        }
      }
    }
    rows.sort(Comparator.comparing((Object[] r) -> (String) r[1]).thenComparing(r -> (String) r[2])
        .thenComparing(r -> (String) r[3]).thenComparing(r -> (Integer) r[4]));
    return rows;
  }

  private static void addIndex(List<Object[]> rows, SchemaDef s, TableDef t, String name, boolean unique,
      boolean primary, List<Integer> columns, List<Boolean> descending, String constraint) {
    for (int i = 0; i < columns.size(); i++) {
      boolean desc = descending != null && i < descending.size() && Boolean.TRUE.equals(descending.get(i));
      rows.add(new Object[] {null, s.name(), t.name(), name, i + 1, t.columnById(columns.get(i)).name(),
        unique ? "YES" : "NO", primary ? "YES" : "NO", desc ? "D" : "A", constraint});
    }
  }
}
