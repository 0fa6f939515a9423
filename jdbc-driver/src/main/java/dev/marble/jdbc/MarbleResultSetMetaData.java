package dev.marble.jdbc;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.List;

/**
 * Metadata of a Marble result: a view of its {@link ResultColumn}s. Results are read-only and
 * searchable; no type is a currency; only character columns are case-sensitive; the catalog name is
 * always {@code ""}.
 */
public final class MarbleResultSetMetaData implements ResultSetMetaData {
  private final List<ResultColumn> columns;

  public MarbleResultSetMetaData(List<ResultColumn> columns) {
    this.columns = List.copyOf(columns);
  }

  /** The columns described, in order. */
  public List<ResultColumn> columns() {
    return columns;
  }

  /**
   * The column at a 1-based index; SQLState 07009 when out of range.
   */
  static ResultColumn column(List<ResultColumn> columns, int column) throws SQLException {
    if (column < 1 || column > columns.size()) {
      throw new SQLException(
          "Invalid column index " + column + " (result has " + columns.size() + " columns)",
          "07009");
    }
    return columns.get(column - 1);
  }

  private ResultColumn column(int column) throws SQLException {
    return column(columns, column);
  }

  @Override
  public int getColumnCount() {
    return columns.size();
  }

  @Override
  public boolean isAutoIncrement(int column) throws SQLException {
    return column(column).autoIncrement();
  }

  @Override
  public boolean isCaseSensitive(int column) throws SQLException {
    return JdbcValues.Kind.of(column(column)) == JdbcValues.Kind.STRING;
  }

  @Override
  public boolean isSearchable(int column) throws SQLException {
    column(column);
    return true;
  }

  @Override
  public boolean isCurrency(int column) throws SQLException {
    column(column);
    return false;
  }

  @Override
  public int isNullable(int column) throws SQLException {
    return column(column).nullable();
  }

  @Override
  public boolean isSigned(int column) throws SQLException {
    return column(column).signed();
  }

  @Override
  public int getColumnDisplaySize(int column) throws SQLException {
    return column(column).displaySize();
  }

  @Override
  public String getColumnLabel(int column) throws SQLException {
    return column(column).label();
  }

  @Override
  public String getColumnName(int column) throws SQLException {
    return column(column).name();
  }

  @Override
  public String getSchemaName(int column) throws SQLException {
    return column(column).schema();
  }

  @Override
  public int getPrecision(int column) throws SQLException {
    return column(column).precision();
  }

  @Override
  public int getScale(int column) throws SQLException {
    return column(column).scale();
  }

  @Override
  public String getTableName(int column) throws SQLException {
    return column(column).table();
  }

  @Override
  public String getCatalogName(int column) throws SQLException {
    column(column);
    return "";
  }

  @Override
  public int getColumnType(int column) throws SQLException {
    return column(column).jdbcType();
  }

  @Override
  public String getColumnTypeName(int column) throws SQLException {
    return column(column).typeName();
  }

  @Override
  public boolean isReadOnly(int column) throws SQLException {
    column(column);
    return true;
  }

  @Override
  public boolean isWritable(int column) throws SQLException {
    column(column);
    return false;
  }

  @Override
  public boolean isDefinitelyWritable(int column) throws SQLException {
    column(column);
    return false;
  }

  @Override
  public String getColumnClassName(int column) throws SQLException {
    return column(column).columnClassName();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return Wrappers.unwrap(this, iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this);
  }
}
