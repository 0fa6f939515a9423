package dev.marble.storage.catalog;

import java.util.Map;
import java.util.TreeMap;

/**
 * An immutable snapshot of everything the database defines. DDL builds a new snapshot with a
 * higher {@code version}; statements planned against an older version are planned again.
 *
 * @param nextObjectId the next id for a table or index (ids name their directories on disk and are
 *     never reused)
 */
public record Catalog(long version, long nextObjectId, Map<String, SchemaDef> schemas) {
  /** Format of catalog.json this Marble writes; it reads this and older ones. */
  public static final int FORMAT_VERSION = 1;
  public static final String DEFAULT_SCHEMA = "PUBLIC";

  public Catalog {
    schemas = Map.copyOf(schemas);
  }

  public static Catalog initial() {
    return new Catalog(1, 1, Map.of(DEFAULT_SCHEMA, SchemaDef.empty(DEFAULT_SCHEMA)));
  }

  public SchemaDef schema(String name) {
    return Names.find(schemas, name);
  }

  public Catalog withSchema(SchemaDef schema) {
    TreeMap<String, SchemaDef> copy = new TreeMap<>(schemas);
    copy.put(schema.name(), schema);
    return new Catalog(version, nextObjectId, copy);
  }

  public Catalog withoutSchema(String name) {
    TreeMap<String, SchemaDef> copy = new TreeMap<>(schemas);
    copy.remove(name);
    return new Catalog(version, nextObjectId, copy);
  }

  /** Returns this catalog with {@code count} object ids taken; the first is {@link #nextObjectId}. */
  public Catalog takeIds(int count) {
    return new Catalog(version, nextObjectId + count, schemas);
  }
}
