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

  /** ResultSetMetaData whose getColumnType answers CLOB and BLOB again. */
  static ResultSetMetaData columns(ResultSetMetaData avatica) throws NoSuchMethodException {
    return RemoteJdbc.proxy(ResultSetMetaData.class, new TypesHandler(avatica, "getColumnType",
        ResultSetMetaData.class.getMethod("getColumnTypeName", int.class)));
  }

  /** ParameterMetaData whose getParameterType answers CLOB and BLOB again. */
  static ParameterMetaData parameters(ParameterMetaData avatica) throws NoSuchMethodException {
    return RemoteJdbc.proxy(ParameterMetaData.class, new TypesHandler(avatica, "getParameterType",
        ParameterMetaData.class.getMethod("getParameterTypeName", int.class)));
  }

  /** Passes every call, restoring the answer of {@code typeMethod}(i) from {@code typeName}(i). */
  private static final class TypesHandler extends RemoteJdbc.Handler {
    private final String typeMethod;
    private final Method typeName;

    TypesHandler(Object target, String typeMethod, Method typeName) {
      super(target);
      this.typeMethod = typeMethod;
      this.typeName = typeName;
    }

    @Override
    Object handle(Method method, Object[] args) throws Throwable {
      Object value = pass(method, args);
      if (method.getName().equals(typeMethod)) {
        return jdbcType((Integer) value, (String) typeName.invoke(target, args[0]));
      }
      return value;
    }
  }
}
