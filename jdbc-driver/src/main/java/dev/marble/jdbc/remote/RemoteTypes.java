package dev.marble.jdbc.remote;

import dev.marble.jdbc.JdbcValues;
import java.lang.reflect.Method;
import java.sql.ParameterMetaData;
import java.sql.ResultSetMetaData;
import java.sql.Types;

/**
 * Restores the JDBC types the server described in types Avatica carries: a CLOB column travels as
 * VARCHAR and a BLOB as VARBINARY, under their own type names (see the server's WireTypes).
 */
final class RemoteTypes {
  private RemoteTypes() {}

  /** The JDBC type of a column or parameter that Avatica reports as {@code wireType} named {@code typeName}. */
  static int jdbcType(int wireType, String typeName) {
    int named = JdbcValues.jdbcType(typeName);
    boolean lob = named == Types.CLOB || named == Types.NCLOB || named == Types.BLOB;
    return lob && (wireType == Types.VARCHAR || wireType == Types.VARBINARY) ? named : wireType;
  }

  /** ResultSetMetaData: getColumnType restored. */
  static final class ColumnsHandler extends RemoteJdbc.Handler {
    ColumnsHandler(ResultSetMetaData target) {
      super(target);
    }

    @Override
    Object handle(Method method, Object[] args) throws Throwable {
      Object value = pass(method, args);
      if (method.getName().equals("getColumnType")) {
        int column = (Integer) args[0];
        return jdbcType((Integer) value, ((ResultSetMetaData) target).getColumnTypeName(column));
      }
      return value;
    }
  }

  /** ParameterMetaData: getParameterType restored. */
  static final class ParametersHandler extends RemoteJdbc.Handler {
    ParametersHandler(ParameterMetaData target) {
      super(target);
    }

    @Override
    Object handle(Method method, Object[] args) throws Throwable {
      Object value = pass(method, args);
      if (method.getName().equals("getParameterType")) {
        int param = (Integer) args[0];
        return jdbcType((Integer) value, ((ParameterMetaData) target).getParameterTypeName(param));
      }
      return value;
    }
  }
}
