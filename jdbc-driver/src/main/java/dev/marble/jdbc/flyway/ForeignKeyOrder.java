package dev.marble.jdbc.flyway;

import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The order in which a schema's tables can be dropped one by one: a table only after every table of
 * the schema that references it by foreign key (read from {@code getExportedKeys}).
 */
final class ForeignKeyOrder {
  private ForeignKeyOrder() {}

  /**
   * Referencing tables first (a table referencing itself is no obstacle). Tables in a reference cycle come last, in
   * catalog order: only DROP ... CASCADE can remove those.
   */
  static List<String> dropOrder(DatabaseMetaData metaData, String schema, Collection<String> tables)
      throws SQLException {
    Map<String, Set<String>> referencedBy = new HashMap<>();
    for (String table : tables) {
      referencedBy.put(table, referencingTables(metaData, schema, table, tables));
    }
    List<String> order = new ArrayList<>();
    Set<String> left = new LinkedHashSet<>(tables);
    boolean progress = true;
    while (progress) {
      progress = false;
      for (String table : List.copyOf(left)) {
        Set<String> blockers = new HashSet<>(referencedBy.get(table));
        blockers.retainAll(left);
        if (blockers.isEmpty()) {
          order.add(table);
          left.remove(table);
          progress = true;
        }
      }
    }
    order.addAll(left);
    return order;
  }

  /** The other tables of {@code schema}, among {@code tables}, whose foreign keys point at {@code table}. */
  private static Set<String> referencingTables(DatabaseMetaData metaData, String schema, String table,
      Collection<String> tables) throws SQLException {
    Set<String> referencing = new HashSet<>();
    try (ResultSet rs = metaData.getExportedKeys(null, schema, table)) {
      while (rs.next()) {
        String child = rs.getString("FKTABLE_NAME");
        if (schema.equals(rs.getString("FKTABLE_SCHEM")) && !child.equals(table) && tables.contains(child)) {
          referencing.add(child);
        }
      }
    }
    return referencing;
  }
}
