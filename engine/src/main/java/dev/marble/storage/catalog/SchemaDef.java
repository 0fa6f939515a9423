package dev.marble.storage.catalog;

import java.util.Map;
import java.util.TreeMap;

/** A schema: named tables, views and sequences. Immutable; "with" methods return copies. */
public record SchemaDef(
    String name,
    Map<String, TableDef> tables,
    Map<String, ViewDef> views,
    Map<String, SequenceDef> sequences) {

  public SchemaDef {
    tables = Map.copyOf(tables);
    views = Map.copyOf(views);
    sequences = Map.copyOf(sequences);
  }

  public static SchemaDef empty(String name) {
    return new SchemaDef(name, Map.of(), Map.of(), Map.of());
  }

  public TableDef table(String tableName) {
    return Names.find(tables, tableName);
  }

  public ViewDef view(String viewName) {
    return Names.find(views, viewName);
  }

  public SequenceDef sequence(String sequenceName) {
    return Names.find(sequences, sequenceName);
  }

  public SchemaDef withTable(TableDef table) {
    return new SchemaDef(name, put(tables, table.name(), table), views, sequences);
  }

  public SchemaDef withoutTable(String tableName) {
    return new SchemaDef(name, remove(tables, tableName), views, sequences);
  }

  public SchemaDef withView(ViewDef view) {
    return new SchemaDef(name, tables, put(views, view.name(), view), sequences);
  }

  public SchemaDef withoutView(String viewName) {
    return new SchemaDef(name, tables, remove(views, viewName), sequences);
  }

  public SchemaDef withSequence(SequenceDef sequence) {
    return new SchemaDef(name, tables, views, put(sequences, sequence.name(), sequence));
  }

  public SchemaDef withoutSequence(String sequenceName) {
    return new SchemaDef(name, tables, views, remove(sequences, sequenceName));
  }

  public boolean isEmpty() {
    return tables.isEmpty() && views.isEmpty()
        && sequences.values().stream().allMatch(SequenceDef::internal);
  }

  private static <V> Map<String, V> put(Map<String, V> map, String key, V value) {
    TreeMap<String, V> copy = new TreeMap<>(map);
    copy.put(key, value);
    return copy;
  }

  private static <V> Map<String, V> remove(Map<String, V> map, String key) {
    TreeMap<String, V> copy = new TreeMap<>(map);
    copy.remove(key);
    return copy;
  }
}
