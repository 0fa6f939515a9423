package dev.marble.sql;

import dev.marble.sql.DdlExecutor.QualifiedName;
import dev.marble.sql.parser.IdentityKind;
import dev.marble.sql.parser.MarbleColumnDef;
import dev.marble.sql.parser.MarbleCommentOn;
import dev.marble.sql.parser.MarbleCreateIndex;
import dev.marble.sql.parser.MarbleCreateTable;
import dev.marble.sql.parser.MarbleDrop;
import dev.marble.sql.parser.MarbleOption;
import dev.marble.sql.parser.MarbleTableConstraint;
import dev.marble.storage.Database;
import dev.marble.storage.SequenceStore;
import dev.marble.storage.catalog.Catalog;
import dev.marble.storage.catalog.ColumnDef;
import dev.marble.storage.catalog.ConstraintDef;
import dev.marble.storage.catalog.IdentityDef;
import dev.marble.storage.catalog.IndexDef;
import dev.marble.storage.catalog.LayoutDef;
import dev.marble.storage.catalog.SchemaDef;
import dev.marble.storage.catalog.SequenceDef;
import dev.marble.storage.catalog.TableDef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.util.Util;

/** CREATE TABLE, DROP TABLE, CREATE/DROP INDEX and COMMENT ON; ALTER TABLE is in {@link AlterTable}. */
final class TableDdl {
  /** Options a user may give in {@code CREATE TABLE ... WITH (...)}. */
  static final Set<String> OPTIONS = Set.of("INITIAL_ENTRIES", "AVERAGE_ROW_SIZE");

  private final SqlEngine engine;
  private final Session session;
  private final DdlExecutor ddl;
  private final Database database;

  TableDdl(SqlEngine engine, Session session, DdlExecutor ddl) {
    this.engine = engine;
    this.session = session;
    this.ddl = ddl;
    this.database = engine.database();
  }

  long alter(dev.marble.sql.parser.MarbleAlterTable alter) {
    return new AlterTable(engine, session, ddl, this).execute(alter);
  }

  // ---- CREATE TABLE -------------------------------------------------------------------------

  long create(MarbleCreateTable create) {
    QualifiedName q = ddl.resolve(create.name);
    if (q.schema().table(q.name()) != null && create.ifNotExists) {
      return 0;
    }
    DdlExecutor.requireFree(q.schema(), q.name());
    if (create.query != null) {
      return createAs(create, q);
    }
    Catalog catalog = database.catalog();
    long id = catalog.nextObjectId();
    TableBuilder b = new TableBuilder(q.name(), id);
    for (MarbleColumnDef c : create.columns) {
      b.addColumn(c);
    }
    for (MarbleTableConstraint c : create.constraints) {
      b.addConstraint(c);
    }
    b.options(create.options == null ? List.of() : create.options.getList());
    TableDef def = new ForeignKeyDdl(ddl, database).addToNew(q.schema(), b.build(), b.foreignKeys());
    checkDefaults(def);
    checkChecks(def);
    createTable(q.schema(), def, b.sequences);
    return 0;
  }

  /** Creates stores, then publishes; a crash in between leaves an orphan store that open deletes. */
  void createTable(SchemaDef schema, TableDef def, List<SequenceDef> sequences) {
    Catalog catalog = database.catalog();
    SchemaDef s = schema;
    for (SequenceDef seq : sequences) {
      s = s.withSequence(seq);
    }
    long usedIds = def.id() + 1 + def.indexes().size() - catalog.nextObjectId();
    database.createStorage(def);
    try {
      database.publish(catalog.takeIds((int) usedIds).withSchema(s.withTable(def)));
    } catch (RuntimeException e) {
      dropStores(database, def);
      throw e;
    }
    for (SequenceDef seq : sequences) {
      database.sequences().reset(SequenceStore.key(schema.name(), seq.name()), seq.start());
    }
  }

  private long createAs(MarbleCreateTable create, QualifiedName q) {
    String query = Unparse.sql(create.query);
    Prepared plan = engine.prepare(query, session);
    if (plan.kind() != Prepared.Kind.QUERY) {
      throw new SqlEngineException(SqlEngineException.Code.INVALID_STATEMENT,
          "CREATE TABLE " + q.name() + " AS needs a query");
    }
    List<ResultField> fields = plan.fields();
    if (!create.columns.isEmpty() && create.columns.size() != fields.size()) {
      throw new SqlEngineException(SqlEngineException.Code.INVALID_STATEMENT, "CREATE TABLE " + q.name()
          + " names " + create.columns.size() + " columns but the query returns " + fields.size());
    }
    TableBuilder b = new TableBuilder(q.name(), database.catalog().nextObjectId());
    for (int i = 0; i < fields.size(); i++) {
      ResultField f = fields.get(i);
      String name = create.columns.isEmpty() ? f.label() : create.columns.get(i).name.getSimple();
      b.addColumn(name, ColumnTypes.ofResult(f), f.nullable(), null, null);
    }
    TableDef def = b.build();
    createTable(q.schema(), def, b.sequences);
    Execution inserted = ddl.run("INSERT INTO " + Unparse.name(q.schema().name(), def.name()) + " " + query);
    return inserted.updateCount();
  }

  private void checkDefaults(TableDef def) {
    for (ColumnDef c : def.columns()) {
      if (c.defaultSql() != null) {
        try {
          engine.prepare("SELECT CAST(" + c.defaultSql() + " AS " + ColumnTypes.sqlName(c.type(), c.precision(),
              c.scale()) + ")", session);
        } catch (RuntimeException e) {
          throw new SqlEngineException(SqlEngineException.Code.INVALID_STATEMENT,
              "Invalid DEFAULT for column " + def.name() + "." + c.name() + ": " + e.getMessage(), e);
        }
      }
    }
  }

  /** Validates each CHECK against the table's columns (the table need not exist yet). */
  void checkChecks(TableDef def) {
    for (ConstraintDef c : def.constraints()) {
      if (c.kind() == ConstraintDef.Kind.CHECK) {
        new Planner(engine, engine.snapshot(), session.schema()).validateCheck(def, c);
      }
    }
  }

  // ---- DROP TABLE ---------------------------------------------------------------------------

  long drop(MarbleDrop drop) {
    QualifiedName q = ddl.resolve(drop.name);
    TableDef def = q.schema().table(q.name());
    if (def == null) {
      if (drop.ifExists) {
        return 0;
      }
      ddl.requireTable(q);
    }
    List<Long> droppedIndexes = new ArrayList<>();
    Catalog catalog = ForeignKeyDdl.dropReferencesTo(database.catalog(), q.schema().name(), def, drop.cascade,
        droppedIndexes);
    SchemaDef s = catalog.schema(q.schema().name()).withoutTable(def.name());
    for (String seq : internalSequences(def)) {
      s = s.withoutSequence(seq);
    }
    ddl.publish(catalog.withSchema(s), drop.cascade, "drop table " + def.name());
    dropStores(database, def);
    droppedIndexes.forEach(database::dropStorage);
    for (String seq : internalSequences(def)) {
      database.sequences().drop(SequenceStore.key(q.schema().name(), seq));
    }
    return 0;
  }

  static void dropStores(Database database, TableDef def) {
    database.dropStorage(def.id());
    for (IndexDef index : def.indexes()) {
      database.dropStorage(index.id());
    }
  }

  static List<String> internalSequences(TableDef def) {
    List<String> names = new ArrayList<>();
    if (def.rowIdSequence() != null) {
      names.add(def.rowIdSequence());
    }
    def.columns().stream().filter(c -> c.identity() != null).forEach(c -> names.add(c.identity().sequence()));
    return names;
  }

  // ---- indexes ------------------------------------------------------------------------------

  long createIndex(MarbleCreateIndex create) {
    QualifiedName q = ddl.resolve(create.table);
    TableDef def = ddl.requireTable(q);
    String name = Util.last(create.name.names);
    if (create.name.names.size() > 1 && !ddl.resolve(create.name).schema().name().equals(q.schema().name())) {
      throw new SqlEngineException(SqlEngineException.Code.INVALID_STATEMENT, "Index " + create.name
          + " must be in the schema of its table " + q.schema().name() + "." + def.name());
    }
    if (indexNamed(q.schema(), name) != null) {
      if (create.ifNotExists) {
        return 0;
      }
      throw new SqlEngineException(SqlEngineException.Code.DUPLICATE_OBJECT,
          "Index " + name + " already exists in schema " + q.schema().name());
    }
    List<Integer> columns = new ArrayList<>();
    for (SqlIdentifier c : create.columns) {
      columns.add(TableBuilder.column(def, c.getSimple()).id());
    }
    IndexDef index = new IndexDef(database.catalog().nextObjectId(), name, create.unique, columns,
        create.descending, null);
    new IndexBuilder(database).addIndex(q.schema(), def, index, def.constraints());
    return 0;
  }

  long dropIndex(MarbleDrop drop) {
    SchemaDef schema = ddl.resolve(drop.name).schema();
    String name = drop.name.names.get(drop.name.names.size() - 1);
    TableDef owner = indexNamed(schema, name);
    if (owner == null) {
      if (drop.ifExists) {
        return 0;
      }
      throw new SqlEngineException(SqlEngineException.Code.UNKNOWN_OBJECT,
          "Index " + name + " does not exist in schema " + schema.name());
    }
    IndexDef index = owner.indexes().stream().filter(i -> i.name().equalsIgnoreCase(name)).findFirst().orElseThrow();
    if (index.constraint() != null) {
      throw new SqlEngineException(SqlEngineException.Code.DEPENDENT_OBJECTS, "Index " + index.name()
          + " enforces constraint " + index.constraint() + "; drop the constraint instead (ALTER TABLE "
          + owner.name() + " DROP CONSTRAINT " + index.constraint() + ")");
    }
    List<IndexDef> rest = owner.indexes().stream().filter(i -> i != index).toList();
    if (index.unique()) {
      ForeignKeyDdl.requireKeyUnused(database.catalog(), schema.name(), owner,
          owner.withConstraints(owner.constraints(), rest), index.columns(), "drop index " + index.name());
    }
    database.publish(database.catalog().withSchema(schema.withTable(owner.withConstraints(owner.constraints(), rest))));
    database.dropStorage(index.id());
    return 0;
  }

  static TableDef indexNamed(SchemaDef schema, String name) {
    for (TableDef t : schema.tables().values()) {
      for (IndexDef i : t.indexes()) {
        if (i.name().equalsIgnoreCase(name)) {
          return t;
        }
      }
    }
    return null;
  }

  // ---- COMMENT ON ---------------------------------------------------------------------------

  long comment(MarbleCommentOn comment) {
    SqlIdentifier id = comment.name;
    if (comment.target == MarbleCommentOn.ObjectKind.TABLE) {
      QualifiedName q = ddl.resolve(id);
      TableDef def = ddl.requireTable(q);
      database.publish(database.catalog().withSchema(q.schema().withTable(def.withComment(comment.comment))));
      return 0;
    }
    SqlIdentifier tableId = id.getComponent(0, id.names.size() - 1);
    QualifiedName q = ddl.resolve(tableId);
    TableDef def = ddl.requireTable(q);
    ColumnDef c = TableBuilder.column(def, id.names.get(id.names.size() - 1));
    TableDef changed = def.withColumn(def.position(c.id()), c.withComment(comment.comment));
    database.publish(database.catalog().withSchema(q.schema().withTable(changed)));
    return 0;
  }

  // ---- building a table definition ----------------------------------------------------------

  /** Accumulates columns and constraints of a new table, checking names as they come. */
  static final class TableBuilder {
    private final String table;
    private final long id;
    private final List<ColumnDef> columns = new ArrayList<>();
    private final List<ConstraintDef> constraints = new ArrayList<>();
    private final List<SequenceDef> sequences = new ArrayList<>();
    /** Foreign keys, resolved once the table is built (they may reference it). */
    private final List<ForeignKeyDdl.Pending> foreignKeys = new ArrayList<>();
    private final Map<String, String> options = new HashMap<>();
    private int nextColumnId = 1;

    TableBuilder(String table, long id) {
      this.table = table;
      this.id = id;
    }

    List<SequenceDef> sequences() {
      return sequences;
    }

    List<ForeignKeyDdl.Pending> foreignKeys() {
      return foreignKeys;
    }

    void addColumn(MarbleColumnDef c) {
      String name = c.name.getSimple();
      if (c.type == null) {
        throw new SqlEngineException(SqlEngineException.Code.INVALID_STATEMENT,
            "Column " + name + " of table " + table + " needs a data type");
      }
      ColumnTypes.Declared declared = ColumnTypes.of(c.type, table + "." + name);
      IdentityKind identity = c.identity;
      if (declared.serial() && identity == IdentityKind.NONE) {
        identity = IdentityKind.BY_DEFAULT;
      }
      boolean nullable = !c.notNull && !c.primaryKey && identity == IdentityKind.NONE
          && (c.type.getNullable() == null || c.type.getNullable());
      IdentityDef identityDef = null;
      if (identity != IdentityKind.NONE) {
        if (!List.of(dev.marble.storage.ColumnType.TINYINT, dev.marble.storage.ColumnType.SMALLINT,
            dev.marble.storage.ColumnType.INTEGER, dev.marble.storage.ColumnType.BIGINT,
            dev.marble.storage.ColumnType.DECIMAL).contains(declared.type())) {
          throw new SqlEngineException(SqlEngineException.Code.INVALID_STATEMENT,
              "Identity column " + table + "." + name + " must have an integer type, not " + declared.type());
        }
        String seq = "SYS_IDENTITY_" + id + "_" + nextColumnId;
        long start = c.identityStart == null ? 1 : c.identityStart;
        long increment = c.identityIncrement == null ? 1 : c.identityIncrement;
        sequences.add(new SequenceDef(seq, start, increment, increment > 0 ? start : Long.MIN_VALUE,
            increment > 0 ? Long.MAX_VALUE : start, false, true));
        identityDef = new IdentityDef(identity == IdentityKind.ALWAYS, seq);
      }
      String defaultSql = c.defaultValue == null ? null : Unparse.sql(c.defaultValue);
      if (defaultSql != null && identityDef != null) {
        throw new SqlEngineException(SqlEngineException.Code.INVALID_STATEMENT,
            "Column " + table + "." + name + " cannot have both a DEFAULT and an identity");
      }
      addColumn(name, declared, nullable, defaultSql, identityDef);
      String constraintName = c.constraintName == null ? null : c.constraintName.getSimple();
      if (c.primaryKey) {
        addPrimaryKey(constraintName, List.of(name));
      }
      if (c.unique) {
        constraints.add(ConstraintDef.unique(name(constraintName, "UK"), List.of(columnId(name))));
      }
      if (c.check != null) {
        constraints.add(ConstraintDef.check(name(constraintName, "CK"), Unparse.sql(c.check)));
      }
      if (c.references != null) {
        foreignKeys.add(new ForeignKeyDdl.Pending(name(constraintName, "FK"), List.of(name), c.references));
      }
    }

    void addColumn(String name, ColumnTypes.Declared type, boolean nullable, String defaultSql, IdentityDef identity) {
      for (ColumnDef existing : columns) {
        if (existing.name().equalsIgnoreCase(name)) {
          throw new SqlEngineException(SqlEngineException.Code.DUPLICATE_OBJECT,
              "Column " + name + " appears twice in table " + table);
        }
      }
      columns.add(new ColumnDef(nextColumnId++, name, type.type(), type.precision(), type.scale(), nullable,
          defaultSql, identity, null, null));
    }

    void addConstraint(MarbleTableConstraint c) {
      String given = c.name == null ? null : c.name.getSimple();
      switch (c.kind) {
        case PRIMARY_KEY -> addPrimaryKey(given, names(c));
        case UNIQUE -> constraints.add(ConstraintDef.unique(name(given, "UK"), names(c).stream().map(this::columnId).toList()));
        case CHECK -> constraints.add(ConstraintDef.check(name(given, "CK"), Unparse.sql(c.check)));
        case FOREIGN_KEY -> foreignKeys.add(new ForeignKeyDdl.Pending(name(given, "FK"), names(c), c.references));
      }
    }

    void options(List<SqlNode> given) {
      for (SqlNode n : given) {
        MarbleOption o = (MarbleOption) n;
        String key = o.key.toUpperCase(Locale.ROOT);
        if (!OPTIONS.contains(key)) {
          throw new SqlEngineException(SqlEngineException.Code.INVALID_STATEMENT,
              "Unknown table option " + o.key + "; known options: " + String.join(", ", new java.util.TreeSet<>(OPTIONS)));
        }
        String value = o.value instanceof SqlLiteral l ? l.toValue() : o.value.toString();
        try {
          if (Long.parseLong(value) <= 0) {
            throw new NumberFormatException();
          }
        } catch (NumberFormatException e) {
          throw new SqlEngineException(SqlEngineException.Code.INVALID_STATEMENT,
              "Table option " + key + " must be a positive whole number, not " + value);
        }
        options.put(key, value);
      }
    }

    TableDef build() {
      if (columns.isEmpty()) {
        throw new SqlEngineException(SqlEngineException.Code.INVALID_STATEMENT, "Table " + table + " has no columns");
      }
      boolean hasKey = constraints.stream().anyMatch(c -> c.kind() == ConstraintDef.Kind.PRIMARY_KEY);
      String rowIdSequence = null;
      if (!hasKey) {
        rowIdSequence = "SYS_ROWID_" + id;
        sequences.add(new SequenceDef(rowIdSequence, 1, 1, 1, Long.MAX_VALUE, false, true));
      }
      List<IndexDef> indexes = new ArrayList<>();
      long nextId = id + 1;
      for (ConstraintDef c : constraints) {
        if (c.kind() == ConstraintDef.Kind.UNIQUE) {
          indexes.add(new IndexDef(nextId++, c.name(), true, c.columns(), null, c.name()));
        }
      }
      return new TableDef(id, table, columns, constraints, indexes, List.of(LayoutDef.of(columns)), nextColumnId,
          rowIdSequence, options, null);
    }

    private void addPrimaryKey(String given, List<String> names) {
      if (constraints.stream().anyMatch(c -> c.kind() == ConstraintDef.Kind.PRIMARY_KEY)) {
        throw new SqlEngineException(SqlEngineException.Code.INVALID_STATEMENT,
            "Table " + table + " has more than one PRIMARY KEY");
      }
      List<Integer> ids = new ArrayList<>();
      for (String n : new LinkedHashSet<>(names)) {
        int columnId = columnId(n);
        ids.add(columnId);
        for (int i = 0; i < columns.size(); i++) {
          if (columns.get(i).id() == columnId) {
            columns.set(i, columns.get(i).withNullable(false));
          }
        }
      }
      constraints.add(ConstraintDef.primaryKey(given != null ? given : "PK_" + table, ids));
    }

    private String name(String given, String prefix) {
      if (given != null) {
        List<String> taken = new ArrayList<>(foreignKeys.stream().map(ForeignKeyDdl.Pending::name).toList());
        constraints.forEach(c -> taken.add(c.name()));
        for (String t : taken) {
          if (t.equalsIgnoreCase(given)) {
            throw new SqlEngineException(SqlEngineException.Code.DUPLICATE_OBJECT,
                "Constraint " + given + " appears twice in table " + table);
          }
        }
        return given;
      }
      return prefix + "_" + table + "_" + (constraints.size() + foreignKeys.size() + 1);
    }

    private List<String> names(MarbleTableConstraint c) {
      return c.columns.getList().stream().map(n -> ((SqlIdentifier) n).getSimple()).toList();
    }

    private int columnId(String name) {
      for (ColumnDef c : columns) {
        if (c.name().equals(name)) {
          return c.id();
        }
      }
      for (ColumnDef c : columns) {
        if (c.name().equalsIgnoreCase(name)) {
          return c.id();
        }
      }
      throw new SqlEngineException(SqlEngineException.Code.UNKNOWN_COLUMN,
          "Column " + name + " does not exist in table " + table);
    }

    static ColumnDef column(TableDef def, String name) {
      ColumnDef c = def.column(name);
      if (c == null) {
        throw new SqlEngineException(SqlEngineException.Code.UNKNOWN_COLUMN,
            "Column " + name + " does not exist in table " + def.name());
      }
      return c;
    }
  }
}
