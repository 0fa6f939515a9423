package dev.marble.sql;

import dev.marble.sql.DdlExecutor.QualifiedName;
import dev.marble.sql.parser.MarbleAlterTable;
import dev.marble.sql.parser.MarbleTableConstraint;
import dev.marble.storage.ColumnType;
import dev.marble.storage.Database;
import dev.marble.storage.Table;
import dev.marble.storage.TableStore;
import dev.marble.storage.catalog.Catalog;
import dev.marble.storage.catalog.ColumnDef;
import dev.marble.storage.catalog.ConstraintDef;
import dev.marble.storage.catalog.IndexDef;
import dev.marble.storage.catalog.SchemaDef;
import dev.marble.storage.catalog.SequenceDef;
import dev.marble.storage.catalog.TableDef;
import dev.marble.storage.catalog.ValueText;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.util.SqlShuttle;

/**
 * ALTER TABLE. Column changes append a row layout instead of rewriting rows (old rows decode through
 * their own layout); only a change of primary key rebuilds the table, because it changes every key.
 */
final class AlterTable {
  private final SqlEngine engine;
  private final DdlExecutor ddl;
  private final TableDdl tables;
  private final Database database;

  AlterTable(SqlEngine engine, Session session, DdlExecutor ddl, TableDdl tables) {
    this.engine = engine;
    this.ddl = ddl;
    this.tables = tables;
    this.database = engine.database();
  }

  long execute(MarbleAlterTable alter) {
    QualifiedName q = ddl.resolve(alter.name);
    TableDef def = q.schema().table(q.name());
    if (def == null) {
      if (alter.ifExists) {
        return 0;
      }
      ddl.requireTable(q);
    }
    SchemaDef schema = q.schema();
    switch (alter.action) {
      case ADD_COLUMN -> addColumn(schema, def, alter);
      case DROP_COLUMN -> dropColumn(schema, def, alter);
      case RENAME_COLUMN -> renameColumn(schema, def, alter.columnName.getSimple(), alter.newName.getSimple());
      case SET_DEFAULT -> setDefault(schema, def, alter.columnName.getSimple(), Unparse.sql(alter.defaultValue));
      case DROP_DEFAULT -> setDefault(schema, def, alter.columnName.getSimple(), null);
      case SET_NOT_NULL -> setNotNull(schema, def, alter.columnName.getSimple());
      case DROP_NOT_NULL -> dropNotNull(schema, def, alter.columnName.getSimple());
      case SET_DATA_TYPE -> setType(schema, def, alter);
      case RENAME_TABLE -> renameTable(schema, def, alter.newName.getSimple());
      case ADD_CONSTRAINT -> addConstraint(schema, def, alter.constraint);
      case DROP_CONSTRAINT -> dropConstraint(schema, def, alter);
    }
    return 0;
  }

  private ColumnDef column(TableDef def, String name) {
    return TableDdl.TableBuilder.column(def, name);
  }

  private void publishTable(SchemaDef schema, TableDef changed, String what) {
    ddl.publish(database.catalog().withSchema(schema.withTable(changed)), false, what);
  }

  // ---- columns ------------------------------------------------------------------------------

  private void addColumn(SchemaDef schema, TableDef def, MarbleAlterTable alter) {
    String name = alter.column.name.getSimple();
    if (def.column(name) != null) {
      if (alter.ifNotExists) {
        return;
      }
      throw new SqlEngineException(SqlEngineException.Code.DUPLICATE_OBJECT,
          "Column " + name + " already exists in table " + def.name());
    }
    TableDdl.TableBuilder probe = new TableDdl.TableBuilder(def.name(), def.id());
    probe.addColumn(alter.column);
    TableDef single = probe.build();
    ColumnDef added = single.columns().get(0);
    if (added.identity() != null
        || single.constraints().stream().anyMatch(c -> c.kind() != ConstraintDef.Kind.CHECK)) {
      throw DdlExecutor.notSupported("ADD COLUMN with an identity, PRIMARY KEY or UNIQUE clause "
          + "(add the column, then ALTER TABLE " + def.name() + " ADD CONSTRAINT ...)");
    }
    long rows = database.table(schema.name(), def).store().size();
    Object fill = added.defaultSql() == null ? null : constant(added);
    if (fill == null && !added.nullable() && rows > 0) {
      throw new SqlEngineException(SqlEngineException.Code.NOT_NULL_VIOLATION, "Cannot add NOT NULL column " + name
          + " without a DEFAULT to table " + def.name() + ", which has " + rows + " rows");
    }
    ColumnDef column = new ColumnDef(def.nextColumnId(), name, added.type(), added.precision(), added.scale(),
        added.nullable(), added.defaultSql(), null, ValueText.toText(added.type(), fill), null);
    List<ColumnDef> columns = new ArrayList<>(def.columns());
    columns.add(column);
    TableDef next = def.withColumns(columns, true, def.nextColumnId() + 1);
    List<ConstraintDef> constraints = new ArrayList<>(next.constraints());
    for (ConstraintDef c : single.constraints()) {
      constraints.add(ConstraintDef.check(c.name().replace(def.name() + "_1", def.name() + "_" + column.id()), c.checkSql()));
    }
    next = next.withConstraints(constraints, next.indexes());
    tables.checkChecks(next);
    if (probe.foreignKeys().isEmpty()) {
      publishTable(schema, next, "add column " + name);
      return;
    }
    addColumnWithForeignKey(schema, def, next, probe.foreignKeys().get(0), alter.column.constraintName != null);
  }

  /**
   * ADD COLUMN ... REFERENCES: the column, then its foreign key, which checks the rows' values of
   * the new column. Commits stay paused throughout, so when the check fails no row has been
   * written in the new layout and the table's old definition is put back.
   */
  private void addColumnWithForeignKey(SchemaDef schema, TableDef def, TableDef withColumn,
      ForeignKeyDdl.Pending fk, boolean named) {
    String name = named ? fk.name() : freeName(withColumn, "FK");
    database.withCommitsPaused(() -> {
      publishTable(schema, withColumn, "add column " + fk.columns().get(0));
      try {
        SchemaDef now = database.catalog().schema(schema.name());
        new ForeignKeyDdl(ddl, database).addToExisting(now, now.table(def.name()),
            new ForeignKeyDdl.Pending(name, fk.columns(), fk.ref()));
      } catch (RuntimeException e) {
        database.publish(database.catalog().withSchema(database.catalog().schema(schema.name()).withTable(def)));
        throw e;
      }
      return null;
    });
  }

  /** The value of a constant DEFAULT, which rows written before ADD COLUMN read as. */
  private Object constant(ColumnDef c) {
    Execution e = ddl.run("SELECT CAST(" + c.defaultSql() + " AS "
        + ColumnTypes.sqlName(c.type(), c.precision(), c.scale()) + ")");
    try (var rows = e.rows()) {
      rows.moveNext();
      return MarbleTypes.toStorage(rows.current()[0], c.type());
    }
  }

  private void dropColumn(SchemaDef schema, TableDef def, MarbleAlterTable alter) {
    ColumnDef c = def.column(alter.columnName.getSimple());
    if (c == null) {
      if (alter.columnIfExists) {
        return;
      }
      column(def, alter.columnName.getSimple());
    }
    if (def.columns().size() == 1) {
      throw new SqlEngineException(SqlEngineException.Code.INVALID_STATEMENT,
          "Cannot drop " + c.name() + ", the only column of table " + def.name() + "; drop the table instead");
    }
    java.util.Set<String> ownForeignKeys = new java.util.HashSet<>();
    def.constraints().stream().filter(k -> k.kind() == ConstraintDef.Kind.FOREIGN_KEY && k.columns().equals(
        List.of(c.id()))).forEach(k -> ownForeignKeys.add(k.name()));
    ForeignKeyDdl.requireUnreferenced(database.catalog(), schema.name(), def, c.name(),
        "drop column " + c.name() + " of table " + def.name(), ownForeignKeys);
    List<ConstraintDef> constraints = new ArrayList<>();
    List<IndexDef> droppedIndexes = new ArrayList<>();
    for (ConstraintDef k : def.constraints()) {
      boolean uses = k.columns().contains(c.id()) || (k.checkSql() != null && mentions(k.checkSql(), c.name()));
      if (!uses) {
        constraints.add(k);
      } else if (k.kind() == ConstraintDef.Kind.PRIMARY_KEY || k.columns().size() > 1 || k.checkSql() != null) {
        throw new SqlEngineException(SqlEngineException.Code.DEPENDENT_OBJECTS, "Cannot drop column " + c.name()
            + " of table " + def.name() + ": constraint " + k.name() + " uses it");
      }
    }
    List<IndexDef> indexes = new ArrayList<>();
    for (IndexDef i : def.indexes()) {
      if (!i.columns().contains(c.id())) {
        indexes.add(i);
      } else if (i.columns().size() == 1) {
        droppedIndexes.add(i);
      } else {
        throw new SqlEngineException(SqlEngineException.Code.DEPENDENT_OBJECTS, "Cannot drop column " + c.name()
            + " of table " + def.name() + ": index " + i.name() + " uses it");
      }
    }
    List<ColumnDef> columns = new ArrayList<>(def.columns());
    columns.remove(c);
    TableDef next = def.withColumns(columns, true, def.nextColumnId()).withConstraints(constraints, indexes);
    SchemaDef s = schema.withTable(next);
    if (c.identity() != null) {
      s = s.withoutSequence(c.identity().sequence());
    }
    ddl.publish(database.catalog().withSchema(s), false, "drop column " + c.name());
    droppedIndexes.forEach(i -> database.dropStorage(i.id()));
  }

  private void renameColumn(SchemaDef schema, TableDef def, String from, String to) {
    ColumnDef c = column(def, from);
    if (def.column(to) != null && !to.equalsIgnoreCase(from)) {
      throw new SqlEngineException(SqlEngineException.Code.DUPLICATE_OBJECT,
          "Column " + to + " already exists in table " + def.name());
    }
    TableDef next = def.withColumn(def.position(c.id()), c.withName(to));
    List<ConstraintDef> constraints = new ArrayList<>();
    for (ConstraintDef k : next.constraints()) {
      constraints.add(k.checkSql() == null ? k : k.withCheckSql(renameIn(k.checkSql(), c.name(), to)));
    }
    TableDef renamed = next.withConstraints(constraints, next.indexes());
    Catalog changed = database.catalog().withSchema(schema.withTable(renamed));
    ddl.publish(ForeignKeyDdl.followRename(changed, schema.name(), def, renamed, c.name(), to), false,
        "rename column " + c.name());
  }

  private void setDefault(SchemaDef schema, TableDef def, String name, String sql) {
    ColumnDef c = column(def, name);
    if (c.identity() != null && sql != null) {
      throw new SqlEngineException(SqlEngineException.Code.INVALID_STATEMENT,
          "Column " + def.name() + "." + c.name() + " is an identity column and cannot have a DEFAULT");
    }
    TableDef next = def.withColumn(def.position(c.id()), c.withDefault(sql));
    if (sql != null) {
      constant(c.withDefault(sql)); // evaluates once: a bad expression fails here, not at the next INSERT
    }
    publishTable(schema, next, "set default");
  }

  private void setNotNull(SchemaDef schema, TableDef def, String name) {
    ColumnDef c = column(def, name);
    long nulls = count("SELECT COUNT(*) FROM " + Unparse.name(schema.name(), def.name()) + " WHERE "
        + Unparse.quote(c.name()) + " IS NULL");
    if (nulls > 0) {
      throw new SqlEngineException(SqlEngineException.Code.NOT_NULL_VIOLATION, "Column " + def.name() + "."
          + c.name() + " holds NULL in " + nulls + " rows; update them before SET NOT NULL");
    }
    publishTable(schema, def.withColumn(def.position(c.id()), c.withNullable(false)), "set not null");
  }

  private void dropNotNull(SchemaDef schema, TableDef def, String name) {
    ColumnDef c = column(def, name);
    ConstraintDef pk = def.primaryKey();
    if (pk != null && pk.columns().contains(c.id())) {
      throw new SqlEngineException(SqlEngineException.Code.INVALID_STATEMENT,
          "Column " + def.name() + "." + c.name() + " is part of the primary key and must stay NOT NULL");
    }
    publishTable(schema, def.withColumn(def.position(c.id()), c.withNullable(true)), "drop not null");
  }

  /** Changes length or precision within a storage type; other type changes would rewrite rows. */
  private void setType(SchemaDef schema, TableDef def, MarbleAlterTable alter) {
    ColumnDef c = column(def, alter.columnName.getSimple());
    ColumnTypes.Declared t = ColumnTypes.of(alter.newType, def.name() + "." + c.name());
    boolean sameFamily = t.type() == c.type()
        || (t.type() == ColumnType.CLOB && c.type() == ColumnType.VARCHAR)
        || (t.type() == ColumnType.VARCHAR && c.type() == ColumnType.CLOB);
    if (!sameFamily) {
      throw DdlExecutor.notSupported("Changing column " + def.name() + "." + c.name() + " from " + c.type() + " to "
          + t.type() + " (only the length or precision of a type can change)");
    }
    String table = Unparse.name(schema.name(), def.name());
    String col = Unparse.quote(c.name());
    String test = switch (t.type()) {
      case CHAR, VARCHAR -> t.precision() > 0 ? "CHAR_LENGTH(" + col + ") > " + t.precision() : null;
      case BINARY, VARBINARY -> t.precision() > 0 ? "OCTET_LENGTH(" + col + ") > " + t.precision() : null;
      case DECIMAL -> t.scale() < c.scale() ? "TRUE" : "ABS(" + col + ") >= 1E" + (t.precision() - t.scale());
      default -> null;
    };
    if (test != null && count("SELECT COUNT(*) FROM " + table + " WHERE " + test) > 0) {
      throw new SqlEngineException(SqlEngineException.Code.STRING_TOO_LONG, "Existing values of " + def.name()
          + "." + c.name() + " do not fit " + ColumnTypes.sqlName(t.type(), t.precision(), t.scale()));
    }
    TableDef next = def.withColumn(def.position(c.id()), c.withType(t.type(), t.precision(), t.scale()));
    List<ColumnDef> columns = next.columns();
    publishTable(schema, next.withColumns(columns, true, next.nextColumnId()), "change column type");
  }

  private void renameTable(SchemaDef schema, TableDef def, String to) {
    DdlExecutor.requireFree(schema, to);
    TableDef renamed = def.withName(to);
    Catalog next = database.catalog().withSchema(schema.withoutTable(def.name()).withTable(renamed));
    next = next.withSecurity(next.security().withTableRenamed(schema.name(), def.name(), renamed.name()));
    ddl.publish(ForeignKeyDdl.followRename(next, schema.name(), def, renamed, null, null), false,
        "rename table " + def.name());
  }

  // ---- constraints --------------------------------------------------------------------------

  private void addConstraint(SchemaDef schema, TableDef def, MarbleTableConstraint constraint) {
    if (constraint.kind == MarbleTableConstraint.Kind.FOREIGN_KEY) {
      String name = constraint.name != null ? constraint.name.getSimple() : freeName(def, "FK");
      if (def.constraints().stream().anyMatch(k -> k.name().equalsIgnoreCase(name))) {
        throw new SqlEngineException(SqlEngineException.Code.DUPLICATE_OBJECT,
            "Constraint " + name + " already exists on table " + def.name());
      }
      List<String> columns = constraint.columns.getList().stream().map(n -> ((SqlIdentifier) n).getSimple()).toList();
      new ForeignKeyDdl(ddl, database).addToExisting(schema, def,
          new ForeignKeyDdl.Pending(name, columns, constraint.references));
      return;
    }
    TableDdl.TableBuilder b = new TableDdl.TableBuilder(def.name(), def.id());
    for (ColumnDef c : def.columns()) {
      b.addColumn(c.name(), new ColumnTypes.Declared(c.type(), c.precision(), c.scale(), false), c.nullable(),
          null, null);
    }
    b.addConstraint(constraint);
    ConstraintDef added = b.build().constraints().get(0);
    String name = constraint.name != null ? added.name() : added.name().replaceFirst("_1$", "_" + (def.constraints().size() + 1));
    if (def.constraints().stream().anyMatch(k -> k.name().equalsIgnoreCase(name))) {
      throw new SqlEngineException(SqlEngineException.Code.DUPLICATE_OBJECT,
          "Constraint " + name + " already exists on table " + def.name());
    }
    List<Integer> ids = added.columns().stream().map(i -> def.column(b.build().columnById(i).name()).id()).toList();
    List<ConstraintDef> constraints = new ArrayList<>(def.constraints());
    switch (added.kind()) {
      case CHECK -> {
        ConstraintDef check = ConstraintDef.check(name, added.checkSql());
        constraints.add(check);
        TableDef next = def.withConstraints(constraints, def.indexes());
        tables.checkChecks(next);
        long bad = count("SELECT COUNT(*) FROM " + Unparse.name(schema.name(), def.name()) + " WHERE NOT ("
            + added.checkSql() + ")");
        if (bad > 0) {
          throw new SqlEngineException(SqlEngineException.Code.CHECK_VIOLATION,
              "Check constraint " + name + " is violated by " + bad + " existing rows of table " + def.name());
        }
        publishTable(schema, next, "add constraint " + name);
      }
      case UNIQUE -> {
        constraints.add(ConstraintDef.unique(name, ids));
        IndexDef index = new IndexDef(database.catalog().nextObjectId(), name, true, ids, null, name);
        new IndexBuilder(database).addIndex(schema, def, index, constraints);
      }
      case PRIMARY_KEY -> {
        if (def.primaryKey() != null) {
          throw new SqlEngineException(SqlEngineException.Code.INVALID_STATEMENT,
              "Table " + def.name() + " already has a primary key (" + def.primaryKey().name() + ")");
        }
        constraints.add(ConstraintDef.primaryKey(name, ids));
        List<ColumnDef> columns = new ArrayList<>(def.columns());
        columns.replaceAll(c -> ids.contains(c.id()) ? c.withNullable(false) : c);
        rebuild(schema, def, def.withColumns(columns, false, def.nextColumnId()).withConstraints(constraints,
            def.indexes()), null);
      }
      default -> throw new IllegalStateException("foreign keys are added above");
    }
  }

  /** A generated constraint name no constraint of the table has. */
  private static String freeName(TableDef def, String prefix) {
    for (int n = def.constraints().size() + 1; ; n++) {
      String name = prefix + "_" + def.name() + "_" + n;
      if (def.constraints().stream().noneMatch(k -> k.name().equalsIgnoreCase(name))) {
        return name;
      }
    }
  }

  private void dropConstraint(SchemaDef schema, TableDef def, MarbleAlterTable alter) {
    String name = alter.constraintName.getSimple();
    ConstraintDef k = def.constraints().stream().filter(c -> c.name().equalsIgnoreCase(name)).findFirst().orElse(null);
    if (k == null) {
      if (alter.constraintIfExists) {
        return;
      }
      throw new SqlEngineException(SqlEngineException.Code.UNKNOWN_OBJECT,
          "Constraint " + name + " does not exist on table " + def.name());
    }
    List<ConstraintDef> constraints = new ArrayList<>(def.constraints());
    constraints.remove(k);
    List<IndexDef> indexes = def.indexes().stream().filter(i -> !k.name().equals(i.constraint())).toList();
    TableDef next = def.withConstraints(constraints, indexes);
    if (k.kind() == ConstraintDef.Kind.PRIMARY_KEY || k.kind() == ConstraintDef.Kind.UNIQUE) {
      ForeignKeyDdl.requireKeyUnused(database.catalog(), schema.name(), def, next, k.columns(),
          "drop constraint " + k.name() + " of table " + def.name());
    }
    if (k.kind() == ConstraintDef.Kind.PRIMARY_KEY) {
      String rowIds = "SYS_ROWID_" + database.catalog().nextObjectId();
      rebuild(schema, def, new TableDef(def.id(), def.name(), def.columns(), constraints, indexes, def.layouts(),
          def.nextColumnId(), rowIds, def.options(), def.comment()), rowIds);
      return;
    }
    publishTable(schema, next, "drop constraint " + k.name());
    def.indexes().stream().filter(i -> k.name().equals(i.constraint())).forEach(i -> database.dropStorage(i.id()));
  }

  /**
   * Copies every row into a new table with a different key (primary key added or dropped) while
   * commits are paused, then swaps it in. A failure (duplicate or NULL key) drops the copy.
   */
  private void rebuild(SchemaDef schema, TableDef old, TableDef changed, String newRowIdSequence) {
    long id = database.catalog().nextObjectId();
    List<IndexDef> indexes = new ArrayList<>();
    long nextId = id + 1;
    for (IndexDef i : changed.indexes()) {
      indexes.add(new IndexDef(nextId++, i.name(), i.unique(), i.columns(), i.descending(), i.constraint()));
    }
    TableDef next = new TableDef(id, changed.name(), changed.columns(), changed.constraints(), indexes,
        changed.layouts(), changed.nextColumnId(), changed.rowIdSequence(), changed.options(), changed.comment());
    database.createStorage(next);
    int usedIds = (int) (nextId - id);
    try {
      database.withCommitsPaused(() -> {
        copyRows(schema.name(), old, next);
        SchemaDef s = schema.withTable(next);
        if (newRowIdSequence != null) {
          s = s.withSequence(new SequenceDef(newRowIdSequence, 1, 1, 1, Long.MAX_VALUE, false, true));
        } else if (old.rowIdSequence() != null) {
          s = s.withoutSequence(old.rowIdSequence());
        }
        database.publish(database.catalog().takeIds(usedIds).withSchema(s));
        return null;
      });
    } catch (RuntimeException e) {
      TableDdl.dropStores(database, next);
      throw e;
    }
    TableDdl.dropStores(database, old);
  }

  private void copyRows(String schema, TableDef oldDef, TableDef newDef) {
    Table from = database.table(schema, oldDef);
    Table to = database.table(schema, newDef);
    dev.marble.storage.Transaction tx = database.begin(dev.marble.storage.Transaction.Isolation.READ_COMMITTED,
        Long.MAX_VALUE / 2_000_000);
    long rowId = 1;
    try (TableStore.Cursor cursor = from.store().cursor()) {
      while (cursor.next()) {
        Object[] row = from.decode(cursor.key(), cursor.value());
        Object[] copy = java.util.Arrays.copyOf(row, to.rowWidth());
        if (to.hasRowId()) {
          copy[to.columnCount()] = rowId++;
        }
        for (int p : newDef.primaryKeyPositions()) {
          if (copy[p] == null) {
            throw new SqlEngineException(SqlEngineException.Code.NOT_NULL_VIOLATION, "Column " + newDef.name()
                + "." + newDef.columns().get(p).name() + " holds NULL; a primary key column cannot");
          }
        }
        tx.insert(to, copy);
      }
    }
    tx.commit(); // the commit lock is re-entrant: this thread already holds it
    if (to.hasRowId()) {
      database.sequences().reset(dev.marble.storage.SequenceStore.key(schema, newDef.rowIdSequence()), rowId);
    }
  }

  private long count(String sql) {
    Execution e = ddl.run(sql);
    try (var rows = e.rows()) {
      rows.moveNext();
      return ((Number) rows.current()[0]).longValue();
    }
  }

  // ---- identifiers in stored SQL ------------------------------------------------------------

  private boolean mentions(String sql, String column) {
    boolean[] found = {false};
    engine.parseExpression(sql).accept(new SqlShuttle() {
      @Override
      public SqlNode visit(SqlIdentifier id) {
        found[0] |= id.names.get(id.names.size() - 1).equalsIgnoreCase(column);
        return id;
      }
    });
    return found[0];
  }

  private String renameIn(String sql, String from, String to) {
    SqlNode renamed = engine.parseExpression(sql).accept(new SqlShuttle() {
      @Override
      public SqlNode visit(SqlIdentifier id) {
        if (id.names.get(id.names.size() - 1).equals(from)) {
          return id.setName(id.names.size() - 1, to);
        }
        return id;
      }
    });
    return Unparse.sql(renamed);
  }
}
