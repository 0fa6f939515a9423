package dev.marble.sql;

import dev.marble.sql.DdlExecutor.QualifiedName;
import dev.marble.sql.parser.MarbleForeignKeyRef;
import dev.marble.storage.ColumnType;
import dev.marble.storage.Database;
import dev.marble.storage.catalog.Catalog;
import dev.marble.storage.catalog.ColumnDef;
import dev.marble.storage.catalog.ConstraintDef;
import dev.marble.storage.catalog.IndexDef;
import dev.marble.storage.catalog.SchemaDef;
import dev.marble.storage.catalog.TableDef;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import org.apache.calcite.sql.SqlIdentifier;

/**
 * Foreign keys in DDL: resolving a {@code REFERENCES} clause against the catalog (the referenced
 * columns default to the primary key and must be a primary key or unique), the index that finds
 * referencing rows, checking existing rows when one is added, and keeping references right when
 * tables and columns are renamed or dropped. Enforcement is {@link ReferentialChecks}.
 *
 * <p>Every foreign key gets an index on its columns unless the table has one whose leading
 * columns are exactly them (or they are the table's primary key): deleting or changing a
 * referenced row then looks up its referencing rows instead of scanning. Such an index belongs
 * to the constraint ({@link IndexDef#constraint()}) and goes with it.
 */
final class ForeignKeyDdl {
  /** A foreign key as written in CREATE or ALTER TABLE, before it is resolved. */
  record Pending(String name, List<String> columns, MarbleForeignKeyRef ref) {}

  /** A foreign key of table {@code child} in schema {@code schema}. */
  record Reference(SchemaDef schema, TableDef child, ConstraintDef constraint) {}

  private static final Set<ColumnType> INTEGERS =
      Set.of(ColumnType.TINYINT, ColumnType.SMALLINT, ColumnType.INTEGER, ColumnType.BIGINT);

  private final DdlExecutor ddl;
  private final Database database;

  ForeignKeyDdl(DdlExecutor ddl, Database database) {
    this.ddl = ddl;
    this.database = database;
  }

  // ---- adding -------------------------------------------------------------------------------

  /** A new table with its foreign keys (and their indexes) added; it may reference itself. */
  TableDef addToNew(SchemaDef schema, TableDef def, List<Pending> pending) {
    TableDef next = def;
    for (Pending p : pending) {
      ConstraintDef fk = resolve(schema, next, p);
      List<ConstraintDef> constraints = new ArrayList<>(next.constraints());
      constraints.add(fk);
      List<IndexDef> indexes = new ArrayList<>(next.indexes());
      if (needsIndex(next, fk.columns())) {
        indexes.add(new IndexDef(def.id() + 1 + indexes.size(), indexName(schema, next, fk.name()), false,
            fk.columns(), null, fk.name()));
      }
      next = next.withConstraints(constraints, indexes);
    }
    return next;
  }

  /**
   * ALTER TABLE ADD FOREIGN KEY: checks the existing rows and publishes, with commits paused so
   * that no row committed in between escapes the check.
   */
  void addToExisting(SchemaDef schema, TableDef def, Pending pending) {
    ConstraintDef fk = resolve(schema, def, pending);
    List<ConstraintDef> constraints = new ArrayList<>(def.constraints());
    constraints.add(fk);
    IndexDef index = needsIndex(def, fk.columns()) ? new IndexDef(database.catalog().nextObjectId(),
        indexName(schema, def, fk.name()), false, fk.columns(), null, fk.name()) : null;
    database.withCommitsPaused(() -> {
      checkExistingRows(schema, def, fk);
      if (index != null) {
        new IndexBuilder(database).addIndex(schema, def, index, constraints);
      } else {
        ddl.publish(database.catalog().withSchema(schema.withTable(def.withConstraints(constraints,
            def.indexes()))), false, "add constraint " + fk.name());
      }
      return null;
    });
  }

  private ConstraintDef resolve(SchemaDef schema, TableDef child, Pending p) {
    List<Integer> columns = new ArrayList<>();
    for (String c : p.columns()) {
      columns.add(TableDdl.TableBuilder.column(child, c).id());
    }
    if (new HashSet<>(columns).size() != columns.size()) {
      throw invalid("Foreign key " + p.name() + " of table " + child.name() + " names a column twice");
    }
    QualifiedName q = ddl.resolve(p.ref().table);
    boolean self = q.schema().name().equals(schema.name()) && (q.name().equals(child.name())
        || (q.schema().table(q.name()) == null && q.name().equalsIgnoreCase(child.name())));
    TableDef parent = self ? child : q.schema().table(q.name());
    if (parent == null) {
      throw new SqlEngineException(SqlEngineException.Code.UNKNOWN_TABLE, "Table " + q.schema().name() + "."
          + q.name() + " referenced by foreign key " + p.name() + " of table " + child.name() + " does not exist");
    }
    List<String> refColumns = referencedColumns(parent, p);
    if (refColumns.size() != columns.size()) {
      throw invalid("Foreign key " + p.name() + " of table " + child.name() + " has " + columns.size()
          + " columns but references " + refColumns.size() + " of table " + parent.name());
    }
    requireKey(parent, refColumns, p.name());
    for (int i = 0; i < columns.size(); i++) {
      ColumnDef c = child.columnById(columns.get(i));
      ColumnDef r = parent.column(refColumns.get(i));
      boolean compatible = c.type() == r.type() || (INTEGERS.contains(c.type()) && INTEGERS.contains(r.type()));
      if (!compatible) {
        throw invalid("Foreign key " + p.name() + ": column " + child.name() + "." + c.name() + " (" + c.type()
            + ") cannot reference " + parent.name() + "." + r.name() + " (" + r.type() + ")");
      }
    }
    return ConstraintDef.foreignKey(p.name(), columns, q.schema().name(), parent.name(), refColumns,
        p.ref().onDelete.sql, p.ref().onUpdate.sql);
  }

  private static List<String> referencedColumns(TableDef parent, Pending p) {
    if (p.ref().columns == null) {
      ConstraintDef pk = parent.primaryKey();
      if (pk == null) {
        throw invalid("Foreign key " + p.name() + " references table " + parent.name()
            + ", which has no primary key; name the referenced columns");
      }
      return pk.columns().stream().map(id -> parent.columnById(id).name()).toList();
    }
    List<String> names = new ArrayList<>();
    for (var n : p.ref().columns) {
      names.add(TableDdl.TableBuilder.column(parent, ((SqlIdentifier) n).getSimple()).name());
    }
    return names;
  }

  /** The referenced columns must be the primary key or unique (a constraint or a unique index). */
  private static void requireKey(TableDef parent, List<String> refColumns, String fkName) {
    Set<Integer> wanted = new HashSet<>();
    refColumns.forEach(n -> wanted.add(parent.column(n).id()));
    boolean key = parent.constraints().stream().anyMatch(k -> (k.kind() == ConstraintDef.Kind.PRIMARY_KEY
        || k.kind() == ConstraintDef.Kind.UNIQUE) && new HashSet<>(k.columns()).equals(wanted))
        || parent.indexes().stream().anyMatch(i -> i.unique() && new HashSet<>(i.columns()).equals(wanted));
    if (!key) {
      throw invalid("Foreign key " + fkName + " references " + parent.name() + refColumns
          + ", which is neither the primary key nor unique; a foreign key must reference one of them");
    }
  }

  /** Whether finding the rows with given values of {@code columns} needs a new index. */
  static boolean needsIndex(TableDef def, List<Integer> columns) {
    Set<Integer> wanted = new HashSet<>(columns);
    ConstraintDef pk = def.primaryKey();
    if (pk != null && new HashSet<>(pk.columns()).equals(wanted)) {
      return false;
    }
    return def.indexes().stream().noneMatch(i -> i.columns().size() >= wanted.size()
        && new HashSet<>(i.columns().subList(0, wanted.size())).equals(wanted));
  }

  /** The constraint's name, unless an index of the schema (or the new table) already has it. */
  private static String indexName(SchemaDef schema, TableDef def, String base) {
    String name = base;
    for (int n = 2; taken(schema, def, name); n++) {
      name = base + "_" + n;
    }
    return name;
  }

  private static boolean taken(SchemaDef schema, TableDef def, String name) {
    return TableDdl.indexNamed(schema, name) != null
        || def.indexes().stream().anyMatch(i -> i.name().equalsIgnoreCase(name));
  }

  private void checkExistingRows(SchemaDef schema, TableDef child, ConstraintDef fk) {
    TableDef parent = fk.refTable().equals(child.name()) && fk.refSchema().equals(schema.name())
        ? child : database.catalog().schema(fk.refSchema()).table(fk.refTable());
    StringJoiner select = new StringJoiner(", ");
    StringJoiner notNull = new StringJoiner(" AND ");
    StringJoiner match = new StringJoiner(" AND ");
    for (int i = 0; i < fk.columns().size(); i++) {
      String c = "c." + Unparse.quote(child.columnById(fk.columns().get(i)).name());
      select.add(c);
      notNull.add(c + " IS NOT NULL");
      match.add("p." + Unparse.quote(parent.column(fk.refColumns().get(i)).name()) + " = " + c);
    }
    String sql = "SELECT " + select + " FROM " + Unparse.name(schema.name(), child.name()) + " AS c WHERE "
        + notNull + " AND NOT EXISTS (SELECT 1 FROM " + Unparse.name(fk.refSchema(), parent.name())
        + " AS p WHERE " + match + ") FETCH FIRST 1 ROWS ONLY";
    try (var rows = ddl.run(sql).rows()) {
      if (rows.moveNext()) {
        throw new SqlEngineException(SqlEngineException.Code.FOREIGN_KEY_VIOLATION, "Cannot add foreign key "
            + fk.name() + " to table " + child.name() + ": existing row with " + columnNames(child, fk.columns())
            + "=" + java.util.Arrays.toString(rows.current()) + " has no matching row in " + parent.name()
            + fk.refColumns());
      }
    }
  }

  private static String columnNames(TableDef def, List<Integer> ids) {
    return ids.stream().map(id -> def.columnById(id).name()).toList().toString();
  }

  // ---- the referenced side ------------------------------------------------------------------

  /** Foreign keys of other tables than {@code table} that reference it. */
  static List<Reference> referencing(Catalog catalog, String schema, TableDef table) {
    List<Reference> out = new ArrayList<>();
    for (SchemaDef s : catalog.schemas().values()) {
      for (TableDef t : s.tables().values()) {
        if (t.id() == table.id()) {
          continue;
        }
        for (ConstraintDef c : t.constraints()) {
          if (c.references(schema, table.name())) {
            out.add(new Reference(s, t, c));
          }
        }
      }
    }
    return out;
  }

  /**
   * DROP TABLE: without CASCADE a table other tables reference cannot go; with it their foreign
   * keys go (the tables stay). Returns the catalog without those foreign keys and adds the ids of
   * the indexes that went with them to {@code droppedIndexes}.
   */
  static Catalog dropReferencesTo(Catalog catalog, String schema, TableDef table, boolean cascade,
      List<Long> droppedIndexes) {
    Catalog next = catalog;
    for (Reference r : referencing(catalog, schema, table)) {
      if (!cascade) {
        throw new SqlEngineException(SqlEngineException.Code.DEPENDENT_OBJECTS, "Cannot drop table " + table.name()
            + ": foreign key " + r.constraint().name() + " of table " + r.child().name()
            + " references it (use CASCADE to drop the foreign key, or drop it first)");
      }
      SchemaDef s = next.schema(r.schema().name());
      TableDef child = s.table(r.child().name());
      List<ConstraintDef> constraints = new ArrayList<>(child.constraints());
      constraints.removeIf(c -> c.name().equals(r.constraint().name()));
      List<IndexDef> indexes = new ArrayList<>();
      for (IndexDef i : child.indexes()) {
        if (r.constraint().name().equals(i.constraint())) {
          droppedIndexes.add(i.id());
        } else {
          indexes.add(i);
        }
      }
      next = next.withSchema(s.withTable(child.withConstraints(constraints, indexes)));
    }
    return next;
  }

  /** Fails when a foreign key other than one in {@code exempt} references {@code columnName}. */
  static void requireUnreferenced(Catalog catalog, String schema, TableDef table, String columnName,
      String what, Set<String> exempt) {
    List<Reference> refs = new ArrayList<>(referencing(catalog, schema, table));
    table.constraints().stream().filter(c -> c.references(schema, table.name()))
        .forEach(c -> refs.add(new Reference(null, table, c)));
    for (Reference r : refs) {
      if (!exempt.contains(r.constraint().name()) && r.constraint().refColumns().contains(columnName)) {
        throw new SqlEngineException(SqlEngineException.Code.DEPENDENT_OBJECTS, "Cannot " + what
            + ": foreign key " + r.constraint().name() + " of table " + r.child().name() + " references "
            + table.name() + "." + columnName);
      }
    }
  }

  /**
   * The catalog with every reference to {@code table} (including its own) following a rename
   * of the table to {@code newName} and of column {@code fromColumn} to {@code toColumn} (either
   * may be unchanged). {@code renamed} is the table's new definition.
   */
  static Catalog followRename(Catalog catalog, String schema, TableDef table, TableDef renamed,
      String fromColumn, String toColumn) {
    Catalog next = catalog;
    for (Reference r : referencing(catalog, schema, table)) {
      SchemaDef s = next.schema(r.schema().name());
      TableDef child = s.table(r.child().name());
      next = next.withSchema(s.withTable(redirect(child, schema, table.name(), renamed.name(), fromColumn, toColumn)));
    }
    SchemaDef s = next.schema(schema);
    return next.withSchema(s.withTable(redirect(renamed, schema, table.name(), renamed.name(), fromColumn, toColumn)));
  }

  private static TableDef redirect(TableDef child, String schema, String from, String to, String fromColumn,
      String toColumn) {
    List<ConstraintDef> constraints = new ArrayList<>();
    for (ConstraintDef c : child.constraints()) {
      if (c.references(schema, from)) {
        List<String> cols = c.refColumns().stream().map(n -> n.equals(fromColumn) ? toColumn : n).toList();
        constraints.add(c.withReference(to, cols));
      } else {
        constraints.add(c);
      }
    }
    return child.withConstraints(constraints, child.indexes());
  }

  private static SqlEngineException invalid(String message) {
    return new SqlEngineException(SqlEngineException.Code.INVALID_STATEMENT, message);
  }
}
