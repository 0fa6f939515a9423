package dev.marble.jdbc.remote;

import dev.marble.jdbc.JdbcValues;
import dev.marble.jdbc.Streams;
import java.io.InputStream;
import java.io.Reader;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Types;
import java.time.LocalDateTime;
import java.util.Calendar;
import org.apache.calcite.avatica.util.ByteString;

/**
 * The parameter setters of a remote PreparedStatement. Each value is converted here, by the
 * embedded driver's own rules ({@link JdbcValues#toEngine}), so a bad value fails at the same
 * call with the same error as embedded; what goes to Avatica is then a value it can carry: the
 * text form of the converted value (which the server reads back into the same value), bytes for
 * binary types, or an explicit null. Avatica itself carries no java.time values, no UUIDs, no
 * unset parameters and no streams.
 */
final class RemoteParameters {
  private final PreparedStatement avatica;

  RemoteParameters(PreparedStatement avatica) {
    this.avatica = avatica;
  }

  /** {@code method} is a setter of PreparedStatement whose first argument is the parameter index. */
  void set(Method method, Object[] args) throws SQLException {
    int index = (Integer) args[0];
    ParameterMetaData md = avatica.getParameterMetaData();
    if (index < 1 || index > md.getParameterCount()) {
      throw new SQLException("Parameter index " + index + " is out of range (the statement has "
          + md.getParameterCount() + " parameters)", "07009");
    }
    int type = md.getParameterType(index);
    String typeName = md.getParameterTypeName(index);
    Object value = jdbcValue(method.getName(), args);
    Object engine = JdbcValues.toEngine(value, type, typeName, "parameter " + index);
    if (engine == null) {
      avatica.setNull(index, type);
    } else if (engine instanceof ByteString bytes) {
      avatica.setBytes(index, bytes.getBytes());
    } else if (JdbcValues.jdbcType(typeName) == Types.OTHER && !"UUID".equalsIgnoreCase(typeName)) {
      avatica.setObject(index, value); // a type Marble does not convert: as the application gave it
    } else {
      avatica.setString(index, JdbcValues.toText(engine, type, typeName));
    }
  }

  /** The value the embedded PreparedStatement would bind for this setter call. */
  private static Object jdbcValue(String setter, Object[] args) throws SQLException {
    Object x = args[1];
    long length = args.length == 3 && args[2] instanceof Number n ? n.longValue() : -1;
    switch (setter) {
      case "setNull":
        return null;
      case "setDate":
      case "setTime":
      case "setTimestamp":
        if (args.length == 3 && x != null) {
          LocalDateTime local = JdbcValues.localDateTime((java.util.Date) x, (Calendar) args[2]);
          return setter.equals("setDate") ? local.toLocalDate()
              : setter.equals("setTime") ? local.toLocalTime() : local;
        }
        return x;
      case "setObject":
        return args.length == 4 && x instanceof BigDecimal d ? d.setScale((Integer) args[3], RoundingMode.HALF_UP) : x;
      case "setUnicodeStream":
        throw new SQLFeatureNotSupportedException("setUnicodeStream is deprecated; use setCharacterStream", "0A000");
      case "setAsciiStream":
        return x == null ? null : Streams.ascii((InputStream) x, length);
      default:
        if (x instanceof InputStream in) {
          return Streams.bytes(in, length);
        }
        return x instanceof Reader r ? Streams.chars(r, length) : x;
    }
  }

  /**
   * executeQuery and executeUpdate refuse the wrong kind of statement before it runs, as embedded:
   * the prepared statement's columns tell whether it is a query.
   */
  void checkKind(boolean query) throws SQLException {
    boolean isQuery = avatica.getMetaData() != null && avatica.getMetaData().getColumnCount() > 0;
    if (query && !isQuery) {
      throw new SQLException("executeQuery needs a query, not a statement without results", "42000");
    }
    if (!query && isQuery) {
      throw new SQLException("executeUpdate cannot run a query; use executeQuery or execute", "42000");
    }
  }
}
