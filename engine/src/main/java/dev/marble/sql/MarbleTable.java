package dev.marble.sql;

import dev.marble.storage.Table;
import dev.marble.storage.catalog.ColumnDef;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.metadata.BuiltInMetadata;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.Statistic;
import org.apache.calcite.schema.Statistics;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * A Marble table as Calcite sees it: its row type, statistics, defaults (through {@link
 * MarbleInitializers}) and a scan node ({@link MarbleScan}) that our rules turn into key lookups
 * and projected scans.
 *
 * <p>A table without a primary key has one more column than it declares, {@value #ROWID}, which is
 * its hidden key: {@code SELECT *} does not show it ({@link MarbleValidator}), but UPDATE and DELETE
 * use it to find the rows they change.
 */
public final class MarbleTable extends AbstractTable implements TranslatableTable {
  public static final String ROWID = "_ROWID_";

  private final Table table;
  private final MarbleInitializers initializers;
  private final ScanKeys scanKeys;

  MarbleTable(Table table, SqlEngine engine) {
    this.table = table;
    this.initializers = new MarbleInitializers(table, engine);
    this.scanKeys = new ScanKeys(keys());
  }

  public Table table() {
    return table;
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    RelDataTypeFactory.Builder b = typeFactory.builder();
    for (ColumnDef c : table.def().columns()) {
      b.add(c.name(), MarbleTypes.toRelType(typeFactory, c));
    }
    if (table.hasRowId()) {
      b.add(ROWID, typeFactory.createSqlType(org.apache.calcite.sql.type.SqlTypeName.BIGINT));
    }
    return b.build();
  }

  @Override
  public Statistic getStatistic() {
    return Statistics.of(plannedRows(table), keys());
  }

  /**
   * The row count plans are costed for: the table's size, but never below 1,000. Plans are
   * cached and outlive the size they were made at; one made while a table was empty must still
   * read it by key or index once it holds millions of rows.
   */
  static double plannedRows(Table table) {
    return Math.max(1_000d, table.store().size());
  }

  /** Column sets (table positions) that identify a row: the key, and each unique index. */
  private List<ImmutableBitSet> keys() {
    int[] pk = table.hasRowId() ? new int[] {table.columnCount()} : table.def().primaryKeyPositions();
    List<ImmutableBitSet> keys = new ArrayList<>();
    keys.add(ImmutableBitSet.of(pk));
    return keys;
  }

  @Override
  public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
    return MarbleScan.create(context.getCluster(), relOptTable, this);
  }

  @Override
  public <C> C unwrap(Class<C> aClass) {
    if (aClass.isInstance(initializers)) {
      return aClass.cast(initializers);
    }
    if (aClass == BuiltInMetadata.ColumnUniqueness.Handler.class) {
      return aClass.cast(scanKeys.uniqueness);
    }
    if (aClass == BuiltInMetadata.UniqueKeys.Handler.class) {
      return aClass.cast(scanKeys.uniqueKeys);
    }
    return super.unwrap(aClass);
  }
}
