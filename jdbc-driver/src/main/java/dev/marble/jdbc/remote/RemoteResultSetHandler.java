package dev.marble.jdbc.remote;

import dev.marble.jdbc.JdbcValues;
import java.io.InputStream;
import java.io.Reader;
import java.lang.reflect.Method;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.NClob;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * A remote ResultSet: getStatement answers the proxy, and the reads where Avatica's answer differs
 * from the embedded driver's (getString's text, getObject's classes, Clob, Blob and streams, which
 * Avatica lacks, UUIDs, which travel as text) convert Avatica's value as the embedded driver
 * converts its own ({@link JdbcValues#convertRead}).
 */
final class RemoteResultSetHandler extends RemoteJdbc.Handler {
  /** The getters answered by conversion, and the class each asks for. */
  private static final Map<String, Class<?>> CONVERTED = Map.of(
      "getString", String.class, "getNString", String.class, "getClob", Clob.class, "getNClob", NClob.class,
      "getBlob", Blob.class, "getCharacterStream", Reader.class, "getNCharacterStream", Reader.class,
      "getBinaryStream", InputStream.class);

  private final Statement statement;

  RemoteResultSetHandler(ResultSet target, Statement statement) {
    super(target);
    this.statement = statement;
  }

  @Override
  Object handle(Method method, Object[] args) throws Throwable {
    String name = method.getName();
    switch (name) {
      case "getStatement":
        return statement;
      case "getMetaData":
        return RemoteTypes.columns(((ResultSet) target).getMetaData());
      case "getObject":
        boolean typed = method.getParameterTypes().length == 2 && method.getParameterTypes()[1] == Class.class;
        if (typed && args[1] == null) {
          throw new SQLException("Type must not be null", "HY009");
        }
        return read(args, typed ? (Class<?>) args[1] : Object.class);
      default:
        Class<?> converted = CONVERTED.get(name);
        return converted == null ? pass(method, args) : read(args, converted);
    }
  }

  private Object read(Object[] args, Class<?> type) throws SQLException {
    ResultSet rs = (ResultSet) target;
    int column = args[0] instanceof String label ? rs.findColumn(label) : (Integer) args[0];
    ResultSetMetaData md = rs.getMetaData();
    String typeName = md.getColumnTypeName(column);
    int jdbcType = RemoteTypes.jdbcType(md.getColumnType(column), typeName);
    return JdbcValues.convertRead(rs.getObject(column), jdbcType, typeName, type, md.getColumnLabel(column));
  }
}
