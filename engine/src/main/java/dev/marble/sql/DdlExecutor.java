package dev.marble.sql;

import dev.marble.sql.parser.MarbleAlterUser;
import dev.marble.sql.parser.MarbleCommentOn;
import dev.marble.sql.parser.MarbleCreateIndex;
import dev.marble.sql.parser.MarbleCreateSchema;
import dev.marble.sql.parser.MarbleCreateRole;
import dev.marble.sql.parser.MarbleCreateSequence;
import dev.marble.sql.parser.MarbleCreateUser;
import dev.marble.sql.parser.MarbleCreateView;
import dev.marble.sql.parser.MarbleDrop;
import dev.marble.sql.parser.MarbleGrant;
import dev.marble.sql.parser.MarbleSetSchema;
import dev.marble.sql.parser.MarbleTruncateTable;
import dev.marble.storage.Database;
import dev.marble.storage.SequenceStore;
import dev.marble.storage.Table;
import dev.marble.storage.catalog.Catalog;
import dev.marble.storage.catalog.SchemaDef;
import dev.marble.storage.catalog.ColumnDef;
import dev.marble.storage.catalog.SequenceDef;
import dev.marble.storage.catalog.TableDef;
import dev.marble.storage.catalog.ViewDef;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlDdl;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;

/**
 * Runs DDL: changes the catalog (crash-safely, one new version per statement) and the stores.
 * Statements run one at a time per database (the schema lock). Each checks everything before it
 * changes anything, so a failing statement leaves the catalog as it was.
 *
 * <p>Tables and indexes are in {@link TableDdl}; this class holds schemas, views, sequences and the
 * small statements.
 */
final class DdlExecutor {
  private final SqlEngine engine;
  private final Session session;
  private final Database database;

  DdlExecutor(SqlEngine engine, Session session) {
    this.engine = engine;
    this.session = session;
    this.database = engine.database();
  }

  static boolean handles(SqlNode node) {
    return node instanceof SqlDdl;
  }

  /**
   * DDL is for admins, with three exceptions: SET SCHEMA (anyone), TRUNCATE (DELETE on the table,
   * checked when it runs) and a user changing its own password.
   */
  static void checkPrivileges(Session session, SqlNode node) {
    boolean ownPassword = node instanceof MarbleAlterUser alter && alter.action == MarbleAlterUser.Action.PASSWORD
        && alter.name.getSimple().equals(session.user());
    if (!(node instanceof MarbleSetSchema) && !(node instanceof MarbleTruncateTable) && !ownPassword) {
      Privileges.requireAdmin(session, ((SqlDdl) node).getOperator().getName());
    }
  }

  /** Runs one DDL statement and returns its update count (0; TRUNCATE returns the rows removed). */
  long execute(SqlNode node, String sql) {
    database.schemaLock().lock();
    try {
      return dispatch(node, sql);
    } finally {
      try {
        // DDL writes stores directly (index builds, rebuilds), not through the redo log: force them.
        database.checkpoint();
      } finally {
        database.schemaLock().unlock();
      }
    }
  }

  private long dispatch(SqlNode node, String sql) {
    TableDdl tables = new TableDdl(engine, session, this);
    if (node instanceof dev.marble.sql.parser.MarbleCreateTable create) {
      return tables.create(create);
    } else if (node instanceof dev.marble.sql.parser.MarbleAlterTable alter) {
      return tables.alter(alter);
    } else if (node instanceof MarbleCreateIndex index) {
      return tables.createIndex(index);
    } else if (node instanceof MarbleTruncateTable truncate) {
      return truncate(truncate);
    } else if (node instanceof MarbleDrop drop) {
      return switch (drop.kind) {
        case TABLE -> tables.drop(drop);
        case INDEX -> tables.dropIndex(drop);
        case VIEW -> dropView(drop);
        case SEQUENCE -> dropSequence(drop);
        case SCHEMA -> dropSchema(drop);
        case USER -> new UserDdl(session).dropUser(drop);
        case ROLE -> new UserDdl(session).dropRole(drop);
      };
    } else if (node instanceof MarbleCreateUser user) {
      return new UserDdl(session).createUser(user);
    } else if (node instanceof MarbleAlterUser user) {
      return new UserDdl(session).alterUser(user);
    } else if (node instanceof MarbleCreateRole role) {
      return new UserDdl(session).createRole(role);
    } else if (node instanceof MarbleGrant grant) {
      return new UserDdl(session).grant(grant);
    } else if (node instanceof MarbleCreateView view) {
      return createView(view);
    } else if (node instanceof MarbleCreateSequence sequence) {
      return createSequence(sequence);
    } else if (node instanceof MarbleCreateSchema schema) {
      return createSchema(schema);
    } else if (node instanceof MarbleSetSchema set) {
      session.setSchema(set.schema);
      return 0;
    } else if (node instanceof MarbleCommentOn comment) {
      return tables.comment(comment);
    } else if (node instanceof dev.marble.sql.parser.MarbleRestart restart) {
      return restart(restart);
    }
    throw notSupported("The statement " + sql.strip().split("\\s+", 3)[0].toUpperCase(java.util.Locale.ROOT)
        + " " + node.getKind());
  }

  // ---- names --------------------------------------------------------------------------------

  /** A schema-qualified name, resolved against the catalog and the session's schema. */
  record QualifiedName(SchemaDef schema, String name) {}

  QualifiedName resolve(SqlIdentifier id) {
    Catalog catalog = database.catalog();
    String schemaName = id.names.size() > 1 ? id.names.get(id.names.size() - 2) : session.schema();
    InformationSchema.rejectChange(schemaName, "DDL");
    SchemaDef schema = catalog.schema(schemaName);
    if (schema == null) {
      throw new SqlEngineException(SqlEngineException.Code.UNKNOWN_OBJECT, "Schema " + schemaName + " does not exist");
    }
    return new QualifiedName(schema, id.names.get(id.names.size() - 1));
  }

  /** Fails unless {@code name} is free for a new table, view or sequence in {@code schema}. */
  static void requireFree(SchemaDef schema, String name) {
    String kind = schema.table(name) != null ? "Table" : schema.view(name) != null ? "View"
        : schema.sequence(name) != null && !schema.sequence(name).internal() ? "Sequence" : null;
    if (kind != null) {
      throw new SqlEngineException(SqlEngineException.Code.DUPLICATE_OBJECT,
          kind + " " + schema.name() + "." + name + " already exists");
    }
  }

  TableDef requireTable(QualifiedName q) {
    TableDef t = q.schema().table(q.name());
    if (t == null) {
      String hint = q.schema().view(q.name()) != null ? " (it is a view)" : "";
      throw new SqlEngineException(SqlEngineException.Code.UNKNOWN_TABLE,
          "Table " + q.schema().name() + "." + q.name() + " does not exist" + hint);
    }
    return t;
  }

  // ---- catalog changes ----------------------------------------------------------------------

  /**
   * Publishes {@code next} after checking that every view still plans against it; views that no
   * longer do are dropped when {@code cascade}, else the statement fails naming them.
   */
  void publish(Catalog next, boolean cascade, String what) {
    List<String> broken = brokenViews(next);
    if (!broken.isEmpty()) {
      if (!cascade) {
        throw new SqlEngineException(SqlEngineException.Code.DEPENDENT_OBJECTS,
            "Cannot " + what + ": view(s) " + String.join(", ", broken) + " depend on it (use CASCADE, "
                + "or drop or change the views first)");
      }
      Catalog pruned = next;
      for (String view : broken) {
        int dot = view.indexOf('.');
        SchemaDef s = pruned.schema(view.substring(0, dot));
        pruned = pruned.withSchema(s.withoutView(view.substring(dot + 1)));
      }
      publish(pruned, true, what);
      return;
    }
    database.publish(next);
  }

  private List<String> brokenViews(Catalog next) {
    List<String> broken = new ArrayList<>();
    Snapshot snap = new Snapshot(engine, next);
    for (SchemaDef s : next.schemas().values()) {
      for (ViewDef v : s.views().values()) {
        try {
          engine.viewRowType(snap, s.name(), v);
        } catch (RuntimeException e) {
          broken.add(s.name() + "." + v.name());
        }
      }
    }
    return broken;
  }

  /** Runs a statement of the session (used by CREATE TABLE AS and ALTER checks). */
  Execution run(String sql) {
    return engine.prepare(sql, session).execute(session, new Object[0], false, null);
  }

  static SqlEngineException notSupported(String what) {
    return new SqlEngineException(SqlEngineException.Code.NOT_SUPPORTED, what + " is not supported by Marble");
  }

  // ---- schemas ------------------------------------------------------------------------------

  private long createSchema(MarbleCreateSchema create) {
    String name = create.name.getSimple();
    InformationSchema.rejectChange(name, "CREATE SCHEMA");
    Catalog catalog = database.catalog();
    if (catalog.schema(name) != null) {
      if (create.ifNotExists) {
        return 0;
      }
      throw new SqlEngineException(SqlEngineException.Code.DUPLICATE_OBJECT, "Schema " + name + " already exists");
    }
    database.publish(catalog.withSchema(SchemaDef.empty(name)));
    return 0;
  }

  private long dropSchema(MarbleDrop drop) {
    String name = drop.name.getSimple();
    InformationSchema.rejectChange(name, "DROP SCHEMA");
    SchemaDef schema = database.catalog().schema(name);
    if (schema == null) {
      if (drop.ifExists) {
        return 0;
      }
      throw new SqlEngineException(SqlEngineException.Code.UNKNOWN_OBJECT, "Schema " + name + " does not exist");
    }
    if (schema.name().equals(Catalog.DEFAULT_SCHEMA)) {
      throw new SqlEngineException(SqlEngineException.Code.INVALID_STATEMENT, "Schema PUBLIC cannot be dropped");
    }
    if (!schema.isEmpty() && !drop.cascade) {
      throw new SqlEngineException(SqlEngineException.Code.DEPENDENT_OBJECTS,
          "Schema " + name + " is not empty (" + schema.tables().size() + " tables, " + schema.views().size()
              + " views); use DROP SCHEMA " + name + " CASCADE");
    }
    Catalog next = database.catalog().withoutSchema(schema.name());
    List<Long> droppedIndexes = new ArrayList<>(); // of foreign keys in other schemas that reference it
    for (TableDef t : schema.tables().values()) {
      next = ForeignKeyDdl.dropReferencesTo(next, schema.name(), t, true, droppedIndexes);
    }
    publish(next, drop.cascade, "drop schema " + name);
    for (TableDef t : schema.tables().values()) {
      TableDdl.dropStores(database, t);
    }
    droppedIndexes.forEach(database::dropStorage);
    for (SequenceDef s : schema.sequences().values()) {
      database.sequences().drop(SequenceStore.key(schema.name(), s.name()));
    }
    if (session.schema().equals(schema.name())) {
      session.setSchema(Catalog.DEFAULT_SCHEMA);
    }
    return 0;
  }

  // ---- views --------------------------------------------------------------------------------

  private long createView(MarbleCreateView create) {
    QualifiedName q = resolve(create.name);
    SchemaDef schema = q.schema();
    ViewDef existing = schema.view(q.name());
    if (existing != null && create.ifNotExists) {
      return 0;
    }
    if (existing == null || !create.getReplace()) {
      requireFree(schema, q.name());
    }
    List<String> columns = create.columnList == null ? List.of()
        : create.columnList.getList().stream().map(n -> ((SqlIdentifier) n).getSimple()).toList();
    ViewDef view = new ViewDef(existing != null ? existing.name() : q.name(), Unparse.sql(create.query), columns, null);
    org.apache.calcite.rel.type.RelDataType type =
        engine.viewRowType(engine.snapshot(), schema.name(), new ViewDef(view.name(), view.sql(), List.of(), null));
    if (!columns.isEmpty() && columns.size() != type.getFieldCount()) {
      throw new SqlEngineException(SqlEngineException.Code.INVALID_STATEMENT,
          "View " + q.name() + " names " + columns.size() + " columns but its query returns " + type.getFieldCount());
    }
    List<String> names = columns.isEmpty() ? type.getFieldNames() : columns;
    if (names.stream().distinct().count() != names.size()) {
      throw new SqlEngineException(SqlEngineException.Code.INVALID_STATEMENT,
          "View " + q.name() + " has duplicate column names " + names + "; give the columns aliases");
    }
    Catalog next = database.catalog().withSchema(schema.withView(view));
    publish(next, false, "replace view " + q.name());
    return 0;
  }

  private long dropView(MarbleDrop drop) {
    QualifiedName q = resolve(drop.name);
    ViewDef view = q.schema().view(q.name());
    if (view == null) {
      if (drop.ifExists) {
        return 0;
      }
      throw new SqlEngineException(SqlEngineException.Code.UNKNOWN_TABLE,
          "View " + q.schema().name() + "." + q.name() + " does not exist");
    }
    publish(database.catalog().withSchema(q.schema().withoutView(view.name())), drop.cascade,
        "drop view " + view.name());
    return 0;
  }

  // ---- sequences ----------------------------------------------------------------------------

  /** Sets the value a sequence, or an identity column's sequence, hands out next. */
  private long restart(dev.marble.sql.parser.MarbleRestart restart) {
    QualifiedName q = resolve(restart.name);
    SequenceDef seq;
    if (restart.column == null) {
      seq = q.schema().sequence(q.name());
      if (seq == null || seq.internal()) {
        if (restart.ifExists) {
          return 0;
        }
        throw new SqlEngineException(SqlEngineException.Code.UNKNOWN_OBJECT,
            "Sequence " + q.schema().name() + "." + q.name() + " does not exist");
      }
    } else {
      TableDef def = requireTable(q);
      ColumnDef c = def.column(restart.column.getSimple());
      if (c == null) {
        throw new SqlEngineException(SqlEngineException.Code.UNKNOWN_COLUMN,
            "Column " + restart.column.getSimple() + " does not exist in table " + def.name());
      }
      if (c.identity() == null) {
        throw new SqlEngineException(SqlEngineException.Code.INVALID_STATEMENT,
            "Column " + def.name() + "." + c.name() + " is not an identity column: it has no value to restart");
      }
      seq = q.schema().sequence(c.identity().sequence());
    }
    long value = restart.value == null ? seq.start() : restart.value;
    if (value < seq.min() || value > seq.max()) {
      throw new SqlEngineException(SqlEngineException.Code.INVALID_STATEMENT, "RESTART WITH " + value
          + " is outside the sequence's range " + seq.min() + " to " + seq.max());
    }
    database.sequences().reset(SequenceStore.key(q.schema().name(), seq.name()), value);
    return 0;
  }

  private long createSequence(MarbleCreateSequence create) {
    QualifiedName q = resolve(create.name);
    if (q.schema().sequence(q.name()) != null && create.ifNotExists) {
      return 0;
    }
    requireFree(q.schema(), q.name());
    long increment = create.increment == null ? 1 : create.increment;
    if (increment == 0) {
      throw new SqlEngineException(SqlEngineException.Code.INVALID_STATEMENT,
          "Sequence " + q.name() + ": INCREMENT BY must not be 0");
    }
    long min = create.minValue != null ? create.minValue : increment > 0 ? 1 : Long.MIN_VALUE;
    long max = create.maxValue != null ? create.maxValue : increment > 0 ? Long.MAX_VALUE : -1;
    long start = create.start != null ? create.start : increment > 0 ? min : max;
    if (min > max || start < min || start > max) {
      throw new SqlEngineException(SqlEngineException.Code.INVALID_STATEMENT,
          "Sequence " + q.name() + ": START WITH " + start + " must lie between MINVALUE " + min + " and MAXVALUE " + max);
    }
    SequenceDef def = new SequenceDef(q.name(), start, increment, min, max, create.cycle, false);
    database.publish(database.catalog().withSchema(q.schema().withSequence(def)));
    database.sequences().reset(SequenceStore.key(q.schema().name(), q.name()), start);
    return 0;
  }

  private long dropSequence(MarbleDrop drop) {
    QualifiedName q = resolve(drop.name);
    SequenceDef def = q.schema().sequence(q.name());
    if (def == null || def.internal()) {
      if (drop.ifExists) {
        return 0;
      }
      throw new SqlEngineException(SqlEngineException.Code.UNKNOWN_OBJECT,
          "Sequence " + q.schema().name() + "." + q.name() + " does not exist");
    }
    publish(database.catalog().withSchema(q.schema().withoutSequence(def.name())), drop.cascade,
        "drop sequence " + def.name());
    database.sequences().drop(SequenceStore.key(q.schema().name(), def.name()));
    return 0;
  }

  // ---- data ---------------------------------------------------------------------------------

  private long truncate(MarbleTruncateTable truncate) {
    QualifiedName q = resolve(truncate.name);
    TableDef def = requireTable(q);
    Privileges.check(session, List.of(new Access(q.schema().name(), def.name(),
        dev.marble.storage.catalog.Privilege.DELETE)));
    Table table = database.table(q.schema().name(), def);
    for (ForeignKeyDdl.Reference r : ForeignKeyDdl.referencing(database.catalog(), q.schema().name(), def)) {
      if (database.table(r.schema().name(), r.child()).store().size() > 0) {
        throw new SqlEngineException(SqlEngineException.Code.FOREIGN_KEY_VIOLATION, "Cannot truncate table "
            + def.name() + ": foreign key " + r.constraint().name() + " of table " + r.child().name()
            + " references it and that table has rows (truncate or delete them first)");
      }
    }
    long rows = table.store().size();
    database.truncate(table);
    if (truncate.restartIdentity) {
      def.columns().stream().filter(c -> c.identity() != null).forEach(c -> {
        SequenceDef seq = q.schema().sequence(c.identity().sequence());
        database.sequences().reset(SequenceStore.key(q.schema().name(), seq.name()), seq.start());
      });
    }
    return rows;
  }
}
