package dev.marble.jdbc;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.NClob;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.rowset.serial.SerialBlob;
import org.apache.calcite.linq4j.Enumerator;

/**
 * A forward-only, read-only result over the engine's row {@link Enumerator} (one {@code Object[]}
 * per row, values in the engine representation described in {@link JdbcValues}).
 *
 * <p>{@code getObject(int)} returns, by column type (JDBC 4.3 table B-3): BOOLEAN {@code Boolean};
 * TINYINT, SMALLINT, INTEGER {@code Integer}; BIGINT {@code Long}; REAL {@code Float}; FLOAT,
 * DOUBLE {@code Double}; DECIMAL {@code BigDecimal}; CHAR, VARCHAR and also CLOB {@code String};
 * BINARY, VARBINARY and also BLOB {@code byte[]}; DATE {@code java.sql.Date}; TIME {@code
 * java.sql.Time}; TIMESTAMP {@code java.sql.Timestamp}; UUID {@code java.util.UUID}; other types
 * (ARRAY, MAP, ...) the engine's value. {@link ResultSetMetaData#getColumnClassName} agrees.
 *
 * <p>The cursor reads one row ahead only when asked {@link #isLast()} or {@link #isBeforeFirst()}.
 * The enumerator is closed as soon as it is exhausted and on {@link #close()}.
 *
 * <p>SQLStates: closed result set and getters without a current row 24000; scrolling methods on
 * this TYPE_FORWARD_ONLY result HY106 ("fetch type out of range"); bad column index 07009; unknown
 * column label 42S22; conversions 22003/22018 (see {@link JdbcValues}); updates, cursor names,
 * URL/Ref/RowId/SQLXML getters 0A000 ({@link SQLFeatureNotSupportedException}). Holdability is
 * HOLD_CURSORS_OVER_COMMIT: rows come from an enumerator that a commit does not invalidate.
 */
public final class MarbleResultSet extends ReadOnlyResultSet {
  private final Statement statement;
  private final List<ResultColumn> columns;
  private final JdbcValues.Kind[] kinds;
  private final Enumerator<?> rows;
  private final Map<String, Integer> labelCache = new HashMap<>();
  private MarbleResultSetMetaData metaData;
  private Runnable onClose;

  private Object[] current;
  private Object[] peeked;
  private boolean exhausted;
  private boolean rowsClosed;
  private boolean afterLast;
  private int rowNumber;
  private boolean wasNull;
  private boolean closed;
  private int fetchSize;

  /**
   * @param statementOrNull what {@link #getStatement()} returns
   * @param columns one per value of each row
   * @param rows the rows; closed when exhausted or when this result set is closed
   */
  public MarbleResultSet(
      Statement statementOrNull, List<ResultColumn> columns, Enumerator<Object[]> rows) {
    this.statement = statementOrNull;
    this.columns = List.copyOf(columns);
    this.rows = rows;
    this.kinds = this.columns.stream().map(JdbcValues.Kind::of).toArray(JdbcValues.Kind[]::new);
  }

  /**
   * Runs {@code hook} once, when this result set is closed (e.g. for {@code closeOnCompletion}).
   * The hook must not call {@link #close()} back; it may close the statement.
   */
  public void setOnClose(Runnable hook) {
    this.onClose = hook;
  }

  /** The columns of this result. */
  public List<ResultColumn> columns() {
    return columns;
  }

  // ======================================================================= cursor

  @Override
  public boolean next() throws SQLException {
    checkOpen();
    if (afterLast) {
      return false;
    }
    current = pull();
    if (current == null) {
      afterLast = true;
      return false;
    }
    rowNumber++;
    return true;
  }

  /** The next row: the peeked one, or one from the enumerator; null at the end. */
  private Object[] pull() throws SQLException {
    if (peeked != null) {
      Object[] row = peeked;
      peeked = null;
      return row;
    }
    if (exhausted) {
      return null;
    }
    try {
      if (rows.moveNext()) {
        Object row = rows.current();
        return row instanceof Object[] ? (Object[]) row : new Object[] {row};
      }
    } catch (RuntimeException e) {
      throw engineError(e);
    }
    exhausted = true;
    closeRows();
    return null;
  }

  private boolean hasMore() throws SQLException {
    if (peeked == null) {
      peeked = pull();
    }
    return peeked != null;
  }

  private static SQLException engineError(RuntimeException e) {
    return SqlExceptions.of(e);
  }

  @Override
  public boolean isBeforeFirst() throws SQLException {
    checkOpen();
    return rowNumber == 0 && !afterLast && hasMore();
  }

  @Override
  public boolean isAfterLast() throws SQLException {
    checkOpen();
    return afterLast && rowNumber > 0;
  }

  @Override
  public boolean isFirst() throws SQLException {
    checkOpen();
    return current != null && rowNumber == 1;
  }

  @Override
  public boolean isLast() throws SQLException {
    checkOpen();
    return current != null && !hasMore();
  }

  @Override
  public int getRow() throws SQLException {
    checkOpen();
    return current == null ? 0 : rowNumber;
  }

  @Override
  public void beforeFirst() throws SQLException {
    throw forwardOnly();
  }

  @Override
  public void afterLast() throws SQLException {
    throw forwardOnly();
  }

  @Override
  public boolean first() throws SQLException {
    throw forwardOnly();
  }

  @Override
  public boolean last() throws SQLException {
    throw forwardOnly();
  }

  @Override
  public boolean absolute(int row) throws SQLException {
    throw forwardOnly();
  }

  @Override
  public boolean relative(int rows) throws SQLException {
    throw forwardOnly();
  }

  @Override
  public boolean previous() throws SQLException {
    throw forwardOnly();
  }

  private SQLException forwardOnly() throws SQLException {
    checkOpen();
    return new SQLException("ResultSet is TYPE_FORWARD_ONLY", "HY106");
  }

  @Override
  public void setFetchDirection(int direction) throws SQLException {
    checkOpen();
    if (direction == FETCH_REVERSE || direction == FETCH_UNKNOWN) {
      throw new SQLException("ResultSet is TYPE_FORWARD_ONLY: only FETCH_FORWARD", "HY106");
    } else if (direction != FETCH_FORWARD) {
      throw new SQLException("Invalid fetch direction " + direction, "HY024");
    }
  }

  @Override
  public int getFetchDirection() throws SQLException {
    checkOpen();
    return FETCH_FORWARD;
  }

  @Override
  public void setFetchSize(int rows) throws SQLException {
    checkOpen();
    if (rows < 0) {
      throw new SQLException("Invalid fetch size " + rows, "HY024");
    }
    fetchSize = rows;
  }

  @Override
  public int getFetchSize() throws SQLException {
    checkOpen();
    return fetchSize;
  }

  @Override
  public int getType() throws SQLException {
    checkOpen();
    return TYPE_FORWARD_ONLY;
  }

  @Override
  public int getConcurrency() throws SQLException {
    checkOpen();
    return CONCUR_READ_ONLY;
  }

  @Override
  public int getHoldability() throws SQLException {
    checkOpen();
    return HOLD_CURSORS_OVER_COMMIT;
  }

  @Override
  public boolean rowUpdated() throws SQLException {
    checkOpen();
    return false;
  }

  @Override
  public boolean rowInserted() throws SQLException {
    checkOpen();
    return false;
  }

  @Override
  public boolean rowDeleted() throws SQLException {
    checkOpen();
    return false;
  }

  // ======================================================================= lifecycle

  /** Closes the rows and runs the on-close hook; later calls do nothing. */
  @Override
  public void close() throws SQLException {
    if (closed) {
      return;
    }
    closed = true;
    current = null;
    peeked = null;
    try {
      closeRows();
    } finally {
      Runnable hook = onClose;
      onClose = null;
      if (hook != null) {
        hook.run();
      }
    }
  }

  private void closeRows() throws SQLException {
    exhausted = true;
    if (!rowsClosed) {
      rowsClosed = true;
      try {
        rows.close();
      } catch (RuntimeException e) {
        throw engineError(e);
      }
    }
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  private void checkOpen() throws SQLException {
    if (closed) {
      throw new SQLException("ResultSet is closed", "24000");
    }
  }

  @Override
  public Statement getStatement() throws SQLException {
    checkOpen();
    return statement;
  }

  @Override
  public ResultSetMetaData getMetaData() throws SQLException {
    checkOpen();
    if (metaData == null) {
      metaData = new MarbleResultSetMetaData(columns);
    }
    return metaData;
  }

  @Override
  public SQLWarning getWarnings() throws SQLException {
    checkOpen();
    return null;
  }

  @Override
  public void clearWarnings() throws SQLException {
    checkOpen();
  }

  @Override
  public String getCursorName() throws SQLException {
    throw new SQLFeatureNotSupportedException("Named cursors are not supported", "0A000");
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return Wrappers.unwrap(this, iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this);
  }

  // ======================================================================= columns

  /**
   * The first column whose label equals {@code columnLabel} ignoring case, else the first whose
   * name does; SQLState 42S22 when none does.
   */
  @Override
  public int findColumn(String columnLabel) throws SQLException {
    checkOpen();
    Integer cached = labelCache.get(columnLabel);
    if (cached != null) {
      return cached;
    }
    int index = indexOf(columnLabel);
    if (index == 0) {
      String names = columns.stream().map(ResultColumn::label).collect(Collectors.joining(", "));
      throw new SQLException(
          "Column " + columnLabel + " not found in result; columns are: " + names, "42S22");
    }
    labelCache.put(columnLabel, index);
    return index;
  }

  private int indexOf(String label) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).label().equalsIgnoreCase(label)) {
        return i + 1;
      }
    }
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equalsIgnoreCase(label)) {
        return i + 1;
      }
    }
    return 0;
  }

  /** The engine value of a column of the current row; sets {@link #wasNull()}. */
  private Object value(int columnIndex) throws SQLException {
    checkOpen();
    MarbleResultSetMetaData.column(columns, columnIndex);
    if (current == null) {
      String where = afterLast ? "after the last row" : "before the first row (call next())";
      throw new SQLException("ResultSet has no current row: it is " + where, "24000");
    }
    Object value = columnIndex <= current.length ? current[columnIndex - 1] : null;
    wasNull = value == null;
    return value;
  }

  private JdbcValues.Kind kind(int columnIndex) {
    return kinds[columnIndex - 1];
  }

  private String where(int columnIndex) {
    return JdbcValues.inColumn(columns.get(columnIndex - 1).label());
  }

  private long integral(int columnIndex, long min, long max, String target) throws SQLException {
    Object v = value(columnIndex);
    return v == null ? 0 : JdbcValues.toLong(v, kind(columnIndex), min, max, target, where(columnIndex));
  }

  @Override
  public boolean wasNull() throws SQLException {
    checkOpen();
    return wasNull;
  }

  // ======================================================================= getters

  @Override
  public String getString(int columnIndex) throws SQLException {
    Object v = value(columnIndex);
    return v == null ? null : JdbcValues.toJdbcString(v, kind(columnIndex));
  }

  @Override
  public boolean getBoolean(int columnIndex) throws SQLException {
    Object v = value(columnIndex);
    return v != null && JdbcValues.toBoolean(v, kind(columnIndex), where(columnIndex));
  }

  @Override
  public byte getByte(int columnIndex) throws SQLException {
    return (byte) integral(columnIndex, Byte.MIN_VALUE, Byte.MAX_VALUE, "TINYINT");
  }

  @Override
  public short getShort(int columnIndex) throws SQLException {
    return (short) integral(columnIndex, Short.MIN_VALUE, Short.MAX_VALUE, "SMALLINT");
  }

  @Override
  public int getInt(int columnIndex) throws SQLException {
    return (int) integral(columnIndex, Integer.MIN_VALUE, Integer.MAX_VALUE, "INTEGER");
  }

  @Override
  public long getLong(int columnIndex) throws SQLException {
    return integral(columnIndex, Long.MIN_VALUE, Long.MAX_VALUE, "BIGINT");
  }

  @Override
  public float getFloat(int columnIndex) throws SQLException {
    Object v = value(columnIndex);
    return v == null ? 0 : JdbcValues.toFloat(v, kind(columnIndex), where(columnIndex));
  }

  @Override
  public double getDouble(int columnIndex) throws SQLException {
    Object v = value(columnIndex);
    return v == null ? 0 : JdbcValues.toDouble(v, kind(columnIndex), where(columnIndex));
  }

  @Override
  public BigDecimal getBigDecimal(int columnIndex) throws SQLException {
    Object v = value(columnIndex);
    return v == null ? null : JdbcValues.toBigDecimal(v, kind(columnIndex), where(columnIndex));
  }

  /** Rounds half-up to {@code scale} digits. */
  @Deprecated
  @Override
  public BigDecimal getBigDecimal(int columnIndex, int scale) throws SQLException {
    BigDecimal value = getBigDecimal(columnIndex);
    return value == null ? null : value.setScale(scale, RoundingMode.HALF_UP);
  }

  @Override
  public byte[] getBytes(int columnIndex) throws SQLException {
    Object v = value(columnIndex);
    return v == null ? null : JdbcValues.toBytes(v, kind(columnIndex), where(columnIndex));
  }

  @Override
  public java.sql.Date getDate(int columnIndex) throws SQLException {
    return getDate(columnIndex, null);
  }

  @Override
  public java.sql.Date getDate(int columnIndex, Calendar cal) throws SQLException {
    Object v = value(columnIndex);
    return v == null ? null : JdbcTemporals.sqlDate(
        JdbcValues.toLocalDate(v, kind(columnIndex), where(columnIndex)), cal);
  }

  @Override
  public Time getTime(int columnIndex) throws SQLException {
    return getTime(columnIndex, null);
  }

  @Override
  public Time getTime(int columnIndex, Calendar cal) throws SQLException {
    Object v = value(columnIndex);
    return v == null ? null : JdbcTemporals.sqlTime(
        JdbcValues.toLocalTime(v, kind(columnIndex), where(columnIndex)), cal);
  }

  @Override
  public Timestamp getTimestamp(int columnIndex) throws SQLException {
    return getTimestamp(columnIndex, null);
  }

  @Override
  public Timestamp getTimestamp(int columnIndex, Calendar cal) throws SQLException {
    Object v = value(columnIndex);
    return v == null ? null : JdbcTemporals.sqlTimestamp(
        JdbcValues.toLocalDateTime(v, kind(columnIndex), where(columnIndex)), cal);
  }

  @Override
  public Object getObject(int columnIndex) throws SQLException {
    Object v = value(columnIndex);
    return v == null ? null : JdbcValues.toJdbcObject(v, kind(columnIndex), where(columnIndex));
  }

  /** The type map is ignored: Marble has no user-defined types. */
  @Override
  public Object getObject(int columnIndex, Map<String, Class<?>> map) throws SQLException {
    return getObject(columnIndex);
  }

  /** See {@link JdbcValues} for the conversions; null values give null for every type. */
  @Override
  public <T> T getObject(int columnIndex, Class<T> type) throws SQLException {
    if (type == null) {
      throw new SQLException("Type must not be null", "HY009");
    }
    Object v = value(columnIndex);
    return v == null ? null : JdbcValues.convert(v, kind(columnIndex), type, where(columnIndex));
  }

  @Override
  public InputStream getAsciiStream(int columnIndex) throws SQLException {
    String text = getString(columnIndex);
    return text == null ? null : new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII));
  }

  @Deprecated
  @Override
  public InputStream getUnicodeStream(int columnIndex) throws SQLException {
    throw new SQLFeatureNotSupportedException("getUnicodeStream is deprecated", "0A000");
  }

  @Override
  public InputStream getBinaryStream(int columnIndex) throws SQLException {
    byte[] bytes = getBytes(columnIndex);
    return bytes == null ? null : new ByteArrayInputStream(bytes);
  }

  @Override
  public Reader getCharacterStream(int columnIndex) throws SQLException {
    String text = getString(columnIndex);
    return text == null ? null : new StringReader(text);
  }

  @Override
  public Blob getBlob(int columnIndex) throws SQLException {
    byte[] bytes = getBytes(columnIndex);
    return bytes == null ? null : new SerialBlob(bytes);
  }

  @Override
  public Clob getClob(int columnIndex) throws SQLException {
    return getNClob(columnIndex);
  }

  @Override
  public NClob getNClob(int columnIndex) throws SQLException {
    String text = getString(columnIndex);
    return text == null ? null : new MarbleClob(text);
  }

  @Override
  public String getNString(int columnIndex) throws SQLException {
    return getString(columnIndex);
  }

  @Override
  public Reader getNCharacterStream(int columnIndex) throws SQLException {
    return getCharacterStream(columnIndex);
  }

  /** Only values that already are {@link Array}s; the engine's lists are read with getObject. */
  @Override
  public Array getArray(int columnIndex) throws SQLException {
    Object v = value(columnIndex);
    if (v == null || v instanceof Array) {
      return (Array) v;
    }
    throw new SQLFeatureNotSupportedException("getArray is not supported; use getObject", "0A000");
  }

  @Override
  public Ref getRef(int columnIndex) throws SQLException {
    throw new SQLFeatureNotSupportedException("REF values are not supported", "0A000");
  }

  @Override
  public URL getURL(int columnIndex) throws SQLException {
    throw new SQLFeatureNotSupportedException("DATALINK/URL values are not supported", "0A000");
  }

  @Override
  public RowId getRowId(int columnIndex) throws SQLException {
    throw new SQLFeatureNotSupportedException("ROWID values are not supported", "0A000");
  }

  @Override
  public SQLXML getSQLXML(int columnIndex) throws SQLException {
    throw new SQLFeatureNotSupportedException("SQLXML values are not supported", "0A000");
  }
}
