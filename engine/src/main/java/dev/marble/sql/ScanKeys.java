package dev.marble.sql;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.metadata.BuiltInMetadata;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.util.ImmutableBitSet;
import org.apache.calcite.util.ImmutableIntList;

/**
 * Key metadata of a {@link MarbleScan}. Calcite's default for a table scan reads the table's keys
 * by output position, which is wrong once the scan outputs only some columns (it made GROUP BY on a
 * non-key column look unique, and the planner dropped the aggregate). This maps positions through
 * the scan's fields.
 */
final class ScanKeys {
  private final List<ImmutableBitSet> tableKeys;
  final BuiltInMetadata.ColumnUniqueness.Handler uniqueness = this::areColumnsUnique;
  final BuiltInMetadata.UniqueKeys.Handler uniqueKeys = this::getUniqueKeys;

  ScanKeys(List<ImmutableBitSet> tableKeys) {
    this.tableKeys = tableKeys;
  }

  private Boolean areColumnsUnique(RelNode r, RelMetadataQuery mq, ImmutableBitSet columns, boolean ignoreNulls) {
    ImmutableIntList fields = ((MarbleScan) r).fields;
    ImmutableBitSet.Builder tableColumns = ImmutableBitSet.builder();
    for (int c : columns) {
      tableColumns.set(fields.get(c));
    }
    ImmutableBitSet mapped = tableColumns.build();
    if (((MarbleScan) r).key != null && ((MarbleScan) r).key.size() == 1) {
      return true; // a lookup of one key yields at most one row
    }
    return tableKeys.stream().anyMatch(mapped::contains);
  }

  private Set<ImmutableBitSet> getUniqueKeys(RelNode r, RelMetadataQuery mq, boolean ignoreNulls) {
    ImmutableIntList fields = ((MarbleScan) r).fields;
    Set<ImmutableBitSet> keys = new HashSet<>();
    for (ImmutableBitSet key : tableKeys) {
      ImmutableBitSet.Builder out = ImmutableBitSet.builder();
      boolean complete = true;
      for (int column : key) {
        int position = fields.indexOf(column);
        complete &= position >= 0;
        if (position >= 0) {
          out.set(position);
        }
      }
      if (complete) {
        keys.add(out.build());
      }
    }
    return keys;
  }
}
