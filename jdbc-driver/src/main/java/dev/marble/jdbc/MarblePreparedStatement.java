package dev.marble.jdbc;

import dev.marble.sql.ParameterField;
import dev.marble.sql.Prepared;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;

/**
 * A prepared statement. Parsing and planning happen once per SQL text in the engine's plan cache,
 * so creating many PreparedStatement objects for the same SQL (as Hibernate does) costs a cache
 * lookup each. Parameter values are converted to the engine's representation when set, so a bad
 * value fails at the setter, naming the parameter.
 */
final class MarblePreparedStatement extends MarbleStatement implements PreparedStatement {
  private final String sql;
  private final GeneratedKeys.Request keys;
  private Prepared prepared;
  private final Object[] values;
  private final boolean[] set;
  private final List<Object[]> batch = new ArrayList<>();

  MarblePreparedStatement(MarbleConnection connection, String sql, GeneratedKeys.Request keys) throws SQLException {
    super(connection);
    this.sql = sql;
    this.keys = keys;
    this.prepared = prepare(sql);
    this.values = new Object[prepared.parameters().size()];
    this.set = new boolean[values.length];
  }

  /** The current plan: the cached one for this SQL, re-planned when DDL changed the catalog. */
  private Prepared current() throws SQLException {
    prepared = prepare(sql);
    if (prepared.parameters().size() != values.length) {
      throw new SQLException("The statement's parameters changed after DDL; prepare it again: " + sql, "07001");
    }
    return prepared;
  }

  /** The values to run with; EXPLAIN shows the plan without them (unset ones are NULL). */
  private Object[] boundValues() throws SQLException {
    for (int i = 0; i < set.length; i++) {
      if (!set[i] && prepared.kind() != Prepared.Kind.EXPLAIN) {
        throw new SQLException("No value specified for parameter " + (i + 1), "07001");
      }
    }
    return values.clone();
  }

  // ---- execution ----------------------------------------------------------------------------

  @Override
  public boolean execute() throws SQLException {
    return run(current(), boundValues(), keys);
  }

  @Override
  public ResultSet executeQuery() throws SQLException {
    Prepared p = current();
    requireQuery(p, true);
    run(p, boundValues(), null);
    return getResultSet();
  }

  @Override
  public int executeUpdate() throws SQLException {
    return (int) executeLargeUpdate();
  }

  @Override
  public long executeLargeUpdate() throws SQLException {
    Prepared p = current();
    requireQuery(p, false);
    run(p, boundValues(), keys);
    return getLargeUpdateCount();
  }

  @Override
  public void addBatch() throws SQLException {
    checkOpen();
    batch.add(boundValues());
  }

  @Override
  public void clearBatch() throws SQLException {
    super.clearBatch();
    batch.clear();
  }

  @Override
  public long[] executeLargeBatch() throws SQLException {
    checkOpen();
    List<Object[]> work = new ArrayList<>(batch);
    batch.clear();
    long[] counts = new long[work.size()];
    for (int i = 0; i < work.size(); i++) {
      try {
        Prepared p = current();
        requireQuery(p, false);
        run(p, work.get(i), keys);
        counts[i] = getLargeUpdateCount();
      } catch (SQLException e) {
        throw batchFailure(e, java.util.Arrays.copyOf(counts, i));
      }
    }
    return counts;
  }

  @Override
  public ResultSetMetaData getMetaData() throws SQLException {
    checkOpen();
    if (prepared.fields().isEmpty()) {
      return null;
    }
    return new MarbleResultSetMetaData(ResultColumns.of(prepared.fields()));
  }

  @Override
  public ParameterMetaData getParameterMetaData() throws SQLException {
    checkOpen();
    return new MarbleParameterMetaData(prepared.parameters());
  }

  @Override
  public void clearParameters() throws SQLException {
    checkOpen();
    java.util.Arrays.fill(values, null);
    java.util.Arrays.fill(set, false);
  }

  // ---- parameters ---------------------------------------------------------------------------

  private void bind(int index, Object value) throws SQLException {
    checkOpen();
    if (index < 1 || index > values.length) {
      throw new SQLException("Parameter index " + index + " is out of range (the statement has " + values.length
          + " parameters)", "07009");
    }
    ParameterField p = prepared.parameters().get(index - 1);
    values[index - 1] = JdbcValues.toEngine(value, MarbleParameterMetaData.jdbcType(p), MarbleParameterMetaData.typeName(p),
        "parameter " + index);
    set[index - 1] = true;
  }

  @Override
  public void setNull(int i, int sqlType) throws SQLException {
    bind(i, null);
  }

  @Override
  public void setNull(int i, int sqlType, String typeName) throws SQLException {
    bind(i, null);
  }

  @Override
  public void setBoolean(int i, boolean x) throws SQLException {
    bind(i, x);
  }

  @Override
  public void setByte(int i, byte x) throws SQLException {
    bind(i, x);
  }

  @Override
  public void setShort(int i, short x) throws SQLException {
    bind(i, x);
  }

  @Override
  public void setInt(int i, int x) throws SQLException {
    bind(i, x);
  }

  @Override
  public void setLong(int i, long x) throws SQLException {
    bind(i, x);
  }

  @Override
  public void setFloat(int i, float x) throws SQLException {
    bind(i, x);
  }

  @Override
  public void setDouble(int i, double x) throws SQLException {
    bind(i, x);
  }

  @Override
  public void setBigDecimal(int i, BigDecimal x) throws SQLException {
    bind(i, x);
  }

  @Override
  public void setString(int i, String x) throws SQLException {
    bind(i, x);
  }

  @Override
  public void setNString(int i, String x) throws SQLException {
    bind(i, x);
  }

  @Override
  public void setBytes(int i, byte[] x) throws SQLException {
    bind(i, x);
  }

  @Override
  public void setDate(int i, Date x) throws SQLException {
    bind(i, x);
  }

  @Override
  public void setDate(int i, Date x, Calendar cal) throws SQLException {
    bind(i, x == null ? null : JdbcValues.localDateTime(x, cal).toLocalDate());
  }

  @Override
  public void setTime(int i, Time x) throws SQLException {
    bind(i, x);
  }

  @Override
  public void setTime(int i, Time x, Calendar cal) throws SQLException {
    bind(i, x == null ? null : JdbcValues.localDateTime(x, cal).toLocalTime());
  }

  @Override
  public void setTimestamp(int i, Timestamp x) throws SQLException {
    bind(i, x);
  }

  @Override
  public void setTimestamp(int i, Timestamp x, Calendar cal) throws SQLException {
    bind(i, x == null ? null : JdbcValues.localDateTime(x, cal));
  }

  @Override
  public void setObject(int i, Object x) throws SQLException {
    bind(i, x);
  }

  @Override
  public void setObject(int i, Object x, int targetSqlType) throws SQLException {
    bind(i, x);
  }

  @Override
  public void setObject(int i, Object x, int targetSqlType, int scaleOrLength) throws SQLException {
    bind(i, x instanceof BigDecimal d ? d.setScale(scaleOrLength, java.math.RoundingMode.HALF_UP) : x);
  }

  @Override
  public void setAsciiStream(int i, InputStream x, int length) throws SQLException {
    bind(i, x == null ? null : Streams.ascii(x, length));
  }

  @Override
  public void setAsciiStream(int i, InputStream x, long length) throws SQLException {
    bind(i, x == null ? null : Streams.ascii(x, length));
  }

  @Override
  public void setAsciiStream(int i, InputStream x) throws SQLException {
    bind(i, x == null ? null : Streams.ascii(x, -1));
  }

  @Override
  @SuppressWarnings("deprecation")
  public void setUnicodeStream(int i, InputStream x, int length) throws SQLException {
    throw new SQLFeatureNotSupportedException("setUnicodeStream is deprecated; use setCharacterStream", "0A000");
  }

  @Override
  public void setBinaryStream(int i, InputStream x, int length) throws SQLException {
    bind(i, x == null ? null : Streams.bytes(x, length));
  }

  @Override
  public void setBinaryStream(int i, InputStream x, long length) throws SQLException {
    bind(i, x == null ? null : Streams.bytes(x, length));
  }

  @Override
  public void setBinaryStream(int i, InputStream x) throws SQLException {
    bind(i, x == null ? null : Streams.bytes(x, -1));
  }

  @Override
  public void setCharacterStream(int i, Reader x, int length) throws SQLException {
    bind(i, x == null ? null : Streams.chars(x, length));
  }

  @Override
  public void setCharacterStream(int i, Reader x, long length) throws SQLException {
    bind(i, x == null ? null : Streams.chars(x, length));
  }

  @Override
  public void setCharacterStream(int i, Reader x) throws SQLException {
    bind(i, x == null ? null : Streams.chars(x, -1));
  }

  @Override
  public void setNCharacterStream(int i, Reader x, long length) throws SQLException {
    setCharacterStream(i, x, length);
  }

  @Override
  public void setNCharacterStream(int i, Reader x) throws SQLException {
    setCharacterStream(i, x);
  }

  @Override
  public void setBlob(int i, Blob x) throws SQLException {
    bind(i, x);
  }

  @Override
  public void setBlob(int i, InputStream x, long length) throws SQLException {
    setBinaryStream(i, x, length);
  }

  @Override
  public void setBlob(int i, InputStream x) throws SQLException {
    setBinaryStream(i, x);
  }

  @Override
  public void setClob(int i, Clob x) throws SQLException {
    bind(i, x);
  }

  @Override
  public void setClob(int i, Reader x, long length) throws SQLException {
    setCharacterStream(i, x, length);
  }

  @Override
  public void setClob(int i, Reader x) throws SQLException {
    setCharacterStream(i, x);
  }

  @Override
  public void setNClob(int i, NClob x) throws SQLException {
    bind(i, x);
  }

  @Override
  public void setNClob(int i, Reader x, long length) throws SQLException {
    setCharacterStream(i, x, length);
  }

  @Override
  public void setNClob(int i, Reader x) throws SQLException {
    setCharacterStream(i, x);
  }

  @Override
  public void setRef(int i, Ref x) throws SQLException {
    throw new SQLFeatureNotSupportedException("Marble has no REF type", "0A000");
  }

  @Override
  public void setArray(int i, Array x) throws SQLException {
    throw new SQLFeatureNotSupportedException("Marble has no ARRAY columns", "0A000");
  }

  @Override
  public void setURL(int i, URL x) throws SQLException {
    bind(i, x == null ? null : x.toString());
  }

  @Override
  public void setRowId(int i, RowId x) throws SQLException {
    throw new SQLFeatureNotSupportedException("Marble has no ROWID type", "0A000");
  }

  @Override
  public void setSQLXML(int i, SQLXML x) throws SQLException {
    throw new SQLFeatureNotSupportedException("Marble has no XML type", "0A000");
  }

  // ---- plain-SQL methods JDBC forbids on a PreparedStatement --------------------------------

  private static SQLException notOnPrepared() {
    return new SQLException("This method takes no SQL on a PreparedStatement; use the no-argument form", "HY000");
  }

  @Override
  public boolean execute(String sql) throws SQLException {
    throw notOnPrepared();
  }

  @Override
  public ResultSet executeQuery(String sql) throws SQLException {
    throw notOnPrepared();
  }

  @Override
  public long executeLargeUpdate(String sql) throws SQLException {
    throw notOnPrepared();
  }

  @Override
  public void addBatch(String sql) throws SQLException {
    throw notOnPrepared();
  }
}
