package dev.marble.sql;

import dev.marble.storage.catalog.Catalog;
import dev.marble.storage.catalog.SchemaDef;
import dev.marble.storage.catalog.TableDef;
import dev.marble.storage.catalog.ViewDef;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;

/**
 * Calcite's view of one catalog version: a root schema with one sub-schema per Marble schema.
 * Plans are cached per snapshot version, so every object here is immutable once built; tables and
 * views are created on first use.
 */
final class Snapshot {
  final Catalog catalog;
  final CalciteSchema root;
  private final SqlEngine engine;
  /** Foreign keys resolved for enforcement, built on first use. */
  private volatile ForeignKeys foreignKeys;
  /** Result fields of each view's query ("schema.view"), planned once per snapshot. */
  private final Map<String, List<ResultField>> viewFields = new ConcurrentHashMap<>();

  Snapshot(SqlEngine engine, Catalog catalog) {
    this.engine = engine;
    this.catalog = catalog;
    this.root = CalciteSchema.createRootSchema(false, false);
    for (SchemaDef s : catalog.schemas().values()) {
      root.add(s.name(), new MarbleSchema(s));
    }
    root.add(InformationSchema.NAME, InformationSchema.schema(this));
  }

  ForeignKeys foreignKeys() {
    ForeignKeys f = foreignKeys;
    if (f == null) {
      f = ForeignKeys.of(engine.database(), catalog); // immutable: a race only builds it twice
      foreignKeys = f;
    }
    return f;
  }

  /**
   * The declared type details (length, precision, origin type) of a view's column, which
   * Calcite's row type of the view does not keep; null when the column is computed.
   */
  ResultField viewField(String schema, ViewDef view, String column) {
    List<ResultField> fields = viewFields(schema, view);
    int i = view.columnNames().isEmpty()
        ? fields.stream().map(ResultField::label).toList().indexOf(column)
        : view.columnNames().indexOf(column);
    return i < 0 || i >= fields.size() || fields.get(i).storageType() == null ? null : fields.get(i);
  }

  /** The result columns of a view's query; fails when the query no longer plans. */
  List<ResultField> viewFields(String schema, ViewDef view) {
    return viewFields.computeIfAbsent(schema + "." + view.name(),
        k -> new Planner(engine, this, schema).viewFields(view));
  }

  /** One Marble schema; its tables map is built lazily (a table's stores open on first use). */
  private final class MarbleSchema extends AbstractSchema {
    private final SchemaDef def;
    private volatile Map<String, Table> tables;
    private final Map<String, RelDataType> viewTypes = new ConcurrentHashMap<>();

    MarbleSchema(SchemaDef def) {
      this.def = def;
    }

    @Override
    protected Map<String, Table> getTableMap() {
      Map<String, Table> t = tables;
      if (t == null) {
        synchronized (this) {
          if (tables == null) {
            Map<String, Table> built = new HashMap<>();
            for (TableDef table : def.tables().values()) {
              built.put(table.name(), new MarbleTable(engine.database().table(def.name(), table), engine));
            }
            for (ViewDef view : def.views().values()) {
              built.put(view.name(), new MarbleView(view.sql(), List.of(def.name()), List.of(def.name(), view.name()),
                  () -> viewType(view)));
            }
            tables = Map.copyOf(built);
          }
          t = tables;
        }
      }
      return t;
    }

    private RelDataType viewType(ViewDef view) {
      return viewTypes.computeIfAbsent(view.name(),
          n -> engine.viewRowType(Snapshot.this, def.name(), view));
    }
  }
}
