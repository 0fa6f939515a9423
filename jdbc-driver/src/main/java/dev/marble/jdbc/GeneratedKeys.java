package dev.marble.jdbc;

import dev.marble.sql.MarbleTypes;
import dev.marble.storage.Table;
import dev.marble.storage.catalog.ColumnDef;
import dev.marble.storage.catalog.TableDef;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.linq4j.Linq4j;

/**
 * The keys an INSERT generated, for {@link Statement#getGeneratedKeys()}: by default the table's
 * identity columns (or, without one, its primary key); or the columns the caller named.
 */
final class GeneratedKeys {
  /** Which columns the caller asked for: DEFAULT, or names, or 1-based positions. */
  record Request(List<String> names, int[] indexes) {
    static final Request DEFAULT = new Request(null, null);
  }

  static Request byName(String[] names) {
    return names == null || names.length == 0 ? Request.DEFAULT : new Request(List.of(names), null);
  }

  static Request byIndex(int[] indexes) {
    return indexes == null || indexes.length == 0 ? Request.DEFAULT : new Request(null, indexes.clone());
  }

  private final Table table;
  private final Request request;
  private final List<Object[]> rows;

  GeneratedKeys(Table table, Request request, List<Object[]> rows) {
    this.table = table;
    this.request = request;
    this.rows = rows;
  }

  static ResultSet empty(MarbleStatement statement) {
    return new MarbleResultSet(statement, List.of(), Linq4j.enumerator(List.of()));
  }

  ResultSet resultSet(MarbleStatement statement) throws SQLException {
    TableDef def = table.def();
    int[] positions = positions(def);
    List<ResultColumn> columns = new ArrayList<>();
    for (int p : positions) {
      columns.add(ResultColumns.ofColumn(table.schema(), def.name(), def.columns().get(p)));
    }
    List<Object[]> out = new ArrayList<>(rows.size());
    for (Object[] row : rows) {
      Object[] keys = new Object[positions.length];
      for (int i = 0; i < positions.length; i++) {
        keys[i] = MarbleTypes.toCalcite(row[positions[i]]);
      }
      out.add(keys);
    }
    return new MarbleResultSet(statement, columns, Linq4j.enumerator(out));
  }

  private int[] positions(TableDef def) throws SQLException {
    if (request.names() != null) {
      int[] p = new int[request.names().size()];
      for (int i = 0; i < p.length; i++) {
        ColumnDef c = def.column(request.names().get(i));
        if (c == null) {
          throw new SQLException("Generated key column " + request.names().get(i) + " does not exist in table "
              + def.name(), "42S22");
        }
        p[i] = def.position(c.id());
      }
      return p;
    }
    if (request.indexes() != null) {
      int[] p = new int[request.indexes().length];
      for (int i = 0; i < p.length; i++) {
        int index = request.indexes()[i];
        if (index < 1 || index > def.columns().size()) {
          throw new SQLException("Generated key column index " + index + " is out of range for table "
              + def.name() + " (1 to " + def.columns().size() + ")", "07009");
        }
        p[i] = index - 1;
      }
      return p;
    }
    List<Integer> identity = new ArrayList<>();
    for (int i = 0; i < def.columns().size(); i++) {
      if (def.columns().get(i).identity() != null) {
        identity.add(i);
      }
    }
    return identity.isEmpty() ? def.primaryKeyPositions() : identity.stream().mapToInt(Integer::intValue).toArray();
  }
}
