package dev.marble.storage.catalog;

import java.util.Map;
import java.util.TreeMap;

/**
 * An immutable snapshot of everything the database defines. DDL builds a new snapshot with a
 * higher {@code version}; statements planned against an older version are planned again.
 *
 * @param nextObjectId the next id for a table or index (ids name their directories on disk and are
 *     never reused)
 * @param security users, roles and grants (absent from catalogs written before format 3)
 */
public record Catalog(long version, long nextObjectId, Map<String, SchemaDef> schemas, SecurityDef security) {
  /**
   * Newest format of catalog.json this Marble writes; it reads this and older ones. Format 2 adds
   * enforced foreign keys: a catalog holding one is written as format 2, so that an older Marble,
   * which would read the constraint but not enforce it, refuses the file instead.
   */
  public static final int FORMAT_VERSION = 3;
  /**
   * Format 3 adds users, roles and grants: an older Marble would ignore them and let anyone in, so
   * a catalog holding any is written as format 3, which that Marble refuses.
   */
  static final int FORMAT_WITH_SECURITY = 3;
  /** Format of a catalog with foreign keys but no users. */
  static final int FORMAT_WITH_FOREIGN_KEYS = 2;
  /** Format of a catalog without foreign keys (readable by every Marble). */
  static final int FORMAT_WITHOUT_FOREIGN_KEYS = 1;
  public static final String DEFAULT_SCHEMA = "PUBLIC";

  public Catalog {
    schemas = Map.copyOf(schemas);
    security = security == null ? SecurityDef.EMPTY : security;
  }

  public Catalog(long version, long nextObjectId, Map<String, SchemaDef> schemas) {
    this(version, nextObjectId, schemas, SecurityDef.EMPTY);
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
    return new Catalog(version, nextObjectId, copy, security);
  }

  public Catalog withoutSchema(String name) {
    TreeMap<String, SchemaDef> copy = new TreeMap<>(schemas);
    copy.remove(name);
    return new Catalog(version, nextObjectId, copy, security);
  }

  public Catalog withSecurity(SecurityDef next) {
    return new Catalog(version, nextObjectId, schemas, next);
  }

  /**
   * This catalog without the grants on tables, views and schemas it no longer has: a dropped
   * object takes its grants along, and a new one of the same name starts without any.
   */
  public Catalog withoutStaleGrants() {
    return withSecurity(security.retainingGrants(g -> {
      SchemaDef s = schemas.get(g.schema());
      return s != null && (g.table() == null || s.tables().containsKey(g.table()) || s.views().containsKey(g.table()));
    }));
  }

  /** The oldest catalog.json format that can hold this catalog. */
  public int format() {
    if (security.hasContent()) {
      return FORMAT_WITH_SECURITY;
    }
    for (SchemaDef s : schemas.values()) {
      for (TableDef t : s.tables().values()) {
        if (t.constraints().stream().anyMatch(c -> c.kind() == ConstraintDef.Kind.FOREIGN_KEY)) {
          return FORMAT_WITH_FOREIGN_KEYS;
        }
      }
    }
    return FORMAT_WITHOUT_FOREIGN_KEYS;
  }

  /** Returns this catalog with {@code count} object ids taken; the first is {@link #nextObjectId}. */
  public Catalog takeIds(int count) {
    return new Catalog(version, nextObjectId + count, schemas, security);
  }
}
