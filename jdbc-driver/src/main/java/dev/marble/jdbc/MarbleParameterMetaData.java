package dev.marble.jdbc;

import dev.marble.sql.ParameterField;
import java.sql.ParameterMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import org.apache.calcite.sql.type.SqlTypeName;

/** The types the engine inferred for a statement's {@code ?} parameters. */
final class MarbleParameterMetaData implements ParameterMetaData {
  private final List<ParameterField> parameters;

  MarbleParameterMetaData(List<ParameterField> parameters) {
    this.parameters = parameters;
  }

  static int jdbcType(ParameterField p) {
    return ResultColumns.jdbcType(p.type(), null);
  }

  static String typeName(ParameterField p) {
    return p.type() == SqlTypeName.UUID ? "UUID" : p.type().getName();
  }

  private ParameterField at(int index) throws SQLException {
    if (index < 1 || index > parameters.size()) {
      throw new SQLException("Parameter index " + index + " is out of range (1 to " + parameters.size() + ")", "07009");
    }
    return parameters.get(index - 1);
  }

  @Override
  public int getParameterCount() {
    return parameters.size();
  }

  @Override
  public int isNullable(int param) throws SQLException {
    at(param);
    return parameterNullable;
  }

  @Override
  public boolean isSigned(int param) throws SQLException {
    return ResultColumn.isSigned(jdbcType(at(param)));
  }

  @Override
  public int getPrecision(int param) throws SQLException {
    int p = at(param).precision();
    return p < 0 ? 0 : p;
  }

  @Override
  public int getScale(int param) throws SQLException {
    int s = at(param).scale();
    return s < 0 ? 0 : s;
  }

  @Override
  public int getParameterType(int param) throws SQLException {
    return jdbcType(at(param));
  }

  @Override
  public String getParameterTypeName(int param) throws SQLException {
    return typeName(at(param));
  }

  @Override
  public String getParameterClassName(int param) throws SQLException {
    int type = jdbcType(at(param));
    return type == Types.OTHER ? Object.class.getName() : ResultColumn.columnClassName(type, typeName(at(param)));
  }

  @Override
  public int getParameterMode(int param) throws SQLException {
    at(param);
    return parameterModeIn;
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
