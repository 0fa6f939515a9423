package dev.marble.jdbc;

import dev.marble.sql.InformationSchema;
import dev.marble.sql.InformationSchemaRows;
import dev.marble.sql.Prepared;
import dev.marble.sql.ResultField;
import dev.marble.sql.Session;
import dev.marble.storage.catalog.Catalog;
import dev.marble.storage.catalog.ColumnDef;
import dev.marble.storage.catalog.ConstraintDef;
import dev.marble.storage.catalog.IndexDef;
import dev.marble.storage.catalog.SchemaDef;
import dev.marble.storage.catalog.TableDef;
import dev.marble.storage.catalog.ViewDef;
import java.sql.DatabaseMetaData;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The rows of the catalog-describing {@link DatabaseMetaData} results, read from one immutable
 * catalog snapshot so that a result is consistent even while DDL runs elsewhere.
 *
 * <p>What is never listed: internal sequences (identity columns, hidden row ids) and the hidden
 * {@code _ROWID_} column of key-less tables (neither is in the catalog's column lists). Marble has
 * no catalogs: TABLE_CAT and its relatives are always null and catalog arguments are ignored.
 */
final class MetadataRows {
  static final String TABLE = "TABLE";
  static final String VIEW = "VIEW";
  static final String SYSTEM_TABLE = "SYSTEM TABLE";

  private final Catalog catalog;
  private final Session session;

  MetadataRows(MarbleConnection connection) {
    this.catalog = connection.database().catalog();
    this.session = connection.session();
  }

  /**
   * A table or view of a schema, or a table of INFORMATION_SCHEMA (then {@code system} is set and
   * {@code schema} is an empty stand-in named INFORMATION_SCHEMA).
   */
  private record Relation(SchemaDef schema, String name, String type, TableDef table, ViewDef view,
      InformationSchema.Definition system) {
    String comment() {
      return table != null ? table.comment() : view != null ? view.comment() : system.remarks();
    }
  }

  /** The catalog's schemas and INFORMATION_SCHEMA, those the filter selects, by name. */
  private List<SchemaDef> schemas(MetadataFilter filter) {
    List<SchemaDef> all = new ArrayList<>(catalog.schemas().values());
    all.add(SchemaDef.empty(InformationSchema.NAME));
    List<SchemaDef> list = filter.select(all, SchemaDef::name);
    list.sort(Comparator.comparing(SchemaDef::name));
    return list;
  }

  /**
   * Tables (and, with {@code all}, views and INFORMATION_SCHEMA's tables) selected by the filters;
   * without {@code all} only tables with constraints and indexes, those that getPrimaryKeys and its
   * relatives describe.
   */
  private List<Relation> relations(MetadataFilter schemaFilter, MetadataFilter nameFilter, boolean all) {
    List<Relation> out = new ArrayList<>();
    for (SchemaDef s : schemas(schemaFilter)) {
      List<Relation> candidates = new ArrayList<>();
      s.tables().values().forEach(t -> candidates.add(new Relation(s, t.name(), TABLE, t, null, null)));
      if (all) {
        s.views().values().forEach(v -> candidates.add(new Relation(s, v.name(), VIEW, null, v, null)));
        if (s.name().equals(InformationSchema.NAME)) {
          InformationSchema.tables().forEach(d -> candidates.add(new Relation(s, d.name(), SYSTEM_TABLE, null,
              null, d)));
        }
      }
      out.addAll(nameFilter.select(candidates, Relation::name));
    }
    return out;
  }

  private List<Relation> tables(String schema, String table) {
    return relations(MetadataFilter.name(schema), MetadataFilter.name(table), false);
  }

  /** getTablePrivileges: the grants, schema grants spread over the tables they cover, by table and privilege. */
  List<Object[]> tablePrivileges(String schemaPattern, String tablePattern) {
    List<Object[]> grants = MetadataFilter.pattern(schemaPattern)
        .select(dev.marble.sql.SecurityRows.tablePrivileges(catalog), g -> (String) g[3]);
    List<Object[]> rows = new ArrayList<>();
    for (Object[] g : MetadataFilter.pattern(tablePattern).select(grants, g -> (String) g[4])) {
      rows.add(new Object[] {null, g[3], g[4], g[0], g[1], g[5], g[6]});
    }
    rows.sort(Comparator.comparing((Object[] r) -> (String) r[1]).thenComparing(r -> (String) r[2])
        .thenComparing(r -> (String) r[5]).thenComparing(r -> (String) r[4]));
    return rows;
  }

  List<Object[]> schemas(String schemaPattern) {
    return schemas(MetadataFilter.pattern(schemaPattern)).stream()
        .map(s -> new Object[] {s.name(), null}).toList();
  }

  List<Object[]> tables(String schemaPattern, String tablePattern, String[] types) {
    Set<String> wanted = null;
    if (types != null) {
      wanted = new HashSet<>();
      for (String t : types) {
        if (t != null) {
          String u = t.trim().toUpperCase(Locale.ROOT);
          wanted.add(u.equals("BASE TABLE") ? TABLE : u.equals("SYSTEM VIEW") ? SYSTEM_TABLE : u);
        }
      }
    }
    List<Object[]> rows = new ArrayList<>();
    for (Relation r : relations(MetadataFilter.pattern(schemaPattern), MetadataFilter.pattern(tablePattern), true)) {
      if (wanted == null || wanted.contains(r.type())) {
        rows.add(new Object[] {
          null, r.schema().name(), r.name(), r.type(), r.comment(), null, null, null, null, null
        });
      }
    }
    rows.sort(Comparator.comparing((Object[] r) -> (String) r[3]).thenComparing(r -> (String) r[1])
        .thenComparing(r -> (String) r[2]));
    return rows;
  }

  List<Object[]> columns(String schemaPattern, String tablePattern, String columnPattern) {
    MetadataFilter columnFilter = MetadataFilter.pattern(columnPattern);
    List<Relation> relations = relations(MetadataFilter.pattern(schemaPattern), MetadataFilter.pattern(tablePattern),
        true);
    relations.sort(Comparator.comparing((Relation r) -> r.schema().name()).thenComparing(Relation::name));
    List<Object[]> rows = new ArrayList<>();
    for (Relation r : relations) {
      if (r.table() != null) {
        List<ColumnDef> columns = r.table().columns();
        Set<ColumnDef> selected = identitySet(columnFilter.select(columns, ColumnDef::name));
        for (int i = 0; i < columns.size(); i++) {
          ColumnDef c = columns.get(i);
          if (selected.contains(c)) {
            MetadataTypes.Description d = MetadataTypes.describe(c.type(), c.precision(), c.scale());
            rows.add(columnRow(r, c.name(), d, c.nullable(), c.comment(), c.defaultSql(), i + 1,
                c.identity() != null));
          }
        }
      } else if (r.system() != null) {
        List<InformationSchema.Column> columns = r.system().columns();
        Set<InformationSchema.Column> selected = identitySet(columnFilter.select(columns,
            InformationSchema.Column::name));
        for (int i = 0; i < columns.size(); i++) {
          InformationSchema.Column c = columns.get(i);
          if (selected.contains(c)) {
            rows.add(columnRow(r, c.name(), MetadataTypes.describe(c.type(), 0, 0), c.nullable(), null, null,
                i + 1, false));
          }
        }
      } else {
        List<ResultField> fields = viewFields(r);
        Set<ResultField> selected = identitySet(columnFilter.select(fields, ResultField::label));
        for (int i = 0; i < fields.size(); i++) {
          ResultField f = fields.get(i);
          if (selected.contains(f)) {
            rows.add(columnRow(r, f.label(), MetadataTypes.describe(f), f.nullable(), null, null, i + 1,
                f.autoIncrement()));
          }
        }
      }
    }
    return rows;
  }

  private static <T> Set<T> identitySet(List<T> items) {
    Set<T> set = Collections.newSetFromMap(new IdentityHashMap<>());
    set.addAll(items);
    return set;
  }

  private static Object[] columnRow(Relation r, String name, MetadataTypes.Description d, boolean nullable,
      String remarks, String defaultSql, int position, boolean autoIncrement) {
    return new Object[] {
      null, r.schema().name(), r.name(), name, d.jdbcType(), d.typeName(), d.columnSize(), null,
      d.decimalDigits(), d.radix(),
      nullable ? DatabaseMetaData.columnNullable : DatabaseMetaData.columnNoNulls, remarks, defaultSql, null, null,
      d.octetLength(), position, nullable ? "YES" : "NO", null, null, null, null,
      autoIncrement ? "YES" : "NO", "NO"
    };
  }

  /** The result columns of a view, from planning {@code SELECT *} over it; empty if it cannot be planned. */
  private List<ResultField> viewFields(Relation r) {
    String sql = "SELECT * FROM " + quote(r.schema().name()) + "." + quote(r.name());
    try {
      Prepared p = session.engine().prepare(sql, session);
      return p.fields();
    } catch (RuntimeException e) {
      return List.of(); // a view whose query no longer plans has no describable columns
    }
  }

  private static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  List<Object[]> primaryKeys(String schema, String table) {
    List<Object[]> rows = new ArrayList<>();
    for (Relation r : tables(schema, table)) {
      ConstraintDef pk = r.table().primaryKey();
      if (pk != null) {
        for (int i = 0; i < pk.columns().size(); i++) {
          rows.add(new Object[] {null, r.schema().name(), r.name(), columnName(r.table(), pk.columns().get(i)),
            (short) (i + 1), pk.name()});
        }
      }
    }
    rows.sort(Comparator.comparing((Object[] r) -> (String) r[1]).thenComparing(r -> (String) r[2])
        .thenComparing(r -> (String) r[3]));
    return rows;
  }

  List<Object[]> indexInfo(String schema, String table, boolean uniqueOnly) {
    List<Object[]> rows = new ArrayList<>();
    for (Relation r : tables(schema, table)) {
      TableDef t = r.table();
      ConstraintDef pk = t.primaryKey();
      if (pk != null) {
        addIndexRows(rows, r, pk.name(), true, pk.columns(), null);
      }
      for (IndexDef index : t.indexes()) {
        if ((pk == null || !pk.name().equals(index.constraint())) && (index.unique() || !uniqueOnly)) {
          addIndexRows(rows, r, index.name(), index.unique(), index.columns(), index.descending());
        }
      }
    }
    rows.sort(Comparator.comparing((Object[] r) -> (Boolean) r[3]).thenComparing(r -> (String) r[5])
        .thenComparing(r -> (String) r[1]).thenComparing(r -> (String) r[2]).thenComparing(r -> (Short) r[7]));
    return rows;
  }

  private static void addIndexRows(List<Object[]> rows, Relation r, String name, boolean unique,
      List<Integer> columns, List<Boolean> descending) {
    for (int i = 0; i < columns.size(); i++) {
      boolean desc = descending != null && i < descending.size() && Boolean.TRUE.equals(descending.get(i));
      rows.add(new Object[] {null, r.schema().name(), r.name(), !unique, null, name,
        DatabaseMetaData.tableIndexOther, (short) (i + 1), columnName(r.table(), columns.get(i)), desc ? "D" : "A",
        null, null, null});
    }
  }

  /**
   * Foreign key rows (getImportedKeys, getExportedKeys, getCrossReference): those whose referenced
   * table is selected by {@code pkSchema}/{@code pkTable} and whose referencing table is selected by
   * {@code fkSchema}/{@code fkTable} (null selects all).
   *
   * @param byForeignTable sort as getExportedKeys does (by referencing table); else by referenced table
   */
  List<Object[]> keys(String pkSchema, String pkTable, String fkSchema, String fkTable, boolean byForeignTable) {
    MetadataFilter pkSchemaFilter = MetadataFilter.name(pkSchema);
    MetadataFilter pkTableFilter = MetadataFilter.name(pkTable);
    List<Object[]> rows = new ArrayList<>();
    for (Relation fk : tables(fkSchema, fkTable)) {
      for (ConstraintDef c : fk.table().constraints()) {
        if (c.kind() != ConstraintDef.Kind.FOREIGN_KEY) {
          continue;
        }
        InformationSchemaRows.ReferencedKey key = InformationSchemaRows.referencedKey(catalog, fk.schema(), c);
        if (!pkSchemaFilter.matches(key.schema()) || !pkTableFilter.matches(key.table())) {
          continue;
        }
        List<String> refColumns = key.columns();
        for (int i = 0; i < c.columns().size(); i++) {
          rows.add(new Object[] {
            null, key.schema(), key.table(), i < refColumns.size() ? refColumns.get(i) : null,
            null, fk.schema().name(), fk.name(), columnName(fk.table(), c.columns().get(i)), (short) (i + 1),
            rule(c.onUpdate()), rule(c.onDelete()), c.name(), key.constraint(),
            (short) DatabaseMetaData.importedKeyNotDeferrable
          });
        }
      }
    }
    int schemaCol = byForeignTable ? 5 : 1;
    rows.sort(Comparator.comparing((Object[] r) -> (String) r[schemaCol])
        .thenComparing(r -> (String) r[schemaCol + 1]).thenComparing(r -> (String) r[11])
        .thenComparing(r -> (Short) r[8]));
    return rows;
  }

  /** A referential action as a DatabaseMetaData.importedKey* constant; no action when unspecified. */
  static short rule(String action) {
    return switch (InformationSchemaRows.action(action)) {
      case "CASCADE" -> DatabaseMetaData.importedKeyCascade;
      case "RESTRICT" -> DatabaseMetaData.importedKeyRestrict;
      case "SET NULL" -> DatabaseMetaData.importedKeySetNull;
      case "SET DEFAULT" -> DatabaseMetaData.importedKeySetDefault;
      default -> DatabaseMetaData.importedKeyNoAction;
    };
  }

  /**
   * The best unique row identifier of a table: its primary key, else the first unique constraint
   * whose columns are all NOT NULL (or any unique constraint when {@code nullable}). Key-less
   * tables without one have none (their hidden row id is not exposed).
   */
  List<Object[]> bestRowIdentifier(String schema, String table, boolean nullable) {
    List<Object[]> rows = new ArrayList<>();
    for (Relation r : tables(schema, table)) {
      TableDef t = r.table();
      List<Integer> key = null;
      ConstraintDef pk = t.primaryKey();
      if (pk != null) {
        key = pk.columns();
      } else {
        for (ConstraintDef c : t.constraints()) {
          if (c.kind() == ConstraintDef.Kind.UNIQUE
              && (nullable || c.columns().stream().noneMatch(id -> t.columnById(id).nullable()))) {
            key = c.columns();
            break;
          }
        }
      }
      if (key != null) {
        for (int id : key) {
          ColumnDef c = t.columnById(id);
          MetadataTypes.Description d = MetadataTypes.describe(c.type(), c.precision(), c.scale());
          rows.add(new Object[] {(short) DatabaseMetaData.bestRowSession, c.name(), d.jdbcType(), d.typeName(),
            d.columnSize(), null, d.decimalDigits() == null ? null : (short) (int) d.decimalDigits(),
            (short) DatabaseMetaData.bestRowNotPseudo});
        }
      }
    }
    return rows;
  }

  private static String columnName(TableDef table, int columnId) {
    ColumnDef c = table.columnById(columnId);
    return c == null ? null : c.name();
  }

}
