package dev.marble.sql;

import dev.marble.storage.ColumnType;
import dev.marble.storage.Table;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.tree.Blocks;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.util.BuiltInMethod;
import org.apache.calcite.util.ImmutableIntList;

/**
 * Reads a Marble table: the whole table; or (when {@code key} is set) the rows whose primary key
 * (or hidden row id) equals one of the given tuples, found by store lookups, never a scan; or (when
 * {@code index} is set) the rows in intervals of an index, in its order (the scan's collation
 * trait says so). {@code fields} are the table columns the node outputs, so unneeded columns are
 * never decoded. EXPLAIN shows all three.
 */
public final class MarbleScan extends TableScan implements EnumerableRel {
  private static final Method SCAN = method("scan", org.apache.calcite.DataContext.class);
  private static final Method LOOKUP = method("lookup", org.apache.calcite.DataContext.class, Object[].class);
  private static final Method INDEX_SCAN = method("indexScan", org.apache.calcite.DataContext.class, Object[].class);

  final MarbleTable marbleTable;
  final ImmutableIntList fields;
  /**
   * Key tuples to look up (each one value, literal or dynamic parameter, per key column in key
   * order: {@code key = v}, {@code key IN (...)}); null: no lookup.
   */
  final List<List<RexNode>> key;
  /** Reads through an index instead (rows come in its order); null: no index. */
  final IndexAccess index;
  /** Substrings rows must hold, checked in the stored bytes before anything is decoded. */
  final List<Contains> contains;

  /** Table column {@code position} (text) holds {@code text}: a {@code LIKE '%text%'} the filter above also checks. */
  record Contains(int position, String text) {
    @Override
    public String toString() {
      return position + ":'" + text + "'";
    }
  }

  private MarbleScan(RelOptCluster cluster, RelTraitSet traits, RelOptTable table, MarbleTable marbleTable,
      ImmutableIntList fields, List<List<RexNode>> key, IndexAccess index, List<Contains> contains) {
    super(cluster, traits, List.of(), table);
    this.marbleTable = marbleTable;
    this.fields = fields;
    this.key = key == null ? null : List.copyOf(key);
    this.index = index;
    this.contains = List.copyOf(contains);
  }

  static MarbleScan create(RelOptCluster cluster, RelOptTable table, MarbleTable marbleTable) {
    int width = table.getRowType().getFieldCount();
    return new MarbleScan(cluster, cluster.traitSetOf(EnumerableConvention.INSTANCE), table, marbleTable,
        ImmutableIntList.identity(width), null, null, List.of());
  }

  MarbleScan withFields(ImmutableIntList newFields) {
    return new MarbleScan(getCluster(), traits(newFields, index), getTable(), marbleTable, newFields, key, index,
        contains);
  }

  MarbleScan withKey(List<List<RexNode>> newKey) {
    return new MarbleScan(getCluster(), getTraitSet(), getTable(), marbleTable, fields, newKey, null, contains);
  }

  MarbleScan withIndex(IndexAccess access) {
    return new MarbleScan(getCluster(), traits(fields, access), getTable(), marbleTable, fields, null, access,
        contains);
  }

  MarbleScan withContains(List<Contains> newContains) {
    return new MarbleScan(getCluster(), getTraitSet(), getTable(), marbleTable, fields, key, index, newContains);
  }

  /** The convention, plus the index order over the output fields (as far as they include its columns). */
  private RelTraitSet traits(ImmutableIntList outFields, IndexAccess access) {
    RelTraitSet traits = getCluster().traitSetOf(EnumerableConvention.INSTANCE);
    if (access == null) {
      return traits;
    }
    List<RelFieldCollation> order = new ArrayList<>();
    int[] positions = access.index.positions();
    for (int i = 0; i < positions.length && outFields.contains(positions[i]); i++) {
      order.add(new RelFieldCollation(outFields.indexOf(positions[i]), access.direction(i), access.nullDirection(i)));
    }
    return traits.replace(RelCollations.of(order));
  }

  /** Positions, in the table row, of the key columns (the row id for key-less tables). */
  int[] keyPositions() {
    Table t = marbleTable.table();
    return t.hasRowId() ? new int[] {t.columnCount()} : t.def().primaryKeyPositions();
  }

  /** Types of the key columns, in key order (BIGINT for the row id). */
  ColumnType[] keyTypes() {
    Table t = marbleTable.table();
    int[] positions = keyPositions();
    ColumnType[] types = new ColumnType[positions.length];
    for (int i = 0; i < positions.length; i++) {
      types[i] = positions[i] == t.columnCount() ? ColumnType.BIGINT : t.def().columns().get(positions[i]).type();
    }
    return types;
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new MarbleScan(getCluster(), traitSet, getTable(), marbleTable, fields, key, index, contains);
  }

  @Override
  public RelDataType deriveRowType() {
    List<RelDataTypeField> all = table.getRowType().getFieldList();
    org.apache.calcite.rel.type.RelDataTypeFactory.Builder b = getCluster().getTypeFactory().builder();
    for (int f : fields) {
      b.add(all.get(f));
    }
    return b.build();
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    return super.explainTerms(pw)
        .itemIf("fields", fields, fields.size() != table.getRowType().getFieldCount())
        .itemIf("key", key == null ? "" : key.size() == 1 ? key.get(0) : key, key != null)
        .itemIf("index", index == null ? "" : index.index.def().name(), index != null)
        .itemIf("ranges", index == null ? "" : index.describeRanges(), index != null)
        .itemIf("order", "desc", index != null && index.descending)
        .itemIf("limit", index == null ? 0 : (long) index.limit, index != null && index.limit > 0)
        .itemIf("contains", contains, !contains.isEmpty());
  }

  @Override
  public double estimateRowCount(RelMetadataQuery mq) {
    return readRows() * Math.pow(0.1, contains.size());
  }

  private double readRows() {
    double all = MarbleTable.plannedRows(marbleTable.table());
    if (key != null) {
      return key.size();
    }
    if (index == null) {
      return all;
    }
    double rows = index.uniqueHit() ? index.points.size() : Math.max(1d, all * index.selectivity());
    return index.limit > 0 ? Math.min(rows, index.limit) : rows;
  }


  /**
   * Rows cost their share of decoded columns (only rows passing the substring checks are
   * decoded), an index read costs a lookup per row on top, a substring check a byte search. Volcano compares costs by row count alone, so the row count
   * carries that work: a scan decoding fewer columns must win over the same scan decoding all.
   */
  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    double read = readRows();
    double width = table.getRowType().getFieldCount() + 2d;
    double work = estimateRowCount(mq) * (fields.size() + 2d) / width + read * 0.2 * contains.size();
    if (index != null) {
      work += read * 2;
    }
    return planner.getCostFactory().makeCost(work, work, key != null ? key.size() : read);
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    // Calcite's convention: a one-column row is a bare value (SCALAR), wider rows are Object[].
    PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), JavaRowFormat.ARRAY);
    Table t = marbleTable.table();
    Expression access = implementor.stash(new TableAccess(t, fields.toIntArray(), keyTypes(),
        index == null ? null : index.runtime(), contains), TableAccess.class);
    Expression call;
    if (index != null) {
      List<Expression> values = new ArrayList<>();
      for (RexNode v : index.values()) {
        values.add(keyValue(implementor, v));
      }
      call = Expressions.call(access, INDEX_SCAN, implementor.getRootExpression(),
          Expressions.newArrayInit(Object.class, values));
    } else if (key == null) {
      call = Expressions.call(access, SCAN, implementor.getRootExpression());
    } else {
      List<Expression> values = new ArrayList<>();
      for (List<RexNode> tuple : key) {
        for (RexNode k : tuple) {
          values.add(keyValue(implementor, k));
        }
      }
      call = Expressions.call(access, LOOKUP, implementor.getRootExpression(),
          Expressions.newArrayInit(Object.class, values));
    }
    return implementor.result(physType, Blocks.toBlock(call));
  }

  private static Expression keyValue(EnumerableRelImplementor implementor, RexNode node) {
    if (node instanceof RexDynamicParam p) {
      return Expressions.call(implementor.getRootExpression(), BuiltInMethod.DATA_CONTEXT_GET.method,
          Expressions.constant("?" + p.getIndex()));
    }
    Object value = RexValues.toEngine((RexLiteral) node);
    return value == null ? Expressions.constant(null) : implementor.stash(value, Object.class);
  }

  private static Method method(String name, Class<?>... types) {
    try {
      return TableAccess.class.getMethod(name, types);
    } catch (NoSuchMethodException e) {
      throw new ExceptionInInitializerError(e);
    }
  }
}
